"""Bearable CSV export (``Bearable_Export_<date>.csv``): one row per reading, in long form.

Columns: date ("22nd Sep 2020"), weekday, time of day ("am", "mid", "pm", "pre" (before bed), "all day", or
"HH:MM"), category, rating/amount, detail, notes. Categories seen: Mood (a rating, with the emotions in detail),
Energy and Sleep quality (ratings, the word in detail), Symptom ("Stress (Mild)": a severity rating), Factors, Sleep
factors and Food Diary factors ("|"-separated labels, yes when present), Meds/Supplements (amount, "Name (unit)"),
Sleep (hours asleep "7:15", detail "Asleep 02:30 - 09:45. In bed 02:15 - 10:00"), Gratitudes, Food Diary, Bowel
Movements; a person's own categories read as "<category>:<detail>".

Sleep rows need no mapping: the period ends on the row's date, in bed when given (else the asleep window), with the
hours asleep as time asleep. Everything else means what only the person says, keyed "Mood", "Energy", "Sleep
quality", "symptom:<name>", "factor:<label>", "sleep factor:<label>", "food factor:<label>", "med:<name (unit)>"
or "<category>:<detail>", mapped to "rating:<name>" (the row's rating or amount; a label present counts 1, or
``rating:<name>:<value>``), "practice:<kind>:<minutes>" (a label present is a session), "observation:<kind>" (an
amount), "food_complete" or "ignore". Several readings on one day give that day their mean. Wall-clock times are
read in this machine's zone. Gratitudes, the food diary's meals and bowel movements are not read.
"""

from __future__ import annotations

import datetime as dt
import re
import statistics
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from norepi.errors import ImportFormatError, InputError
from norepi.importers import files
from norepi.importers.cells import number
from norepi.importers.files import Member, Progress
from norepi.importers.mapping import Target, guess, resolve
from norepi.importers.sleep_records import one_per_night, sleep_rec
from norepi.importers.timezones import aware, combine
from norepi.journal.records import (
    FoodCompletenessRec,
    ImportMapping,
    ObservationRec,
    PracticeRec,
    ProgressFn,
    RatingRec,
    Record,
    SleepRec,
)
from norepi.lifestyle.observations import Observation
from norepi.lifestyle.stress import Practice
from norepi.vocab import ObservationKind, PracticeKind

SOURCE = "bearable"
EXPECTED = "a Bearable CSV export (date, weekday, time of day, category, rating/amount, detail, notes)"
REQUIRED = ("date", "category", "rating/amount", "detail")
DATE = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]{3})[a-z]*\s+(\d{4})$")
MONTHS = {
    m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)
}
WINDOW = re.compile(r"(Asleep|In bed)\s+(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})", re.IGNORECASE)
SEVERITY = re.compile(r"\s*\((?:None|Mild|Moderate|Severe|Extreme|Unbearable)\)\s*$", re.IGNORECASE)
LABEL_CATEGORIES = {"factors": "factor", "sleep factors": "sleep factor", "food diary factors": "food factor"}
RATING_CATEGORIES = {"mood": "Mood", "energy": "Energy", "sleep quality": "Sleep quality"}
NOT_READ = {"gratitudes", "food diary", "bowel movements", "sleep"}
CLOCK = re.compile(r"^(\d{1,2}):(\d{2})$")
SLOT_HOURS = {"am": 9, "mid": 13, "pm": 18, "pre": 22, "all day": 12, "": 12}  # a time for a reading without one


@dataclass(frozen=True)
class _Reading:
    line: int
    day: dt.date
    slot: str
    key: str
    amount: float | None


def _date(text: str, where: str, line: int) -> dt.date:
    m = DATE.match(text.strip())
    month = MONTHS.get(m.group(2).lower()) if m else None
    if not m or month is None:
        raise ImportFormatError(f"column 'date': {text!r} is not a date like '22nd Sep 2020'", path=where, line=line)
    try:
        return dt.date(int(m.group(3)), month, int(m.group(1)))
    except ValueError:
        raise ImportFormatError(f"column 'date': {text!r} is not a date", path=where, line=line) from None


