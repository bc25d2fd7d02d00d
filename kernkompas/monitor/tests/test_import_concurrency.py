"""Two processes importing counts at once on the embedded SQLite default: the ids the unit import reserves inside
its transaction never collide, and every unit and state of both lands in its own area."""

import subprocess
import sys
import textwrap

import pytest

from kernkompas.testing import run_at_once

SETUP = textwrap.dedent(
    """
    import django
    django.setup()
    from kernkompas.places.models import Gebied, Kern
    from kernkompas.testing import make_gemeente

    gemeente = make_gemeente("99001", "Maasdijk", 28_400)
    kern = Kern.objects.create(gemeente=gemeente, code="99001_1", name="Centrum", slug="centrum")
    for slug in ("noord", "zuid"):
        Gebied.objects.create(kern=kern, name=slug, slug=slug)
    """
)

IMPORTER = textwrap.dedent(
    """
    import datetime, sys
    import django
    django.setup()
    from kernkompas.monitor.actions.units import import_units
    from kernkompas.monitor.importers.records import UnitRecord
    from kernkompas.places.models import Gebied

    slug, rounds, size = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    gebied = Gebied.objects.get(slug=slug)
    for i in range(rounds):
        # Each round a new count with new units besides the known ones: ids reserved every time.
        records = [
            UnitRecord(where=f"regel {n}", external_id=f"{slug}-{n}", street="Markt", house_number=str(n),
                       group="leegstand" if n % 5 == 0 else "dagelijks")
            for n in range((i + 1) * size)
        ]
        import_units(gebied, records, count_date=datetime.date(2010 + i, 1, 1), file_name="t.csv",
                                sha256=f"{slug}{i}", format="csv")
    """
)

CHECK = textwrap.dedent(
    """
    import django
    django.setup()
    from kernkompas.monitor.models import Unit, UnitState
    for slug in ("noord", "zuid"):
        units = Unit.objects.filter(gebied__slug=slug)
        wrong = units.exclude(external_id__startswith=slug + "-").count()
        states = UnitState.objects.filter(count__gebied__slug=slug)
        strays = states.exclude(unit__gebied__slug=slug).count()
        print(slug, units.count(), states.count(), wrong, strays)
    """
)


@pytest.fixture
def two_areas(sqlite_home):
    subprocess.run([sys.executable, "-c", SETUP], env=sqlite_home, check=True, timeout=120)
    return sqlite_home


def test_two_processes_importing_at_once_keep_every_unit_in_its_own_area(two_areas):
    rounds, size = 6, 150
    run_at_once(
        [[sys.executable, "-c", IMPORTER, slug, str(rounds), str(size)] for slug in ("noord", "zuid")], two_areas
    )
    found = subprocess.run(
        [sys.executable, "-c", CHECK], env=two_areas, capture_output=True, text=True, check=True, timeout=120
    )
    units, states = rounds * size, sum((i + 1) * size for i in range(rounds))
    assert found.stdout.split("\n")[:2] == [f"noord {units} {states} 0 0", f"zuid {units} {states} 0 0"]
