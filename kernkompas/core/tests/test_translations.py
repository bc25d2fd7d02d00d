"""Dutch is the first language: every string in the code has a Dutch translation, and the compiled file is current."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

PACKAGE = Path(__file__).resolve().parents[2]
NL_PO = PACKAGE / "locale" / "nl" / "LC_MESSAGES" / "django.po"
NL_MO = NL_PO.with_suffix(".mo")


def _catalogue(path: Path) -> dict[tuple[str | None, str], object]:
    entries = polib.pofile(str(path)) if path.suffix == ".po" else polib.mofile(str(path))
    result = {}
    for entry in entries:
        if not entry.msgid or entry.obsolete:
            continue
        value = tuple(entry.msgstr_plural.values()) if entry.msgid_plural else entry.msgstr
        result[(entry.msgctxt, entry.msgid)] = value
    return result


def test_every_dutch_string_is_translated_and_not_fuzzy():
    po = polib.pofile(str(NL_PO))
    missing = [e.msgid for e in po.untranslated_entries() if not e.obsolete]
    fuzzy = [e.msgid for e in po.fuzzy_entries()]
    assert not missing, f"{len(missing)} strings without a Dutch translation, e.g. {missing[:5]}"
    assert not fuzzy, f"{len(fuzzy)} fuzzy Dutch translations to check, e.g. {fuzzy[:5]}"


def test_the_compiled_dutch_catalogue_matches_the_source():
    assert _catalogue(NL_MO) == _catalogue(NL_PO), "run `kernkompas compilemessages` after editing the .po file"


def test_the_dutch_catalogue_knows_every_string_in_the_code(tmp_path):
    if shutil.which("xgettext") is None:
        if os.environ.get("CI"):
            pytest.fail("GNU gettext (xgettext) is needed in CI to check the catalogue")
        pytest.skip("GNU gettext (xgettext) is not installed; cannot extract strings")
    copy = tmp_path / "kernkompas"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__", "tests", "static"))
    # Extract afresh: makemessages would otherwise merge into the existing catalogue and hide nothing new.
    for stale in (copy / "locale" / "nl" / "LC_MESSAGES").glob("django.*"):
        stale.unlink()
    env = {**os.environ, "PYTHONPATH": str(tmp_path), "DJANGO_SETTINGS_MODULE": "kernkompas.settings_test"}
    subprocess.run(
        [sys.executable, "-m", "django", "makemessages", "-l", "nl", "--no-obsolete", "--no-location"],
        cwd=copy,
        env=env,
        check=True,
        capture_output=True,
        timeout=300,
    )
    extracted = {key for key in _catalogue(copy / "locale" / "nl" / "LC_MESSAGES" / "django.po")}
    known = set(_catalogue(NL_PO))
    new = sorted(msgid for _, msgid in extracted - known)
    assert not new, f"{len(new)} strings are not in the Dutch catalogue yet (run makemessages), e.g. {new[:5]}"
