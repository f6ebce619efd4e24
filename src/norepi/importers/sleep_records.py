"""Sleep periods as the importers yield them: one night once, naps kept apart from nights.

Within one file a night can come twice (a re-scored night, the same night in two export files of a folder) and a
nap can lie inside a night (a device that scores the whole night and a short bout in it). ``one_per_night``
keeps, of sleep periods that overlap, the night over the nap and the longer of two nights, so that a night is
never counted twice (a night logged twice would read 15.5 h). Naps that overlap nothing stay naps.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterable, Mapping

from norepi.errors import ImportFormatError, InputError
from norepi.journal.records import SleepRec
from norepi.lifestyle.sleep import SleepPeriod
from norepi.vocab import SleepStage


def sleep_rec(
    key: str,
    bed: dt.datetime,
    wake: dt.datetime,
    *,
    where: str,
    line: int | None,
    asleep_min: float | None = None,
    nap: bool = False,
    source: str,
    stages: tuple[tuple[dt.datetime, dt.datetime, SleepStage], ...] = (),
    stage_min: Mapping[SleepStage, float] | None = None,
) -> SleepRec:
    """A ``SleepRec``; an impossible period (wake before bed, asleep longer than in bed, negative stage minutes)
    gives ImportFormatError naming ``where`` and ``line``."""
    minutes = {k: float(v) for k, v in (stage_min or {}).items() if v is not None}
    for stage, v in minutes.items():
        if not 0 <= v <= 24 * 60:
            raise ImportFormatError(
                f"{SleepStage(stage).display}: {v:g} min is outside 0-1440 min", path=where, line=line
            )
    try:
        period = SleepPeriod(bed, wake, stages, asleep_min, nap, source)
    except InputError as exc:
        raise ImportFormatError(str(exc), path=where, line=line) from None
    return SleepRec(period, key, minutes)


def _rank(r: SleepRec) -> tuple[bool, float]:
    return (not r.period.nap, r.period.in_bed_min)


def one_per_night(recs: Iterable[SleepRec]) -> list[SleepRec]:
    """The periods sorted by bed time, duplicates (same key) once, and of periods that overlap only the best: a
    night before a nap, then the longer time in bed."""
    by_key: dict[str, SleepRec] = {}
    for r in recs:
        if r.key not in by_key or _rank(r) > _rank(by_key[r.key]):
            by_key[r.key] = r
    beds: list[dt.datetime] = []  # the kept periods, disjoint, by bed time
    kept: list[SleepRec] = []
    for r in sorted(by_key.values(), key=_rank, reverse=True):
        i = bisect.bisect_left(beds, r.period.wake) - 1  # the last kept period starting before r ends
        if i >= 0 and kept[i].period.wake > r.period.bed:
            continue
        beds.insert(i + 1, r.period.bed)
        kept.insert(i + 1, r)
    return kept
