"""Loop Habit Tracker CSV export ("Loop Habits CSV <date>.zip"), as the zip, its folder, or its Checkmarks.csv.

Layout (uhabits ``HabitsCSVExporter``): ``Habits.csv`` lists the habits (old header Position, Name, Question,
Description, NumRepetitions, Interval, Color; since 2025 also Type, Unit, Target Type, Target Value);
``Checkmarks.csv`` has one row per day, newest first, and one column per habit (each line ends in a comma);
each habit also has a folder "NNN Name" whose ``Checkmarks.csv`` holds "date,value" rows without a header (with a
"Date,Value,Notes" header since 2025). A value is 2 (done), 1 (done automatically, not due), 0 (not done),
-1 (not entered), 3 or -3 (skipped), or since 2025 the words YES_MANUAL, YES_AUTO, NO, UNKNOWN, SKIP; a numeric
habit's value is its number x 1000. Some exports write each cell as "Entry(timestamp=2023-04-04, value=2)".

Which habit means what only the person can say: a mapping from habit name to a target (``importers.mapping``),
else MappingNeeded with suggestions (a numeric habit's unit, the values seen, "target at most": lower is better).
Not entered, skipped and "done automatically" days are missing, never zero.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from norepi.errors import ImportFormatError, InputError
from norepi.importers import files
from norepi.importers.files import Member, Progress
from norepi.importers.mapping import Target, guess, resolve
from norepi.importers.timezones import combine
from norepi.journal.records import (
    FoodCompletenessRec,
    ImportMapping,
    ObservationRec,
    PracticeRec,
    ProgressFn,
    RatingRec,
    Record,
)
from norepi.lifestyle.observations import Observation
from norepi.lifestyle.stress import Practice
from norepi.vocab import ObservationKind, PracticeKind

SOURCE = "loop"
EXPECTED = "a Loop Habit Tracker CSV export (its zip or folder, or Checkmarks.csv)"
WORDS = {"YES_MANUAL": 2, "YES_AUTO": 1, "NO": 0, "UNKNOWN": -1, "SKIP": 3}
YES, YES_AUTO, NO, UNKNOWN = 2, 1, 0, -1
SKIPS = {3, -3}
BOOLEAN_VALUES = {YES, YES_AUTO, NO, UNKNOWN, *SKIPS}
NUMERIC_SCALE = 1000.0  # Loop stores a numeric habit's value x 1000
ENTRY = re.compile(r"Entry\(timestamp=(\d{4}-\d{2}-\d{2}), value=(-?\d+)\)")
HABIT_FOLDER = re.compile(r"^(\d{3}) (.*)$")


@dataclass
class Habit:
    """A habit as Habits.csv (or a folder name) gives it, and the values its checkmarks hold."""

    position: int
    name: str
    question: str = ""
    kind: str = ""  # "YES_NO", "NUMERICAL", or "" when the export does not say
    unit: str = ""
    target_type: str = ""  # "AT_LEAST", "AT_MOST"
    target_value: str = ""
    values: dict[dt.date, int] = field(default_factory=dict)

    @property
    def numeric(self) -> bool:
        """Whether values are numbers x 1000: as Habits.csv says, else any value that is not a checkmark code."""
        if self.kind:
            return self.kind == "NUMERICAL"
        return any(v not in BOOLEAN_VALUES for v in self.values.values())

    def suggestion(self) -> str:
        known = [v for v in self.values.values() if v != UNKNOWN]
        if self.numeric:
            nums = [v / NUMERIC_SCALE for v in known if v >= 0]
            note = "numeric"
            if self.unit:
                note += f", unit {self.unit!r}"
            if nums:
                note += f", values {min(nums):g}-{max(nums):g} seen on {len(nums)} days"
            if self.target_type and self.target_value:
                better = "lower" if self.target_type == "AT_MOST" else "higher"
                note += f", target {self.target_type.replace('_', ' ').lower()} {self.target_value}: {better} is better"
            return guess(self.name, numeric=True, note=note)
        yes = sum(1 for v in known if v == YES)
        return guess(self.name, numeric=False, note=f"yes/no, done on {yes} of {len(known)} days entered")


def _code(text: str, where: str, line: int) -> int:
    t = text.strip()
    if t in WORDS:
        return WORDS[t]
    try:
        return int(t)
    except ValueError:
        try:
            v = float(t)  # a numeric value written with decimals
        except ValueError:
            raise ImportFormatError(f"{t!r} is not a checkmark value", path=where, line=line) from None
        return round(v)


class LoopHabitsImporter:
    """``read(path, mapping)``: a Loop Habit Tracker CSV export (zip, folder, or its Checkmarks.csv)."""

    kind = "loop"
    label = "Loop Habit Tracker export"
    suffixes: tuple[str, ...] = (".zip", ".csv")

    def read(
        self, path: Path, mapping: ImportMapping | None = None, progress: ProgressFn | None = None
    ) -> Iterator[Record]:
        path = Path(path)
        every = self._members(path)
        prog = Progress(sum(m.size for m in every), progress)
        habits_file = next((m for m in every if m.basename == "habits.csv" and not m.parent_is_habit), None)
        habits = self._habits(habits_file, prog) if habits_file else {}
        combined = next((m for m in every if m.basename == "checkmarks.csv" and not m.parent_is_habit), None)
        if combined is not None:
            found = self._combined(combined, habits, prog)
        else:
            per_habit = [m for m in every if m.basename == "checkmarks.csv" and m.parent_is_habit]
            if not per_habit:
                raise ImportFormatError(f"no Checkmarks.csv in it: expected {EXPECTED}", path=path)
            found = [self._per_habit(m, habits, prog) for m in per_habit]
        suggestions = {h.name: h.suggestion() for h in found}
        targets = resolve(mapping, [h.name for h in found], suggestions, "habits", "Loop Habit Tracker export")
        yield from self._records(found, targets)
        prog.finish()

    @staticmethod
    def _members(path: Path) -> list[_Member]:
        if path.is_file() and not files.is_zip(path):
            m = files.single(path, EXPECTED)
            if m.basename != "checkmarks.csv":
                what = (
                    "Habits.csv lists the habits but holds no checkmarks"
                    if m.basename == "habits.csv"
                    else "not a Loop Checkmarks.csv"
                )
                raise ImportFormatError(f"{what}: expected {EXPECTED}", path=m.where)
            folder = path.parent
            in_habit = HABIT_FOLDER.match(folder.name) is not None
            if in_habit:
                m = dataclasses.replace(m, name=f"{folder.name}/{path.name}")
            out = [_Member(m, in_habit)]
            beside = folder.parent / "Habits.csv" if out[0].parent_is_habit else folder / "Habits.csv"
            if beside.exists():
                out.append(_Member(files.single(beside, EXPECTED), False))
            return out
        out = []
        for m in files.members(path):
            if m.basename in ("habits.csv", "checkmarks.csv"):
                out.append(_Member(m, HABIT_FOLDER.match(m.parent) is not None))
        return out

    @staticmethod
    def _habits(member: _Member, prog: Progress) -> dict[int, Habit]:
        out: dict[int, Habit] = {}
        idx: dict[str, int] | None = None
        for line, cells in files.csv_rows(member.member, prog):
            if idx is None:
                idx = files.header_index(cells)
                if "position" not in idx or "name" not in idx:
                    raise ImportFormatError(
                        f"no 'Position' and 'Name' columns: expected {EXPECTED}", path=member.member.where, line=1
                    )
                continue
            if not any(cells):
                continue

            try:
                pos = int(files.cell(cells, idx, "position"))
            except ValueError:
                raise ImportFormatError(
                    f"{files.cell(cells, idx, 'position')!r} is not a habit position",
                    path=member.member.where,
                    line=line,
                ) from None
            out[pos] = Habit(
                pos,
                files.cell(cells, idx, "name"),
                files.cell(cells, idx, "question"),
                files.cell(cells, idx, "type"),
                files.cell(cells, idx, "unit"),
                files.cell(cells, idx, "target type"),
                files.cell(cells, idx, "target value"),
            )
        return out

    @staticmethod
    def _combined(member: _Member, habits: dict[int, Habit], prog: Progress) -> list[Habit]:
        m = member.member
        cols: list[Habit] = []
        by_name = {h.name: h for h in habits.values()}
        for line, cells in files.csv_rows(m, prog):
            if not cols:
                if not cells or cells[0].strip().lower() != "date":
                    raise ImportFormatError(f"no 'Date' column first: expected {EXPECTED}", path=m.where, line=1)
                names = [c for c in cells[1:]]
                while names and not names[-1].strip():
                    names.pop()  # the comma that ends every line
                if not names:
                    raise ImportFormatError("no habit columns", path=m.where, line=1)
                cols = [by_name.get(n) or Habit(i + 1, n) for i, n in enumerate(names)]
                continue
            if not any(c.strip() for c in cells):
                continue
            day = _date(cells[0], m.where, line)
            raw = ",".join(cells[1:])
            if "Entry(" in raw:  # a Loop version wrote the cells as Entry(...), unquoted: read them from the line
                values = [int(v) for d, v in ENTRY.findall(raw) if d == day.isoformat()]
            else:
                cells = cells[1 : 1 + len(cols)]
                values = (
                    [_code(c, m.where, line) if c.strip() else UNKNOWN for c in cells]
                    if len(cells) == len(cols)
                    else []
                )
            if len(values) != len(cols):
                raise ImportFormatError(f"{len(values)} values for {len(cols)} habits", path=m.where, line=line)
            for h, v in zip(cols, values, strict=True):
                h.values.setdefault(day, v)
        return cols

    @staticmethod
    def _per_habit(member: _Member, habits: dict[int, Habit], prog: Progress) -> Habit:
        m = member.member
        folder = HABIT_FOLDER.match(m.parent)
        assert folder is not None
        pos = int(folder.group(1))
        habit = habits.get(pos) or Habit(pos, folder.group(2))
        for line, cells in files.csv_rows(m, prog):
            if not cells or not cells[0].strip():
                continue
            if line == 1 and cells[0].strip().lower() == "date":
                continue  # the header of 2025 exports
            if len(cells) < 2:
                raise ImportFormatError(f"expected 'date,value': {','.join(cells)!r}", path=m.where, line=line)
            habit.values.setdefault(_date(cells[0], m.where, line), _code(cells[1], m.where, line))
        return habit

    @staticmethod
    def _records(found: list[Habit], targets: dict[str, Target]) -> Iterator[Record]:
        ratings: dict[dt.date, dict[str, float]] = {}
        for h in found:
            t = targets[h.name]
            if t.ignored:
                continue
            numeric = h.numeric
            if t.what == "observation" and not numeric:
                raise InputError(f"{h.name!r}: a yes/no habit cannot be an observation", field="mapping")
            if t.what == "practice" and not numeric and t.value is None:
                raise InputError(
                    f"{h.name!r}: a yes/no habit needs the minutes of a session: practice:{t.name}:<minutes>",
                    field="mapping",
                )
            for day in sorted(h.values):
                v = h.values[day]
                if numeric:
                    if v < 0:
                        continue  # not entered
                    value = v / NUMERIC_SCALE
                elif v in (YES, NO):
                    value = 1.0 if v == YES else 0.0
                else:
                    continue  # not entered, skipped, or done automatically (not due): unknown that day
                if t.what == "rating":
                    ratings.setdefault(day, {})[t.name] = (
                        t.value * value if t.value is not None and not numeric else value
                    )
                elif t.what == "food_complete":
                    yield FoodCompletenessRec(day, value > 0, SOURCE)
                elif t.what == "practice":
                    minutes = value if numeric else (t.value or 0.0) * value
                    if minutes > 0:
                        noon = combine(day, dt.time(12))  # Loop gives the day only: noon, this machine's zone
                        try:
                            practice = Practice(PracticeKind(t.name), noon, minutes, SOURCE)
                        except InputError as exc:
                            raise InputError(f"{h.name!r} on {day.isoformat()}: {exc}", field="mapping") from None
                        yield PracticeRec(practice, f"loop:{h.name}:{day.isoformat()}"[:160], day_only=True)
                elif t.what == "observation":
                    try:
                        obs = Observation(day, ObservationKind(t.name), value, SOURCE)
                    except InputError as exc:
                        raise InputError(f"{h.name!r} on {day.isoformat()}: {exc}", field="mapping") from None
                    yield ObservationRec(obs, f"loop:{t.name}:{day.isoformat()}")
        for day in sorted(ratings):
            yield RatingRec(day, ratings[day], SOURCE)


@dataclass(frozen=True)
class _Member:
    member: Member
    parent_is_habit: bool  # inside a per-habit folder "NNN Name"

    @property
    def basename(self) -> str:
        return self.member.basename

    @property
    def size(self) -> int:
        return self.member.size

    @property
    def name(self) -> str:
        return PurePosixPath(self.member.name).name


def _date(text: str, where: str, line: int) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip()[:10])
    except ValueError:
        raise ImportFormatError(f"{text.strip()!r} is not a date (YYYY-MM-DD)", path=where, line=line) from None
