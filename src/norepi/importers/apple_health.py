"""Apple Health export (``export.xml`` or the ``export.zip``), streamed with lxml iterparse.

Reads workouts, heart rate, sleep analysis, mindful sessions and dietary records. Elements are cleared
as soon as they are read, so memory stays flat whatever the export's size.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from lxml import etree

from norepi.errors import ImportFormatError, InputError
from norepi.journal.records import DietaryRec, ExerciseRec, HeartRateRec, PracticeRec, ProgressFn, Record, SleepRec
from norepi.lifestyle.exercise import HR_MAX_BPM, HR_MIN_BPM, ExerciseSession, activity_key
from norepi.lifestyle.sleep import SleepPeriod
from norepi.lifestyle.stress import Practice

HR = "HKQuantityTypeIdentifierHeartRate"
SLEEP = "HKCategoryTypeIdentifierSleepAnalysis"
MINDFUL = "HKCategoryTypeIdentifierMindfulSession"
DIETARY = "HKQuantityTypeIdentifierDietary"
SLEEP_VALUES = {
    "HKCategoryValueSleepAnalysisInBed": "in_bed",
    "HKCategoryValueSleepAnalysisAsleep": "asleep",
    "HKCategoryValueSleepAnalysisAsleepUnspecified": "asleep",
    "HKCategoryValueSleepAnalysisAsleepCore": "light",
    "HKCategoryValueSleepAnalysisAsleepDeep": "deep",
    "HKCategoryValueSleepAnalysisAsleepREM": "rem",
    "HKCategoryValueSleepAnalysisAwake": "awake",
}
SLEEP_GAP = dt.timedelta(minutes=60)  # segments closer than this belong to one night
DURATION_MIN = {"min": 1.0, "s": 1 / 60, "sec": 1 / 60, "hr": 60.0, "h": 60.0}


class _Counting:
    """A file wrapper that reports bytes read."""

    def __init__(self, raw: IO[bytes], total: int, progress: ProgressFn | None) -> None:
        self.raw, self.total, self.progress, self.done, self._next = raw, total, progress, 0, 0

    def read(self, n: int = -1) -> bytes:
        data = self.raw.read(n)
        self.done += len(data)
        if self.progress and self.done >= self._next:
            self.progress(min(self.done, self.total), self.total)
            self._next = self.done + (4 << 20)
        return data


def parse_time(text: str | None, path: Path, line: int | None) -> dt.datetime:
    """Apple's "2024-01-01 07:00:00 +0100" as an aware datetime."""
    try:
        assert text is not None
        return dt.datetime.fromisoformat(text[:19] + text[20:] if len(text) > 20 and text[19] == " " else text)
    except (AssertionError, ValueError):
        raise ImportFormatError(f"bad date {text!r}", path=path, line=line) from None


