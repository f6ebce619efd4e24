"""Whoop app export ("my_whoop_data": physiological_cycles.csv, sleeps.csv, workouts.csv, journal_entries.csv),
as a folder, its zip, or any one of the files.

Layout (support.whoop.com, "How to Export Your Data"): one row per physiological cycle (sleep onset to the next
sleep onset), newest first; times are wall-clock times "in the timezone the cycle started", written in
"Cycle timezone" as "UTC-04:00" (or "UTCZ"). The current cycle has no end time.

* cycles -> ``ObservationRec`` for recovery score %, resting heart rate and HRV (RMSSD, ms), and Whoop's own sleep
  performance as the sleep score, dated by the morning the sleep ended; the cycle's sleep only when no sleeps.csv
  is read with it (the same night, the same key).
* sleeps -> ``SleepRec``: sleep onset to wake onset, "Asleep duration (min)" as time asleep (not time in bed),
  light/deep/REM/awake minutes, naps flagged ("Nap"); of overlapping periods one is kept (``one_per_night``).
* workouts -> ``ExerciseRec`` with average and max HR and the minutes in Whoop's five HR zones.
* journal -> yes/no answers per question, which mean what only the person can say: a mapping from question text
  to a target (``importers.mapping``: e.g. "Use breathwork?" -> "practice:slow_breathing:10"), else
  MappingNeeded. The journal asks each morning about the day before, so an answer is dated by the day before the
  sleep that opens its cycle (cycle start minus 12 h).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from norepi.errors import ImportFormatError, InputError
from norepi.importers import files
from norepi.importers.cells import boolean, number
from norepi.importers.files import Member, Progress
from norepi.importers.mapping import Target, guess, resolve
from norepi.importers.sleep_records import one_per_night, sleep_rec
from norepi.importers.timezones import aware, zone
from norepi.journal.records import (
    ExerciseRec,
    FoodCompletenessRec,
    HrZoneTime,
    ImportMapping,
    ObservationRec,
    PracticeRec,
    ProgressFn,
    RatingRec,
    Record,
    SleepRec,
)
from norepi.lifestyle.exercise import HR_MAX_BPM, ExerciseSession, activity_key
from norepi.lifestyle.observations import Observation
from norepi.lifestyle.stress import Practice
from norepi.vocab import ObservationKind, PracticeKind, SleepStage

SOURCE = "whoop"
EXPECTED = (
    "a Whoop export (physiological_cycles.csv, sleeps.csv, workouts.csv or journal_entries.csv, or their folder or zip)"
)
CYCLE_START = "cycle start time"
TIMEZONE = "cycle timezone"
STAGE_COLUMNS = {
    SleepStage.LIGHT: "light sleep duration (min)",
    SleepStage.DEEP: "deep (sws) duration (min)",
    SleepStage.REM: "rem duration (min)",
    SleepStage.AWAKE: "awake duration (min)",
}
OBSERVATION_COLUMNS = {
    ObservationKind.RECOVERY_SCORE_PCT: "recovery score %",
    ObservationKind.RESTING_HR_BPM: "resting heart rate (bpm)",
    ObservationKind.HRV_RMSSD_MS: "heart rate variability (ms)",  # Whoop's HRV is RMSSD (API: hrv_rmssd_milli)
    ObservationKind.SLEEP_SCORE: "sleep performance %",
}
# Whoop activity names whose catalogue activity is not found by name (exercise.activity_key)
ACTIVITIES = {
    "weightlifting": "resistance",
    "powerlifting": "power_lifting",
    "functional fitness": "circuit",
    "hiit": "hiit",
    "spin": "cycle_stationary",
    "hiking/rucking": "walk_brisk",
    "strength trainer": "resistance",
}
JOURNAL_DAY_SHIFT = dt.timedelta(hours=12)
DATETIME_FORMATS = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%m/%d/%Y %H:%M:%S", "%m/%d/%Y %H:%M")


@dataclass(frozen=True)
class _File:
    member: Member
    kind: str  # "cycles", "sleeps", "workouts", "journal"


def _kind_of(header: list[str]) -> str | None:
    cols = {h.strip().lower() for h in header}
    if CYCLE_START not in cols or TIMEZONE not in cols:
        return None
    if "question text" in cols:
        return "journal"
    if "workout start time" in cols:
        return "workouts"
    if "recovery score %" in cols:
        return "cycles"
    if "sleep onset" in cols:
        return "sleeps"
    return None


def _header(member: Member) -> list[str]:
    for _, row in files.csv_rows(member):
        return row
    return []


class _Row:
    """One row by column name (lower case), with the file and line for messages."""

    __slots__ = ("cells", "idx", "line", "names", "where")

    def __init__(self, idx: dict[str, int], names: dict[str, str], cells: list[str], where: str, line: int) -> None:
        self.idx, self.names, self.cells, self.where, self.line = idx, names, cells, where, line

    def name(self, col: str) -> str:
        """The column as the file's header writes it."""
        return self.names.get(col, col)

    def get(self, col: str) -> str:
        i = self.idx.get(col)
        return self.cells[i].strip() if i is not None and i < len(self.cells) else ""

    def num(self, col: str, low: float = 0.0, high: float = 24 * 60, unit: str = "") -> float | None:
        return number(self.get(col), self.name(col), self.where, self.line, low, high, unit)

    def tz(self) -> dt.tzinfo:
        text = self.get(TIMEZONE)
        try:
            return zone(text)
        except InputError as exc:
            raise ImportFormatError(f"column 'Cycle timezone': {exc}", path=self.where, line=self.line) from None

    def time(self, col: str, tz: dt.tzinfo) -> dt.datetime | None:
        text = self.get(col)
        if not text:
            return None
        for fmt in DATETIME_FORMATS:
            try:
                return aware(dt.datetime.strptime(text, fmt), tz)
            except ValueError:
                continue
        raise ImportFormatError(
            f"column {self.name(col)!r}: {text!r} is not a date and time", path=self.where, line=self.line
        )


