"""The layers hold, and the checks that hold them would catch a break.

- import-linter's contracts (pyproject.toml, ``[tool.importlinter]``) pass on the code as it is, and fail on a copy of
  the code where a feature part imports a sibling, the kernel imports an app, or ``lib`` imports Django.
- No import is written inside a function without a comment that says why (they used to dodge import cycles).
- No two modules of the product import each other (a file cycle), directly or around a longer loop.
"""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import grimp
import pytest

from kernkompas.testing import parse_python

ROOT = Path(__file__).resolve().parents[3]
PACKAGE = ROOT / "kernkompas"
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def product_modules() -> list[Path]:
    """Every Python file of the product: not its tests, not its migrations (generated)."""
    return sorted(
        path for path in PACKAGE.rglob("*.py") if "tests" not in path.parts and "migrations" not in path.parts
    )


def lint_imports(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINT_IMPORTS), "--config", str(ROOT / "pyproject.toml"), "--no-cache"],
        cwd=root,
        env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_the_contracts_hold():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "3 kept, 0 broken" in result.stdout


# A line added to a copy of the code → the contract it must break.
BREAKS = [
    ("vitrine/views.py", "from kernkompas.monitor import models as _sibling", "Feature parts never import each other"),
    ("monitor/views.py", "from kernkompas.vitrine import models as _s", "Feature parts never import each other"),
    ("core/audit.py", "from kernkompas.places import models as _upward", "kernkompas.core is not allowed to import"),
    ("accounts/permissions.py", "from kernkompas.places import models as _up", "kernkompas.accounts is not allowed"),
    ("places/views.py", "from kernkompas.vitrine import models as _up", "kernkompas.places is not allowed"),
    ("lib/text.py", "import django as _framework", "lib is framework-free"),
]


@pytest.fixture(scope="module")
def code_copy(tmp_path_factory):
    """The package's Python files and pyproject.toml in a scratch folder, to break on purpose."""
    root = tmp_path_factory.mktemp("layers")
    shutil.copytree(PACKAGE, root / "kernkompas", ignore=shutil.ignore_patterns("*.pyc", "__pycache__", "static"))
    return root


@pytest.mark.parametrize(("module", "line", "broken"), BREAKS, ids=[b[0] for b in BREAKS])
def test_a_forbidden_import_breaks_a_contract(code_copy, module, line, broken):
    path = code_copy / "kernkompas" / module
    original = path.read_text()
    path.write_text(original + f"\n{line}\n")
    try:
        result = lint_imports(code_copy)
    finally:
        path.write_text(original)
    assert result.returncode != 0, result.stdout
    assert broken in " ".join(result.stdout.split()), result.stdout


def imports_inside_functions_without_reason(source: str) -> list[int]:
    """Line numbers of imports inside a function with no comment on their line or on the comment lines above."""
    lines = source.splitlines()
    found = []
    for node in ast.walk(parse_python(source)):
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        for inner in ast.walk(node):
            if isinstance(inner, ast.Import | ast.ImportFrom) and not _has_reason(lines, inner.lineno - 1):
                found.append(inner.lineno)
    return sorted(set(found))


def _has_reason(lines: list[str], index: int) -> bool:
    comment = lines[index].partition("#")[2].strip()
    if comment and not comment.startswith("noqa"):
        return True
    above = index - 1
    while above >= 0 and lines[above].strip().startswith(("from ", "import ")):
        above -= 1  # a group of imports under one comment
    return above >= 0 and lines[above].strip().startswith("#")


def test_no_import_inside_a_function_without_a_reason():
    found = {
        str(path.relative_to(PACKAGE)): lines
        for path in product_modules()
        if (lines := imports_inside_functions_without_reason(path.read_text()))
    }
    assert not found, (
        "Imports inside functions need a comment that says why (e.g. '# import here: ready() is where …'); "
        f"most belong at the top of the module: {found}"
    )


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("def f():\n    import os\n", [2]),
        ("def f():\n    from os import path  # noqa: F401\n", [2]),
        ("def f():\n    # import here: only the worker needs it\n    import os\n", []),
        ("def f():\n    import os  # import here: heavy, rarely used\n", []),
        ("def f():\n    # import here: both come from the app registry\n    import os\n    import sys\n", []),
        ("import os\n\n\ndef f():\n    return os\n", []),
    ],
)
def test_the_function_import_rule(source, expected):
    assert imports_inside_functions_without_reason(source) == expected


def test_no_two_modules_import_each_other():
    graph = grimp.build_graph("kernkompas", cache_dir=None)
    product = {m for m in graph.modules if ".tests" not in m and ".migrations" not in m}
    cycles = []
    for module in sorted(product):
        for imported in graph.find_modules_directly_imported_by(module) & product:
            if imported != module and graph.chain_exists(importer=imported, imported=module):
                cycles.append(f"{module} → {imported} → … → {module}")
    assert not cycles, "Modules in an import cycle:\n" + "\n".join(cycles)
