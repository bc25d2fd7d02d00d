"""The cast every test reuses: a small, named set of people and places.

- Maasdijk (BE, 28,400 inhabitants) with core Maasdijk-Centrum and area Marktplein.
- Ellen: economy officer of Maasdijk (role gemeente).
- Bram: entrepreneur in Maasdijk, registered member without a role.
- Sofie: officer of Veldrode, another municipality; must see nothing unpublished of Maasdijk.
- Femke: facilitator (begeleider) invited by Maasdijk.
- Eva: editor (redactie).
- Anton: platform administrator (beheerder).
"""

from __future__ import annotations

import ast
import gc
import os
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.db import connection

from kernkompas.accounts.models import Membership, Role, User
from kernkompas.lib import redact
from kernkompas.places.models import Country, Gebied, GebiedKind, Gemeente, Kern, KernKind

PASSWORD = "correct-horse-battery-staple"

SQUARE_MAASDIJK = {
    "type": "Polygon",
    "coordinates": [[[5.30, 51.10], [5.42, 51.10], [5.42, 51.18], [5.30, 51.18], [5.30, 51.10]]],
}
SQUARE_VELDRODE = {
    "type": "Polygon",
    "coordinates": [[[5.45, 51.10], [5.55, 51.10], [5.55, 51.17], [5.45, 51.17], [5.45, 51.10]]],
}


@dataclass
class Cast:
    maasdijk: Gemeente
    veldrode: Gemeente
    centrum: Kern
    markt: Gebied
    ellen: User
    bram: User
    sofie: User
    femke: User
    eva: User
    anton: User

    def by_role(self) -> dict[str, User | None]:
        """One person per role, for tests that walk every role; ``bezoeker`` is the anonymous visitor."""
        return {
            "bezoeker": None,
            "lid": self.bram,
            "gemeente": self.ellen,
            "gemeente_andere": self.sofie,
            "begeleider": self.femke,
            "redactie": self.eva,
            "beheerder": self.anton,
        }


def make_gemeente(code: str, name: str, population: int, geometry=None, country: str = "BE", **extra) -> Gemeente:
    gemeente = Gemeente(
        code=code,
        country=Country.objects.get(code=country),
        name_nl=name,
        slug=name.lower().replace(" ", "-"),
        population=population,
        population_year=2024,
        area_km2=extra.pop("area_km2", 60.0),
        **extra,
    )
    gemeente.set_geometry(geometry)
    gemeente.refresh_derived()
    gemeente.save()
    return gemeente


def make_user(username: str, first_name: str, role: str | None = None, gemeente: Gemeente | None = None) -> User:
    user = User.objects.create_user(
        username=username, email=f"{username}@example.org", password=PASSWORD, first_name=first_name
    )
    if role:
        Membership.objects.create(user=user, role=role, gemeente=gemeente)
    return user


def make_cast() -> Cast:
    maasdijk = make_gemeente("99001", "Maasdijk", 28_400, SQUARE_MAASDIJK)
    veldrode = make_gemeente("99002", "Veldrode", 14_900, SQUARE_VELDRODE)
    centrum = Kern(gemeente=maasdijk, code="99001_1", name="Maasdijk-Centrum", slug="centrum", kind=KernKind.HOOFDKERN)
    centrum.refresh_derived()
    centrum.save()
    markt = Gebied.objects.create(kern=centrum, name="Marktplein", slug="marktplein", kind=GebiedKind.KERNWINKELGEBIED)
    return Cast(
        maasdijk=maasdijk,
        veldrode=veldrode,
        centrum=centrum,
        markt=markt,
        ellen=make_user("ellen", "Ellen", Role.GEMEENTE, maasdijk),
        bram=make_user("bram", "Bram"),
        sofie=make_user("sofie", "Sofie", Role.GEMEENTE, veldrode),
        femke=make_user("femke", "Femke", Role.BEGELEIDER, maasdijk),
        eva=make_user("eva", "Eva", Role.REDACTIE),
        anton=make_user("anton", "Anton", Role.BEHEERDER),
    )


def run_at_once(commands: list[list[str]], env: dict, timeout: int = 600) -> None:
    """Start every command at the same time (separate processes) and wait for all; an AssertionError with the
    error output of any that failed."""
    processes = [
        subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for command in commands
    ]
    for process in processes:
        _, err = process.communicate(timeout=timeout)
        assert process.returncode == 0, err


def stored_copies(*texts: str) -> list[str]:
    """Every row in the database that still holds one of ``texts`` (a whole word or phrase, any case), as
    "app.Model #pk: field".

    Walks every table Django knows, Wagtail's revisions, log entries and search index included, so a test of an
    erasure can say "no copy is left anywhere" rather than list the places it thought of.
    """
    wanted = redact.pattern(texts)
    tables = set(connection.introspection.table_names())
    found = []
    for model in apps.get_models(include_auto_created=True):
        if model._meta.proxy or model._meta.db_table not in tables:
            continue  # a proxy shares its table; a backend-specific table (SQLite's full-text index) may not exist
        for row in model._base_manager.values():
            for field, value in row.items():
                if redact.mentions(value if isinstance(value, str | dict | list) else str(value), wanted):
                    found.append(f"{model._meta.label} #{row.get(model._meta.pk.attname)}: {field}")
    return found


START_SIGNAL = "KERNKOMPAS_TEST_START"  # the file whose appearance starts every process of run_together


def run_together(commands: list[list[str]], env: dict, folder: Path, timeout: int = 600) -> list[str]:
    """Start every command, wait until each has called ``wait_for_the_others()`` (Django set up, ready to fire),
    then let them all go at the same moment; the standard output of each, or an AssertionError with the error
    output of any that failed. Starting a Python process takes a second or two, too long for a race otherwise."""
    start = folder / "start"
    env = {**env, START_SIGNAL: str(start)}
    processes = [
        subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for command in commands
    ]
    deadline = time.monotonic() + timeout
    while len(list(folder.glob("ready-*"))) < len(processes):
        failed = [p for p in processes if p.poll() not in (None, 0)]
        assert not failed, failed[0].communicate()[1]
        assert time.monotonic() < deadline, "the processes did not all get ready in time"
        time.sleep(0.05)
    start.touch()
    outputs = []
    for process in processes:
        out, err = process.communicate(timeout=timeout)
        assert process.returncode == 0, err
        outputs.append(out)
    return outputs


def wait_for_the_others() -> None:
    """In a process started by ``run_together``: say it is ready, then wait for the common start."""
    start = Path(os.environ[START_SIGNAL])
    (start.parent / f"ready-{os.getpid()}").touch()
    while not start.exists():
        time.sleep(0.005)


def parse_python(source: str) -> ast.Module:
    """``ast.parse`` with the garbage collector held off. After the browser tests, a collection during the parse can
    finalize a Playwright object, which switches greenlets in the middle of CPython 3.11's AST constructor and makes it
    fail with "AST constructor recursion depth mismatch" (a flaky SystemError seen in CI)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return ast.parse(source)
    finally:
        if was_enabled:
            gc.enable()
