"""Apple Health export (``export.xml``, or the ``export.zip`` the Health app writes), streamed with expat.

Reads workouts, heart rate, sleep analysis, mindful sessions and dietary records. The parser builds no tree and
keeps no text (no character handler): memory stays flat whatever the export's size, also when its XML is padded
with hundreds of MB of blanks. Heart-rate samples, most of any export, take a fast path and come out in batches
(``HeartRateSeriesRec``). Records inside a ``Correlation`` are skipped: Apple lists them at the top level too.
"""

from __future__ import annotations

import datetime as dt
import xml.parsers.expat as expat
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, NoReturn

from norepi.errors import ImportFormatError, InputError
from norepi.importers import files
from norepi.importers.files import Progress
from norepi.importers.sleep_records import one_per_night, sleep_rec
from norepi.journal.records import (
    DietaryRec,
    ExerciseRec,
    HeartRateSeriesRec,
    ImportMapping,
    PracticeRec,
    ProgressFn,
    Record,
    SleepRec,
)
from norepi.lifestyle.exercise import HR_MAX_BPM, HR_MIN_BPM, ExerciseSession, activity_key
from norepi.lifestyle.stress import Practice
from norepi.vocab import PracticeKind, SleepStage

SOURCE = "apple-health"
HR = "HKQuantityTypeIdentifierHeartRate"
SLEEP = "HKCategoryTypeIdentifierSleepAnalysis"
MINDFUL = "HKCategoryTypeIdentifierMindfulSession"
DIETARY = "HKQuantityTypeIdentifierDietary"
SLEEP_VALUES = {
    "HKCategoryValueSleepAnalysisInBed": SleepStage.IN_BED,
    "HKCategoryValueSleepAnalysisAsleep": SleepStage.ASLEEP,
    "HKCategoryValueSleepAnalysisAsleepUnspecified": SleepStage.ASLEEP,
    "HKCategoryValueSleepAnalysisAsleepCore": SleepStage.LIGHT,
    "HKCategoryValueSleepAnalysisAsleepDeep": SleepStage.DEEP,
    "HKCategoryValueSleepAnalysisAsleepREM": SleepStage.REM,
    "HKCategoryValueSleepAnalysisAwake": SleepStage.AWAKE,
}
SLEEP_GAP = dt.timedelta(minutes=60)  # segments closer than this belong to one night
NAP_MAX = dt.timedelta(hours=3)  # a period this short that starts 09:00-19:59 local time is a nap
NAP_HOURS = range(9, 20)
DURATION_MIN = {"min": 1.0, "s": 1 / 60, "sec": 1 / 60, "hr": 60.0, "h": 60.0}
CHUNK_BYTES = 1 << 18
HR_BATCH = 8192  # samples per HeartRateSeriesRec
EXPECTED = "an Apple Health export (export.xml, or the export.zip holding it)"
Segment = tuple[dt.datetime, dt.datetime, SleepStage]


def parse_time(text: str | None, where: str, line: int | None) -> dt.datetime:
    """Apple's "2024-01-01 07:00:00 +0100" as an aware datetime; ImportFormatError otherwise."""
    try:
        assert text is not None
        t = dt.datetime.fromisoformat(text[:19] + text[20:] if len(text) > 20 and text[19] == " " else text)
        assert t.tzinfo is not None
        return t
    except (AssertionError, ValueError):
        raise ImportFormatError(
            f"bad date {text!r} (expected '2024-01-01 07:00:00 +0100')", path=where, line=line
        ) from None


def _attrs(a: list[str]) -> dict[str, str]:
    """Ordered attributes [name, value, ...] as a dict."""
    return dict(zip(a[::2], a[1::2], strict=True))


