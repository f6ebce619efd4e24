"""Sleep: SRI (Phillips 2017) on a hand-worked example, nightly and weekly figures."""

from __future__ import annotations

import datetime as dt

import pytest

from norepi.errors import InputError
from norepi.lifestyle.sleep import SleepPeriod, midpoint_h, sleep_states, sleep_week, sri

TZ = dt.timezone(dt.timedelta(hours=1))


def t(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, 11, day, hour, minute, tzinfo=TZ)


def hours_asleep(*hours: int) -> list[bool]:
    return [h in hours for h in range(24)]


# Hand-worked: 3 days of 24 one-hour epochs (M = 24, N = 3).
#   day 1 asleep at hours 0-6 and 23; day 2 the same; day 3 asleep at hours 0-7 only.
#   day 1 vs day 2: all 24 epochs agree                          -> 24
#   day 2 vs day 3: hour 7 (wake vs sleep) and 23 (sleep vs wake) differ -> 22
#   SRI = -100 + 200 / (24 x 2) x (24 + 22) = -100 + 200 x 46 / 48 = 91.666...
HAND_SRI = -100 + 200 * 46 / 48


def test_sri_hand_worked_grid():
    grid = [
        hours_asleep(0, 1, 2, 3, 4, 5, 6, 23),
        hours_asleep(0, 1, 2, 3, 4, 5, 6, 23),
        hours_asleep(0, 1, 2, 3, 4, 5, 6, 7),
    ]
    assert sri(grid) == pytest.approx(91.6666667)
    assert sri(grid) == pytest.approx(HAND_SRI)


def test_sri_from_sleep_periods_matches_hand_example():
    nights = [SleepPeriod(t(19, 23), t(20, 7)), SleepPeriod(t(20, 23), t(21, 7)), SleepPeriod(t(21, 23), t(22, 8))]
    grid = sleep_states(nights, dt.date(2026, 11, 20), 3, TZ, epoch_min=60)
    assert grid[0] == hours_asleep(0, 1, 2, 3, 4, 5, 6, 23)
    assert grid[2] == hours_asleep(0, 1, 2, 3, 4, 5, 6, 7)
    assert sri(grid) == pytest.approx(HAND_SRI)
    # finer epochs give the same answer here: every change falls on the hour
    assert sri(sleep_states(nights, dt.date(2026, 11, 20), 3, TZ, epoch_min=0.5)) == pytest.approx(HAND_SRI)


def test_sri_extremes():
    assert sri([hours_asleep(1, 2, 3)] * 5) == 100.0
    assert sri([[True] * 24, [False] * 24]) == -100.0
    with pytest.raises(InputError):
        sri([[True] * 24])
    with pytest.raises(InputError):
        sri([[True] * 24, [True] * 23])


def test_night_duration_midpoint_and_bad_periods():
    p = SleepPeriod(t(19, 23), t(20, 7))
    assert p.time_asleep_min == 480
    assert p.midpoint == t(20, 3)
    assert p.night_of == dt.date(2026, 11, 20)
    assert midpoint_h(SleepPeriod(t(19, 22), t(20, 1))) == -0.5  # 23:30 the evening before
    with pytest.raises(InputError, match="before it starts"):
        SleepPeriod(t(20, 7), t(19, 23))
    with pytest.raises(InputError):
        SleepPeriod(t(20, 7), t(20, 7))
    with pytest.raises(InputError):
        SleepPeriod(dt.datetime(2026, 11, 19, 23), dt.datetime(2026, 11, 20, 7))


def test_stage_union_counts_overlapping_sources_once():
    # in bed 23:00-07:00; core 23:30-03:00 and 02:00-06:00 overlap by 1 h; awake 06:00-07:00
    p = SleepPeriod(
        t(19, 23),
        t(20, 7),
        (
            (t(19, 23), t(20, 7), "in_bed"),
            (t(19, 23, 30), t(20, 3), "light"),
            (t(20, 2), t(20, 6), "rem"),
            (t(20, 6), t(20, 7), "awake"),
        ),
    )
    assert p.time_asleep_min == 6.5 * 60  # 23:30 -> 06:00


def test_sleep_week_average_debt_and_social_jet_lag():
    # week Mon 2026-11-16 .. Sun 11-22. Workday nights (ending Mon-Fri): 23:00-06:00 (7 h, midpoint 02:30).
    # Free nights (ending Sat, Sun): 01:00-09:00 (8 h, midpoint 05:00).
    nights = [SleepPeriod(t(d - 1, 23), t(d, 6)) for d in range(16, 21)]
    nights += [SleepPeriod(t(d, 1), t(d, 9)) for d in (21, 22)]
    w = sleep_week(nights, dt.date(2026, 11, 16), need_h=8)
    assert w.nights == 7
    assert w.avg_duration_min == pytest.approx((5 * 420 + 2 * 480) / 7)
    assert w.debt_min == pytest.approx(5 * 60)  # 5 nights one hour short
    assert w.social_jet_lag_h == pytest.approx(2.5)  # |05:00 - 02:30|
    assert w.sri is not None and -100 <= w.sri < 100
    assert sleep_week(nights, dt.date(2026, 11, 16), need_h=7).debt_min == 0.0
    with pytest.raises(InputError):
        sleep_week(nights, dt.date(2026, 11, 16), need_h=0)
    empty = sleep_week([], dt.date(2026, 11, 16))
    assert empty.nights == 0 and empty.avg_duration_min is None and empty.sri is None
