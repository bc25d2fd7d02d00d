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


def test_the_wall_clock_of_a_moment_says_which_time_of_the_repeated_hour_it_is():
    utc = datetime.UTC
    # 26 October 2025: 0:00 and 1:00 UTC are both 2:00 in Brussels, the first and the second time.
    assert clock.wall_clock(datetime.datetime(2025, 10, 26, 0, tzinfo=utc), BRUSSELS) == (at(AUTUMN_2025, 2), 0)
    assert clock.wall_clock(datetime.datetime(2025, 10, 26, 1, tzinfo=utc), BRUSSELS) == (at(AUTUMN_2025, 2), 1)
    assert clock.wall_clock(datetime.datetime(2025, 10, 26, 2, tzinfo=utc), BRUSSELS) == (at(AUTUMN_2025, 3), 0)
    plus_two = datetime.timezone(datetime.timedelta(hours=2))
    assert clock.wall_clock(datetime.datetime(2025, 7, 1, 9, tzinfo=plus_two), BRUSSELS) == (
        datetime.datetime(2025, 7, 1, 9),
        0,
    )
    # A naive time is wall-clock time already; in the repeated hour it does not say which time it is.
    assert clock.wall_clock(at(AUTUMN_2025, 2), BRUSSELS) == (at(AUTUMN_2025, 2), None)
    assert clock.wall_clock(at(AUTUMN_2025, 4), BRUSSELS) == (at(AUTUMN_2025, 4), 0)


AUTUMN_2025 = datetime.date(2025, 10, 26)