class _Reader:
    """The expat handlers of one export: records collect in ``out`` and heart-rate samples in ``hr`` while a
    chunk is parsed; ``read`` hands them on between chunks."""

    def __init__(self, where: str) -> None:
        self.where = where
        self.out: list[Record] = []
        self.hr: list[tuple[dt.datetime, float]] = []
        self.sleep: list[Segment] = []
        self.dietary_keys: set[str] = set()
        self.depth_in_correlation = 0
        self.workout: dict[str, str] | None = None
        self.workout_line = 0
        self.stats: list[dict[str, str]] = []
        self.parser = expat.ParserCreate()
        self.parser.ordered_attributes = True
        self.parser.StartElementHandler = self._first
        self.seen_root = False

    # -- handlers -------------------------------------------------------------------------------------

    def _first(self, tag: str, attrs: list[str]) -> None:
        if tag != "HealthData":
            raise ImportFormatError(
                f"root element <{tag}>: expected {EXPECTED} (<HealthData>)",
                path=self.where,
                line=self.parser.CurrentLineNumber,
            )
        self.seen_root = True
        self.parser.StartElementHandler = self._handlers()

    def _handlers(self) -> Callable[[str, list[str]], None]:
        push = self.hr.append
        fromiso = dt.datetime.fromisoformat
        low, high = HR_MIN_BPM, HR_MAX_BPM
        other = self._other

        def start(tag: str, a: list[str]) -> None:
            # attributes as a list in document order (``ordered_attributes``): Apple writes type first and value
            # last; a record written otherwise takes the general path
            if (
                tag == "Record"
                and len(a) > 5
                and a[1] == HR
                and a[0] == "type"
                and a[-2] == "value"
                and not self.depth_in_correlation
            ):
                i = a.index("startDate")
                if i % 2:
                    return other(tag, a)
                try:
                    bpm = float(a[-1])
                    s = a[i + 1]
                    at = fromiso(s[:19] + s[20:])
                except (IndexError, ValueError):
                    self._bad_hr(_attrs(a))
                if at.tzinfo is None or not low <= bpm <= high:
                    self._bad_hr(_attrs(a))
                push((at, bpm))
            elif tag != "MetadataEntry":
                other(tag, a)

        return start

    def _other(self, tag: str, attrs: list[str]) -> None:
        a = _attrs(attrs)
        if tag == "Correlation":
            self.depth_in_correlation += 1
            self.parser.EndElementHandler = self._end
        elif self.depth_in_correlation:
            return
        elif tag == "Record":
            self._record(a)
        elif tag == "Workout":
            self.workout, self.workout_line, self.stats = a, self.parser.CurrentLineNumber, []
            self.parser.EndElementHandler = self._end
        elif tag == "WorkoutStatistics" and self.workout is not None:
            self.stats.append(a)

    def _end(self, tag: str) -> None:
        # set only inside a Correlation or a Workout, so that the common path pays for no end events
        if tag == "Correlation":
            self.depth_in_correlation -= 1
        elif tag == "Workout" and self.workout is not None:
            self.out.append(self._workout(self.workout, self.stats, self.workout_line))
            self.workout = None
        if not self.depth_in_correlation and self.workout is None:
            self.parser.EndElementHandler = None

    # -- records --------------------------------------------------------------------------------------

    def _bad_hr(self, a: dict[str, str]) -> NoReturn:
        line = self.parser.CurrentLineNumber
        try:
            bpm = float(a.get("value", ""))
        except ValueError:
            raise ImportFormatError(
                f"heart rate value {a.get('value')!r} is not a number", path=self.where, line=line
            ) from None
        parse_time(a.get("startDate"), self.where, line)
        raise ImportFormatError(
            f"heart rate {bpm:g} bpm is outside {HR_MIN_BPM:g}-{HR_MAX_BPM:g} bpm", path=self.where, line=line
        )

    def _record(self, a: dict[str, str]) -> None:
        kind = a.get("type", "")
        where, line = self.where, self.parser.CurrentLineNumber
        if kind == SLEEP:
            stage = SLEEP_VALUES.get(a.get("value", ""))
            if stage is None:
                raise ImportFormatError(f"unknown sleep value {a.get('value')!r}", path=where, line=line)
            start, end = parse_time(a.get("startDate"), where, line), parse_time(a.get("endDate"), where, line)
            if end <= start:
                raise ImportFormatError(
                    f"sleep ends ({end.isoformat()}) before it starts ({start.isoformat()})", path=where, line=line
                )
            self.sleep.append((start, end, stage))
        elif kind == MINDFUL:
            start, end = parse_time(a.get("startDate"), where, line), parse_time(a.get("endDate"), where, line)
            try:
                p = Practice(PracticeKind.MEDITATION, start, (end - start).total_seconds() / 60.0, SOURCE)
            except InputError as exc:
                raise ImportFormatError(str(exc), path=where, line=line) from None
            self.out.append(PracticeRec(p, f"apple:mindful:{start.astimezone(dt.UTC).isoformat()}"))
        elif kind.startswith(DIETARY):
            at = parse_time(a.get("startDate"), where, line)
            try:
                value = float(a.get("value", ""))
            except ValueError:
                raise ImportFormatError(
                    f"{kind} value {a.get('value')!r} is not a number", path=where, line=line
                ) from None
            if not 0 <= value < 1e7:
                raise ImportFormatError(f"{kind} value {value:g} is impossible", path=where, line=line)
            short = kind.removeprefix("HKQuantityTypeIdentifier")
            key = f"apple:{short}:{at.astimezone(dt.UTC).isoformat()}:{value:g}:{a.get('sourceName', '')}"[:160]
            if key not in self.dietary_keys:
                self.dietary_keys.add(key)
                self.out.append(DietaryRec(at, short, value, a.get("unit", ""), key))

    def _workout(self, a: dict[str, str], stats: list[dict[str, str]], line: int) -> ExerciseRec:
        where = self.where
        start, end = parse_time(a.get("startDate"), where, line), parse_time(a.get("endDate"), where, line)
        try:
            duration = float(a.get("duration", "")) * DURATION_MIN.get(a.get("durationUnit", "min"), 1.0)
        except ValueError:
            duration = (end - start).total_seconds() / 60.0
        avg = mx = None
        for stat in stats:
            if stat.get("type") == HR:
                try:
                    avg = float(stat["average"]) if stat.get("average") else None
                    mx = float(stat["maximum"]) if stat.get("maximum") else None
                except ValueError:
                    raise ImportFormatError("workout heart rate is not a number", path=where, line=line) from None
        raw = a.get("workoutActivityType", "HKWorkoutActivityTypeOther")
        key = activity_key(raw)
        name = key if key != "other" else raw.removeprefix("HKWorkoutActivityType").lower()[:40]
        try:
            session = ExerciseSession(name, start, duration, avg, mx, source=SOURCE)
        except InputError as exc:
            raise ImportFormatError(str(exc), path=where, line=line) from None
        return ExerciseRec(session, f"apple:workout:{start.astimezone(dt.UTC).isoformat()}:{raw}"[:120], attach_hr=True)

    # -- driving ----------------------------------------------------------------------------------------

    def read(self, f: IO[bytes], progress: Progress) -> Iterator[Record]:
        parse = self.parser.Parse
        try:
            while chunk := f.read(CHUNK_BYTES):
                progress.add(len(chunk))
                parse(chunk, False)
                yield from self._drain(False)
            parse(b"", True)
        except expat.ExpatError as exc:
            what = expat.ErrorString(exc.code) if exc.code else str(exc)
            if not self.seen_root and exc.code == expat.errors.codes[expat.errors.XML_ERROR_NO_ELEMENTS]:
                raise ImportFormatError(f"no XML element: expected {EXPECTED}", path=self.where) from None
            raise ImportFormatError(f"broken XML: {what}", path=self.where, line=exc.lineno) from None
        yield from self._drain(True)
        yield from one_per_night(_sleep_periods(self.sleep, self.where))

    def _drain(self, final: bool) -> Iterator[Record]:
        if self.out:
            yield from self.out
            self.out.clear()
        if len(self.hr) >= HR_BATCH or (final and self.hr):
            yield HeartRateSeriesRec(tuple(self.hr), SOURCE)
            self.hr.clear()


