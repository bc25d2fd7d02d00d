import datetime

from kernkompas.lib import clock

BRUSSELS = "Europe/Brussels"
SPRING, AUTUMN = datetime.date(2024, 3, 31), datetime.date(2024, 10, 27)


def at(day, hour):
    return datetime.datetime.combine(day, datetime.time(hour))


def test_the_hours_of_the_clock_change_days():
    assert clock.local_hours(SPRING, BRUSSELS) == (0, 1, *range(3, 24))
    assert clock.local_hours(AUTUMN, BRUSSELS) == tuple(range(24))
    assert len(clock.local_hours(datetime.date(2024, 6, 1), BRUSSELS)) == 24
    assert clock.local_hours(SPRING, "UTC") == tuple(range(24))


def test_skipped_and_repeated_hours():
    assert not clock.exists(at(SPRING, 2), BRUSSELS)
    assert clock.exists(at(SPRING, 3), BRUSSELS) and clock.exists(at(AUTUMN, 2), BRUSSELS)
    assert clock.is_repeated(at(AUTUMN, 2), BRUSSELS)
    assert not clock.is_repeated(at(AUTUMN, 3), BRUSSELS)
    assert not clock.is_repeated(at(SPRING, 2), BRUSSELS)  # skipped, not repeated
    assert not clock.is_repeated(at(AUTUMN, 2), "UTC")