class BearableImporter:
    """``read(path, mapping)``: a Bearable CSV export (or a folder or zip holding one)."""

    kind = "bearable"
    label = "Bearable export"
    suffixes: tuple[str, ...] = (".csv", ".zip")

    def read(
        self, path: Path, mapping: ImportMapping | None = None, progress: ProgressFn | None = None
    ) -> Iterator[Record]:
        path = Path(path)
        member = self._member(path)
        prog = Progress(member.size, progress)
        readings: list[_Reading] = []
        sleeps: list[SleepRec] = []
        seen: dict[str, list[float]] = {}
        for r in self._rows(member, prog, sleeps):
            readings.append(r)
            seen.setdefault(r.key, [])
            if r.amount is not None:
                seen[r.key].append(r.amount)
        suggestions = {k: self._suggestion(k, v) for k, v in seen.items()}
        targets = resolve(mapping, list(seen), suggestions, "categories and factors", "Bearable export")
        yield from one_per_night(sleeps)
        yield from self._records(readings, targets)
        prog.finish()

    @staticmethod
    def _member(path: Path) -> Member:
        if path.is_file() and not files.is_zip(path):
            return files.single(path, EXPECTED)
        found = [m for m in files.members(path) if m.basename.endswith(".csv") and "bearable" in m.basename]
        if len(found) != 1:
            raise ImportFormatError(
                f"{'no' if not found else len(found)} Bearable_Export*.csv files in it: expected {EXPECTED}", path=path
            )
        return found[0]

    @staticmethod
    def _suggestion(key: str, amounts: list[float]) -> str:
        seen = f"values {min(amounts):g}-{max(amounts):g} seen" if amounts else "present or not"
        if key.startswith("symptom:"):
            return guess(key.split(":", 1)[1], numeric=True, note=f"severity, {seen}: lower is better")
        if key.startswith(("factor:", "sleep factor:", "food factor:")):
            target = guess(key.split(":", 1)[1], numeric=False)
            return ("ignore" if target.startswith("rating:") else target) + " (a factor: yes when present)"
        if key.startswith("med:"):
            return f"ignore (an amount: {seen})"
        return guess(key.split(":", 1)[-1], numeric=True, note=seen)

    def _rows(self, member: Member, prog: Progress, sleeps: list[SleepRec]) -> Iterator[_Reading]:
        idx: dict[str, int] | None = None
        tz = None  # wall-clock times: this machine's zone
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

            day = _date(files.cell(cells, idx, "date"), member.where, line)
            category, detail, amount_text, slot = (
                files.cell(cells, idx, "category"),
                files.cell(cells, idx, "detail"),
                files.cell(cells, idx, "rating/amount"),
                files.cell(cells, idx, "time of day"),
            )
            cat = category.lower()
            if cat == "sleep":
                rec = self._sleep(day, amount_text, detail, tz, member.where, line)
                if rec is not None:
                    sleeps.append(rec)
                continue
            if cat in NOT_READ or not category:
                continue
            if cat in RATING_CATEGORIES:
                amount = number(amount_text, "rating/amount", member.where, line, -1e6, 1e6)
                if amount is not None:
                    yield _Reading(line, day, slot, RATING_CATEGORIES[cat], amount)
            elif cat in LABEL_CATEGORIES:
                for label in (x.strip() for x in detail.split("|")):
                    if label:
                        yield _Reading(line, day, slot, f"{LABEL_CATEGORIES[cat]}:{label}", None)
            elif cat == "symptom":
                amount = number(amount_text, "rating/amount", member.where, line, 0, 1e6)
                yield _Reading(line, day, slot, f"symptom:{SEVERITY.sub('', detail)}", amount)
            elif cat == "meds/supplements":
                amount = number(amount_text, "rating/amount", member.where, line, 0, 1e9)
                yield _Reading(line, day, slot, f"med:{detail}", amount)
            else:
                amount = number(amount_text, "rating/amount", member.where, line, -1e9, 1e9) if amount_text else None
                yield _Reading(line, day, slot, f"{cat}:{detail}", amount)

    @staticmethod
    def _sleep(day: dt.date, hours: str, detail: str, tz: dt.tzinfo | None, where: str, line: int) -> SleepRec | None:
        windows = {w[0].lower(): w[1:] for w in WINDOW.findall(detail)}
        if not windows:
            return None  # hours without times (a nap of "4h (mid)", a row synced without times): not placeable
        spans = {}
        for name, (h1, m1, h2, m2) in windows.items():
            try:
                end = dt.datetime.combine(day, dt.time(int(h2), int(m2)))
                start = dt.datetime.combine(day, dt.time(int(h1), int(m1)))
            except ValueError:
                raise ImportFormatError(
                    f"column 'detail': {detail!r} has an impossible time", path=where, line=line
                ) from None
            if start >= end:
                start -= dt.timedelta(days=1)  # the night began the day before
            spans[name] = (aware(start, tz), aware(end, tz))
        asleep = None
        if hours:
            try:
                h, _, m = hours.partition(":")
                asleep = int(h) * 60 + int(m or 0)
            except ValueError:
                raise ImportFormatError(
                    f"column 'rating/amount': {hours!r} is not hours:minutes asleep", path=where, line=line
                ) from None
        bed, wake = spans.get("in bed") or spans["asleep"]
        if "asleep" in spans and "in bed" in spans:
            a0, a1 = spans["asleep"]
            if not (bed <= a0 and a1 <= wake):
                bed, wake = spans["asleep"]  # windows that disagree: the asleep one, which the hours match
        if asleep is not None and asleep > (wake - bed).total_seconds() / 60 + 1:
            asleep = None  # hours that do not fit the window: the window only
        return sleep_rec(
            f"bearable:sleep:{bed.astimezone(dt.UTC).isoformat()}",
            bed,
            wake,
            where=where,
            line=line,
            asleep_min=min(asleep, (wake - bed).total_seconds() / 60) if asleep is not None else None,
            source=SOURCE,
        )

    @staticmethod
    def _records(readings: list[_Reading], targets: dict[str, Target]) -> Iterator[Record]:
        ratings: dict[dt.date, dict[str, list[float]]] = {}
        observations: dict[tuple[str, dt.date], list[float]] = {}
        for key, t in targets.items():
            if t.what == "practice" and t.value is None:
                raise InputError(f"{key!r}: say the minutes of a session: practice:{t.name}:<minutes>", field="mapping")
        for r in readings:
            t = targets[r.key]
            if t.what == "rating":
                value = t.value if t.value is not None else (r.amount if r.amount is not None else 1.0)
                ratings.setdefault(r.day, {}).setdefault(t.name, []).append(value)
            elif t.what == "observation":
                if r.amount is None:
                    raise InputError(f"{r.key!r}: has no amount, so cannot be an observation", field="mapping")
                observations.setdefault((t.name, r.day), []).append(r.amount)
            elif t.what == "practice" and t.value is not None:
                clock = CLOCK.match(r.slot)
                hm = (int(clock.group(1)) % 24, int(clock.group(2)) % 60) if clock else (SLOT_HOURS.get(r.slot, 12), 0)
                at = combine(r.day, dt.time(*hm))
                yield PracticeRec(
                    Practice(PracticeKind(t.name), at, t.value, SOURCE),
                    f"bearable:{r.key}:{r.day.isoformat()}:{r.slot}"[:160],
                    day_only=clock is None,
                )
            elif t.what == "food_complete":
                yield FoodCompletenessRec(r.day, True, SOURCE)
        for (kind, day), vals in sorted(observations.items(), key=lambda x: (x[0][1], x[0][0])):
            try:
                obs = Observation(day, ObservationKind(kind), statistics.fmean(vals), SOURCE)
            except InputError as exc:
                raise InputError(f"{day.isoformat()}: {exc}", field="mapping") from None
            yield ObservationRec(obs, f"bearable:{kind}:{day.isoformat()}")
        for day in sorted(ratings):
            yield RatingRec(day, {n: statistics.fmean(v) for n, v in ratings[day].items()}, SOURCE)