class AppleHealthImporter:
    """``read(path)`` streams an Apple Health export (XML or zip)."""

    kind = "apple-health"

    def read(self, path: Path, progress: ProgressFn | None = None) -> Iterator[Record]:
        path = Path(path)
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as zf:
                members = [i for i in zf.infolist() if i.filename.endswith("export.xml")]
                if not members:
                    raise ImportFormatError("zip has no export.xml: not an Apple Health export", path=path)
                with zf.open(members[0]) as raw:
                    yield from self._parse(_Counting(raw, members[0].file_size, progress), path)
        else:
            with open(path, "rb") as raw:
                yield from self._parse(_Counting(raw, path.stat().st_size, progress), path)

    def _parse(self, f: _Counting, path: Path) -> Iterator[Record]:
        sleep: list[tuple[dt.datetime, dt.datetime, str]] = []
        root: Any = None
        # only Record and Workout "end" events reach Python; everything before them is deleted as we go
        ctx = etree.iterparse(
            f,
            events=("end",),
            tag=("Record", "Workout"),
            resolve_entities=False,
            no_network=True,
            huge_tree=True,
            load_dtd=False,
        )
        try:
            for _, elem in ctx:
                if root is None:
                    top = elem.getroottree().getroot()
                    if top.tag != "HealthData":
                        raise ImportFormatError(
                            f"root element <{top.tag}>, expected <HealthData>: not an Apple Health export",
                            path=path,
                            line=top.sourceline,
                        )
                    root = top
                if elem.getparent() is not root:
                    continue  # records inside a Correlation are also listed at top level
                if elem.tag == "Record":
                    rec = self._record(elem, path, sleep)
                    if rec is not None:
                        yield rec
                elif elem.tag == "Workout":
                    yield self._workout(elem, path)
                elem.clear()
                while elem.getprevious() is not None:
                    del root[0]
        except etree.XMLSyntaxError as exc:
            raise ImportFormatError(f"broken XML: {exc.msg}", path=path, line=exc.lineno) from None
        if root is None:
            top = getattr(ctx, "root", None)
            if top is None or top.tag != "HealthData":
                what = f"root element <{top.tag}>" if top is not None else "no XML element"
                raise ImportFormatError(
                    f"{what}, expected <HealthData>: not an Apple Health export",
                    path=path,
                    line=top.sourceline if top is not None else None,
                )
        yield from _sleep_periods(sleep, path)
        if f.progress:
            f.progress(f.total, f.total)

    @staticmethod
    def _record(elem: Any, path: Path, sleep: list[tuple[dt.datetime, dt.datetime, str]]) -> Record | None:
        kind = elem.get("type", "")
        line = elem.sourceline
        if kind == HR:
            try:
                bpm = float(elem.get("value"))
            except (TypeError, ValueError):
                raise ImportFormatError(
                    f"heart rate value {elem.get('value')!r} is not a number", path=path, line=line
                ) from None
            if not HR_MIN_BPM <= bpm <= HR_MAX_BPM:
                raise ImportFormatError(
                    f"heart rate {bpm:g} bpm is outside {HR_MIN_BPM:g}-{HR_MAX_BPM:g} bpm", path=path, line=line
                )
            return HeartRateRec(parse_time(elem.get("startDate"), path, line), bpm)
        if kind == SLEEP:
            stage = SLEEP_VALUES.get(elem.get("value", ""))
            if stage is None:
                raise ImportFormatError(f"unknown sleep value {elem.get('value')!r}", path=path, line=line)
            start, end = parse_time(elem.get("startDate"), path, line), parse_time(elem.get("endDate"), path, line)
            if end <= start:
                raise ImportFormatError(
                    f"sleep ends ({end.isoformat()}) before it starts ({start.isoformat()})", path=path, line=line
                )
            sleep.append((start, end, stage))
            return None
        if kind == MINDFUL:
            start, end = parse_time(elem.get("startDate"), path, line), parse_time(elem.get("endDate"), path, line)
            try:
                p = Practice("meditation", start, (end - start).total_seconds() / 60.0)
            except InputError as exc:
                raise ImportFormatError(str(exc), path=path, line=line) from None
            return PracticeRec(p, f"apple:mindful:{start.astimezone(dt.UTC).isoformat()}")
        if kind.startswith(DIETARY):
            at = parse_time(elem.get("startDate"), path, line)
            try:
                value = float(elem.get("value"))
            except (TypeError, ValueError):
                raise ImportFormatError(
                    f"{kind} value {elem.get('value')!r} is not a number", path=path, line=line
                ) from None
            short = kind.removeprefix("HKQuantityTypeIdentifier")
            key = f"apple:{short}:{at.astimezone(dt.UTC).isoformat()}:{value:g}:{elem.get('sourceName', '')}"
            return DietaryRec(at, short, value, elem.get("unit", ""), key[:160])
        return None

    @staticmethod
    def _workout(elem: Any, path: Path) -> ExerciseRec:
        line = elem.sourceline
        start, end = parse_time(elem.get("startDate"), path, line), parse_time(elem.get("endDate"), path, line)
        try:
            duration = float(elem.get("duration")) * DURATION_MIN.get(elem.get("durationUnit", "min"), 1.0)
        except (TypeError, ValueError):
            duration = (end - start).total_seconds() / 60.0
        avg = mx = None
        for stat in elem.iterfind("WorkoutStatistics"):
            if stat.get("type") == HR:
                avg = float(stat.get("average")) if stat.get("average") else None
                mx = float(stat.get("maximum")) if stat.get("maximum") else None
        raw = elem.get("workoutActivityType", "HKWorkoutActivityTypeOther")
        key = activity_key(raw)
        name = key if key != "other" else raw.removeprefix("HKWorkoutActivityType").lower()[:40]
        try:
            session = ExerciseSession(name, start, duration, avg, mx)
        except InputError as exc:
            raise ImportFormatError(str(exc), path=path, line=line) from None
        return ExerciseRec(session, f"apple:workout:{start.astimezone(dt.UTC).isoformat()}:{raw}"[:120], attach_hr=True)


def _sleep_periods(segments: list[tuple[dt.datetime, dt.datetime, str]], path: Path) -> Iterator[SleepRec]:
    """Group sleep segments (any source) into nights: segments less than ``SLEEP_GAP`` apart."""
    segments.sort()
    group: list[tuple[dt.datetime, dt.datetime, str]] = []
    end: dt.datetime | None = None
    for seg in [*segments, None]:
        if seg is not None and (end is None or seg[0] <= end + SLEEP_GAP):
            group.append(seg)
            end = seg[1] if end is None else max(end, seg[1])
            continue
        if group:
            bed = group[0][0]
            wake = max(s[1] for s in group).astimezone(group[-1][1].tzinfo)
            try:
                period = SleepPeriod(bed, wake, tuple(group))
            except InputError as exc:
                raise ImportFormatError(f"sleep night from {bed.isoformat()}: {exc}", path=path) from None
            yield SleepRec(period, f"apple:sleep:{bed.astimezone(dt.UTC).isoformat()}")
        group, end = ([seg], seg[1]) if seg is not None else ([], None)