class AppleHealthImporter:
    """``read(path)`` streams an Apple Health export (XML or zip)."""

    kind = "apple-health"
    label = "Apple Health export"
    suffixes: tuple[str, ...] = (".xml", ".zip")

    def read(
        self, path: Path, mapping: ImportMapping | None = None, progress: ProgressFn | None = None
    ) -> Iterator[Record]:
        path = Path(path)
        if path.is_dir():
            raise ImportFormatError(f"a folder: expected {EXPECTED}", path=path)
        if not path.exists():
            raise ImportFormatError("no such file", path=path)
        if files.is_zip(path):
            with zipfile.ZipFile(path) as zf:
                found = [i for i in zf.infolist() if i.filename.endswith("export.xml")]
                if not found:
                    raise ImportFormatError(f"zip has no export.xml: expected {EXPECTED}", path=path)
                prog = Progress(found[0].file_size, progress)
                where = f"{path}/{found[0].filename}"
                with zf.open(found[0]) as raw:
                    yield from _Reader(where).read(raw, prog)
        else:
            prog = Progress(path.stat().st_size, progress)
            with open(path, "rb") as raw:
                yield from _Reader(str(path)).read(raw, prog)
        prog.finish()


def _sleep_periods(segments: list[Segment], where: str) -> Iterator[SleepRec]:
    """Group sleep segments (any source) into periods: segments less than ``SLEEP_GAP`` apart. A short period in
    the day (``NAP_MAX``, starting in ``NAP_HOURS`` local time) is a nap."""
    segments.sort()
    group: list[Segment] = []
    end: dt.datetime | None = None
    for seg in [*segments, None]:
        if seg is not None and (end is None or seg[0] <= end + SLEEP_GAP):
            group.append(seg)
            end = seg[1] if end is None else max(end, seg[1])
            continue
        if group:
            bed = group[0][0]
            wake = max(s[1] for s in group).astimezone(group[-1][1].tzinfo)
            nap = wake - bed <= NAP_MAX and bed.hour in NAP_HOURS
            yield sleep_rec(
                f"apple:sleep:{bed.astimezone(dt.UTC).isoformat()}",
                bed,
                wake,
                where=where,
                line=None,
                nap=nap,
                source=SOURCE,
                stages=tuple(group),
            )
        group, end = ([seg], seg[1]) if seg is not None else ([], None)
