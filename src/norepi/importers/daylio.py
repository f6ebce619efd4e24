"""Daylio CSV export (``daylio_export_<date>.csv``): one row per entry, newest first.

Both header generations read: "full_date, date, weekday, time, mood, activities, note" (older, often with a
byte-order mark) and the same with "note_title" before "note". Times are wall-clock times without a zone ("9:00
PM", "21:00", "11:43 PM" with a narrow no-break space), read in this machine's zone.

A mood is a label the person chose (Daylio's five defaults rad, good, meh, bad, awful, or their own: "Solid"), and
what it is worth only they can say: the mapping takes "mood:<label>" to "rating:<name>:<value>" (the defaults are
suggested as 5 to 1 on "rating:mood"), and "activity:<name>" to a practice of so many minutes
("practice:meditation:10"), a yes/no rating, food_complete or ignore ("activity:*": "ignore" for the rest). Several
entries on one day give that day the mean of their values.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Iterator
from pathlib import Path

from norepi.errors import ImportFormatError, InputError
from norepi.importers import files
from norepi.importers.files import Member, Progress
from norepi.importers.mapping import Target, guess, resolve
from norepi.importers.timezones import combine
from norepi.journal.records import FoodCompletenessRec, ImportMapping, PracticeRec, ProgressFn, RatingRec, Record
from norepi.lifestyle.stress import Practice
from norepi.vocab import PracticeKind

SOURCE = "daylio"
EXPECTED = "a Daylio CSV export (full_date, date, weekday, time, mood, activities, [note_title,] note)"
REQUIRED = ("full_date", "time", "mood", "activities")
DEFAULT_MOODS = {"rad": 5, "good": 4, "meh": 3, "bad": 2, "awful": 1}
TIME_FORMATS = ("%I:%M %p", "%H:%M", "%I:%M%p", "%H:%M:%S")


def _time(text: str, where: str, line: int) -> dt.time:
    t = " ".join(text.replace("\u202f", " ").replace("\xa0", " ").split()).upper()
    for fmt in TIME_FORMATS:
        try:
            return dt.datetime.strptime(t, fmt).time()
        except ValueError:
            continue
    raise ImportFormatError(f"column 'time': {text!r} is not a time", path=where, line=line)


class DaylioImporter:
    """``read(path, mapping)``: a Daylio CSV export (or a folder or zip holding one)."""

    kind = "daylio"
    label = "Daylio export"
    suffixes: tuple[str, ...] = (".csv", ".zip")

    def read(
        self, path: Path, mapping: ImportMapping | None = None, progress: ProgressFn | None = None
    ) -> Iterator[Record]:
        path = Path(path)
        member = self._member(path)
        prog = Progress(member.size, progress)
        entries = list(self._entries(member, prog))
        moods: dict[str, int] = {}
        activities: dict[str, int] = {}
        for _, _, _, mood, acts in entries:
            moods[mood] = moods.get(mood, 0) + 1
            for a in acts:
                activities[a] = activities.get(a, 0) + 1
        keys = [f"mood:{m}" for m in moods] + [f"activity:{a}" for a in activities]
        suggestions = {f"mood:{m}": self._mood_suggestion(m, n) for m, n in moods.items()}
        suggestions.update({f"activity:{a}": self._activity_suggestion(a, n) for a, n in activities.items()})
        targets = resolve(mapping, keys, suggestions, "moods and activities", "Daylio export")
        yield from self._records(entries, targets)
        prog.finish()

    @staticmethod
    def _member(path: Path) -> Member:
        if path.is_file() and not files.is_zip(path):
            return files.single(path, EXPECTED)
        found = [m for m in files.members(path) if m.basename.endswith(".csv") and "daylio" in m.basename]
        if len(found) != 1:
            raise ImportFormatError(
                f"{'no' if not found else len(found)} daylio_export*.csv files in it: expected {EXPECTED}", path=path
            )
        return found[0]

    @staticmethod
    def _mood_suggestion(mood: str, n: int) -> str:
        value = DEFAULT_MOODS.get(mood.lower())
        if value is not None:
            return f"rating:mood:{value} (Daylio's default mood {mood!r}, {n} entries)"
        return f"rating:mood:<1-5> ({n} entries: your own mood; on Daylio's scale awful 1 .. rad 5)"

    @staticmethod
    def _activity_suggestion(activity: str, n: int) -> str:
        target = guess(activity, numeric=False)
        if target.startswith("rating:"):
            target = "ignore"
        return f"{target} ({n} entries)"

    @staticmethod
    def _entries(member: Member, prog: Progress) -> Iterator[tuple[int, dt.date, dt.time, str, list[str]]]:
        idx: dict[str, int] | None = None
        for line, cells in files.csv_rows(member, prog):
            if idx is None:
                idx = files.header_index(cells)
                missing = [c for c in REQUIRED if c not in idx]
                if missing:
                    raise ImportFormatError(
                        f"missing column(s) {', '.join(missing)}: expected {EXPECTED}", path=member.where, line=1
                    )
                continue
            if not any(c.strip() for c in cells):
                continue
            if len(cells) <= max(idx[c] for c in REQUIRED):
                raise ImportFormatError(f"{len(cells)} columns, expected {len(idx)}", path=member.where, line=line)
            try:
                day = dt.date.fromisoformat(cells[idx["full_date"]].strip())
            except ValueError:
                raise ImportFormatError(
                    f"column 'full_date': {cells[idx['full_date']]!r} is not a date (YYYY-MM-DD)",
                    path=member.where,
                    line=line,
                ) from None
            time = _time(cells[idx["time"]], member.where, line)
            mood = cells[idx["mood"]].strip()
            if not mood:
                raise ImportFormatError("column 'mood' is empty", path=member.where, line=line)
            acts = [a.strip() for a in cells[idx["activities"]].split("|") if a.strip()]
            yield line, day, time, mood, acts

    @staticmethod
    def _records(
        entries: list[tuple[int, dt.date, dt.time, str, list[str]]], targets: dict[str, Target]
    ) -> Iterator[Record]:
        values: dict[dt.date, dict[str, list[float]]] = {}
        for key, t in targets.items():
            if key.startswith("mood:") and t.what not in ("rating", "ignore"):
                raise InputError(f"{key!r}: a mood maps to rating:<name>:<value> or ignore", field="mapping")
            if t.what == "rating" and key.startswith("mood:") and t.value is None:
                raise InputError(f"{key!r}: say what the mood is worth: rating:{t.name}:<value>", field="mapping")
            if t.what == "practice" and t.value is None:
                raise InputError(f"{key!r}: say the minutes of a session: practice:{t.name}:<minutes>", field="mapping")
            if t.what == "observation":
                raise InputError(f"{key!r}: an activity cannot be an observation", field="mapping")
        for _, day, time, mood, acts in entries:
            at = combine(day, time)  # wall-clock time: this machine's zone
            for key in (f"mood:{mood}", *(f"activity:{a}" for a in acts)):
                t = targets[key]
                if t.what == "rating":
                    values.setdefault(day, {}).setdefault(t.name, []).append(t.value if t.value is not None else 1.0)
                elif t.what == "practice" and t.value is not None:
                    p = Practice(PracticeKind(t.name), at, t.value, SOURCE)
                    yield PracticeRec(p, f"daylio:{key}:{at.isoformat()}"[:160])
                elif t.what == "food_complete":
                    yield FoodCompletenessRec(day, True, SOURCE)
        for day in sorted(values):
            yield RatingRec(day, {n: statistics.fmean(v) for n, v in values[day].items()}, SOURCE)