def _rows(member: Member, progress: Progress | None) -> Iterator[_Row]:
    idx: dict[str, int] | None = None
    names: dict[str, str] = {}
    for line, cells in files.csv_rows(member, progress):
        if idx is None:
            idx = files.header_index(cells)
            names = {h.strip().lower(): h.strip() for h in cells}
            continue
        if not any(c.strip() for c in cells):
            continue
        yield _Row(idx, names, cells, member.where, line)


class WhoopImporter:
    """``read(path, mapping)``: a Whoop export folder or zip, or one of its CSV files."""

    kind = "whoop"
    label = "Whoop export"
    suffixes: tuple[str, ...] = (".csv", ".zip")

    def read(
        self, path: Path, mapping: ImportMapping | None = None, progress: ProgressFn | None = None
    ) -> Iterator[Record]:
        path = Path(path)
        found = self._files(path)
        journal = [f for f in found if f.kind == "journal"]
        targets = self._journal_targets(journal, mapping) if journal else {}
        prog = Progress(sum(f.member.size for f in found), progress)
        has_sleeps = any(f.kind == "sleeps" for f in found)
        sleeps: list[SleepRec] = []
        for f in found:
            if f.kind == "cycles":
                yield from self._cycles(f.member, prog, sleeps if not has_sleeps else None)
            elif f.kind == "sleeps":
                sleeps.extend(self._sleeps(f.member, prog))
            elif f.kind == "workouts":
                yield from self._workouts(f.member, prog)
        yield from one_per_night(sleeps)
        for f in journal:
            yield from self._journal(f.member, targets, prog)
        prog.finish()

    @staticmethod
    def _files(path: Path) -> list[_File]:
        out = []
        every = files.members(path)
        single = path.is_file() and not files.is_zip(path)
        for m in every:
            kind = _kind_of(_header(m)) if m.basename.endswith(".csv") or single else None
            if kind is None:
                if single:
                    raise ImportFormatError(
                        f"not {EXPECTED}: no 'Cycle start time' and 'Cycle timezone' columns", path=m.where, line=1
                    )
                continue
            out.append(_File(m, kind))
        if not out:
            raise ImportFormatError(f"no Whoop export files in it: expected {EXPECTED}", path=path)
        order = {"cycles": 0, "sleeps": 1, "workouts": 2, "journal": 3}
        return sorted(out, key=lambda f: order[f.kind])

    # ---- cycles and sleeps ----------------------------------------------------------------------------

    def _cycles(self, member: Member, prog: Progress, sleeps: list[SleepRec] | None) -> Iterator[Record]:
        # one observation of a kind per day: of two cycles whose sleeps end the same day, the later one's
        latest: dict[tuple[ObservationKind, dt.date], tuple[dt.datetime, ObservationRec]] = {}
        for row in _rows(member, prog):
            tz = row.tz()
            start = row.time(CYCLE_START, tz)
            if start is None:
                raise ImportFormatError("column 'Cycle start time' is empty", path=row.where, line=row.line)
            onset, wake = row.time("sleep onset", tz), row.time("wake onset", tz)
            when = wake or start
            day = when.date()
            for kind, col in OBSERVATION_COLUMNS.items():
                low, high = kind.bounds
                value = row.num(col, low, high, kind.unit)
                if value is None:
                    continue
                seen = latest.get((kind, day))
                if seen is None or seen[0] < when:
                    obs = ObservationRec(Observation(day, kind, value, SOURCE), f"whoop:{kind.value}:{day.isoformat()}")
                    latest[(kind, day)] = (when, obs)
            if sleeps is not None and onset is not None and wake is not None:
                sleeps.append(self._sleep(row, onset, wake, nap=False))
        for _, obs in sorted(latest.values(), key=lambda x: (x[1].observation.date, x[1].key)):
            yield obs

    def _sleeps(self, member: Member, prog: Progress) -> Iterator[SleepRec]:
        for row in _rows(member, prog):
            tz = row.tz()
            onset, wake = row.time("sleep onset", tz), row.time("wake onset", tz)
            if onset is None or wake is None:
                continue  # the cycle in progress before its sleep ends
            nap = boolean(row.get("nap"), "Nap", row.where, row.line) or False
            yield self._sleep(row, onset, wake, nap)

    @staticmethod
    def _sleep(row: _Row, onset: dt.datetime, wake: dt.datetime, nap: bool) -> SleepRec:
        stage_min = {stage: row.num(col) for stage, col in STAGE_COLUMNS.items()}
        return sleep_rec(
            f"whoop:sleep:{onset.astimezone(dt.UTC).isoformat()}",
            onset,
            wake,
            where=row.where,
            line=row.line,
            asleep_min=row.num("asleep duration (min)"),
            nap=nap,
            source=SOURCE,
            stage_min={k: v for k, v in stage_min.items() if v is not None},
        )

    # ---- workouts -------------------------------------------------------------------------------------

    def _workouts(self, member: Member, prog: Progress) -> Iterator[ExerciseRec]:
        for row in _rows(member, prog):
            tz = row.tz()
            start, end = row.time("workout start time", tz), row.time("workout end time", tz)
            if start is None:
                raise ImportFormatError("column 'Workout start time' is empty", path=row.where, line=row.line)
            duration = row.num("duration (min)")
            if not duration and end is not None:
                duration = (end - start).total_seconds() / 60.0
            if not duration:
                continue  # a workout of no measurable length
            name = row.get("activity name") or "Activity"
            key = ACTIVITIES.get(name.lower()) or activity_key(name)
            activity = key if key != "other" else name.strip().lower().replace(" ", "_")[:40]
            avg, mx = row.num("average hr (bpm)", 0, HR_MAX_BPM, "bpm"), row.num("max hr (bpm)", 0, HR_MAX_BPM, "bpm")
            try:
                # 0 bpm is Whoop's "no heart rate recorded"
                session = ExerciseSession(activity, start, duration, avg or None, mx or None, source=SOURCE)
            except InputError as exc:
                raise ImportFormatError(str(exc), path=row.where, line=row.line) from None
            zones = []
            for i in range(1, 6):
                pct = row.num(f"hr zone {i} %", 0, 100, "%")
                if pct is not None:
                    zones.append(HrZoneTime(f"zone {i}", session.duration_min * pct / 100.0))
            yield ExerciseRec(
                session, f"whoop:workout:{start.astimezone(dt.UTC).isoformat()}:{name}"[:160], zones=tuple(zones)
            )

    # ---- journal --------------------------------------------------------------------------------------

    @staticmethod
    def _journal_targets(journal: list[_File], mapping: ImportMapping | None) -> dict[str, Target]:
        questions: dict[str, None] = {}
        for f in journal:
            for row in _rows(f.member, None):
                q = row.get("question text")
                if q:
                    questions.setdefault(q)
        suggestions = {q: guess(q.rstrip("?"), numeric=False, note="yes/no answers") for q in questions}
        targets = resolve(mapping, questions, suggestions, "journal questions", "Whoop journal_entries.csv")
        for q, t in targets.items():
            if t.what == "observation":
                raise InputError(f"{q!r}: a yes/no question cannot be an observation", field="mapping")
            if t.what == "practice" and t.value is None:
                raise InputError(
                    f"{q!r}: a yes/no question needs the minutes of a session: practice:{t.name}:<minutes>",
                    field="mapping",
                )
        return targets

    def _journal(self, member: Member, targets: dict[str, Target], prog: Progress) -> Iterator[Record]:
        ratings: dict[dt.date, dict[str, float]] = {}
        for row in _rows(member, prog):
            q = row.get("question text")
            t = targets.get(q)
            if t is None or t.ignored:
                continue
            yes = boolean(row.get("answered yes"), "Answered yes", row.where, row.line)
            start = row.time(CYCLE_START, row.tz())
            if yes is None or start is None:
                continue
            day = (start - JOURNAL_DAY_SHIFT).date()
            if t.what == "rating":
                ratings.setdefault(day, {})[t.name] = (t.value if t.value is not None else 1.0) if yes else 0.0
            elif t.what == "food_complete":
                yield FoodCompletenessRec(day, yes, SOURCE)
            elif t.what == "practice" and yes and t.value is not None:
                noon = dt.datetime.combine(day, dt.time(12), start.tzinfo)
                yield PracticeRec(
                    Practice(PracticeKind(t.name), noon, t.value, SOURCE),
                    f"whoop:practice:{t.name}:{day.isoformat()}",
                    day_only=True,
                )
        for day in sorted(ratings):
            yield RatingRec(day, ratings[day], SOURCE)
