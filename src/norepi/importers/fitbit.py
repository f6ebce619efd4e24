"""Fitbit data in a Google Takeout ("Takeout/Fitbit/Global Export Data/...") or the older Fitbit account export:
``sleep-<date>.json``, ``resting_heart_rate-<date>.json`` and ``exercise-<n>.json``, as files, or the folder or
zip of the export.

* sleep: one log per period: startTime/endTime (wall-clock time, no zone), minutesAsleep (time asleep as
  measured), timeInBed, mainSleep (false: a nap), logId; "stages" logs give light/deep/REM/wake spans
  (levels.data; the short wakes of levels.shortData are left out: the measured minutes already exclude them),
  "classic" logs asleep/restless/awake spans (restless counts as awake, as Fitbit's minutesAsleep does).
* resting_heart_rate: one value a day ("MM/DD/YY" dates; a value of 0 is a day without one).
* exercise: activityName, startTime ("MM/DD/YY HH:MM:SS", wall-clock), activeDuration (ms), averageHeartRate, and
  minutes in Fitbit's heart-rate zones with their bpm bounds.

Fitbit writes wall-clock times without a zone: they are read in the time zone of the export's Profile.csv
("timezone", an IANA name) when the folder or zip holds one, else in this machine's zone. Intraday heart rate
(heart_rate-*.json) is not read.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from norepi.errors import ImportFormatError, InputError
from norepi.importers import files
from norepi.importers.files import Member, Progress
from norepi.importers.sleep_records import one_per_night, sleep_rec
from norepi.importers.timezones import aware, zone
from norepi.journal.records import ExerciseRec, HrZoneTime, ImportMapping, ObservationRec, ProgressFn, Record, SleepRec
from norepi.lifestyle.exercise import ExerciseSession, activity_key
from norepi.lifestyle.observations import Observation
from norepi.vocab import ObservationKind, SleepStage

SOURCE = "fitbit"
EXPECTED = "a Fitbit export (sleep-*.json, resting_heart_rate-*.json, exercise-*.json, or the Takeout folder or zip)"
LEVELS = {
    "wake": SleepStage.AWAKE,
    "awake": SleepStage.AWAKE,
    "restless": SleepStage.AWAKE,
    "light": SleepStage.LIGHT,
    "deep": SleepStage.DEEP,
    "rem": SleepStage.REM,
    "asleep": SleepStage.ASLEEP,
}
ACTIVITIES = {
    "walk": "walk",
    "run": "run",
    "treadmill": "run",
    "bike": "cycle",
    "outdoor bike": "cycle",
    "spinning": "cycle_stationary",
    "weights": "resistance",
    "weightlifting": "resistance",
    "yoga": "yoga",
    "hike": "walk_brisk",
    "interval workout": "hiit",
    "circuit training": "circuit",
}
US_DATE = "%m/%d/%y"
US_DATETIME = "%m/%d/%y %H:%M:%S"


def _kind(rec: Any) -> str | None:
    if not isinstance(rec, dict):
        return None
    if "logId" in rec and "levels" in rec and "startTime" in rec:
        return "sleep"
    if "activityName" in rec and "startTime" in rec:
        return "exercise"
    value = rec.get("value")
    if "dateTime" in rec and isinstance(value, dict):
        if "bpm" in value:
            return "heart_rate"
        if "value" in value:
            return "resting_heart_rate"
    return None


def _profile_zone(every: list[Member]) -> dt.tzinfo | None:
    for m in every:
        if m.basename == "profile.csv":
            idx: dict[str, int] | None = None
            for line, cells in files.csv_rows(m):
                if idx is None:
                    idx = files.header_index(cells)
                    if "timezone" not in idx:
                        break
                    continue
                text = files.cell(cells, idx, "timezone")
                if text:
                    try:
                        return zone(text)
                    except InputError as exc:
                        raise ImportFormatError(str(exc), path=m.where, line=line) from None
    return None


class FitbitImporter:
    """``read(path)``: Fitbit sleep, resting heart rate and exercise JSON (files, or the export's folder or zip)."""

    kind = "fitbit"
    label = "Fitbit export (Google Takeout)"
    suffixes: tuple[str, ...] = (".json", ".zip")

    def read(
        self, path: Path, mapping: ImportMapping | None = None, progress: ProgressFn | None = None
    ) -> Iterator[Record]:
        path = Path(path)
        single = path.is_file() and not files.is_zip(path)
        every = [files.single(path, EXPECTED)] if single else files.members(path)
        tz = None if single else _profile_zone(every)
        chosen = (
            every
            if single
            else [
                m
                for m in every
                if m.basename.endswith(".json")
                and m.basename.startswith(("sleep-", "resting_heart_rate-", "exercise-"))
            ]
        )
        if not chosen:
            raise ImportFormatError(
                f"no Fitbit sleep, resting heart rate or exercise JSON in it: expected {EXPECTED}", path=path
            )
        prog = Progress(sum(m.size for m in chosen), progress)
        sleeps: list[SleepRec] = []
        observations: dict[dt.date, ObservationRec] = {}
        seen_exercise: set[str] = set()
        for m in chosen:
            n = 0
            for _, rec in files.json_items(m, prog):
                kind = _kind(rec)
                n += 1
                if kind is None:
                    raise ImportFormatError(
                        f"record {n} is not a Fitbit sleep log, resting heart rate or exercise: not {EXPECTED}",
                        path=m.where,
                    )
                if kind == "sleep":
                    sleeps.append(self._sleep(rec, tz, m.where, n))
                elif kind == "resting_heart_rate":
                    obs = self._resting(rec, m.where, n)
                    if obs is not None:
                        observations[obs.observation.date] = obs
                elif kind == "exercise":
                    ex = self._exercise(rec, tz, m.where, n)
                    if ex is not None and ex.key not in seen_exercise:
                        seen_exercise.add(ex.key)
                        yield ex
            if single and n == 0:
                raise ImportFormatError(f"no records in it: expected {EXPECTED}", path=m.where)
        yield from one_per_night(sleeps)
        yield from (observations[d] for d in sorted(observations))
        prog.finish()

    @staticmethod
    def _time(text: Any, tz: dt.tzinfo | None, what: str, where: str, n: int) -> dt.datetime:
        t = str(text).strip()
        try:
            naive = dt.datetime.fromisoformat(t)
        except ValueError:
            try:
                naive = dt.datetime.strptime(t, US_DATETIME)
            except ValueError:
                raise ImportFormatError(f"record {n}: {what} {text!r} is not a date and time", path=where) from None
        return aware(naive, tz)

    def _sleep(self, rec: dict[str, Any], tz: dt.tzinfo | None, where: str, n: int) -> SleepRec:
        start = self._time(rec["startTime"], tz, "startTime", where, n)
        end = self._time(rec.get("endTime"), tz, "endTime", where, n)
        levels = rec.get("levels") or {}
        stages = []
        for item in levels.get("data") or []:
            stage = LEVELS.get(str(item.get("level", "")).lower())
            if stage is None:
                raise ImportFormatError(f"record {n}: sleep level {item.get('level')!r} is not known", path=where)
            s = self._time(item.get("dateTime"), tz, "levels dateTime", where, n)
            e = s + dt.timedelta(seconds=float(item.get("seconds") or 0))
            if e > s:
                stages.append((s, min(e, end), stage))
        summary = levels.get("summary") or {}
        stage_min: dict[SleepStage, float] = {}
        for name, value in summary.items():
            stage = LEVELS.get(name.lower())
            if stage is not None and isinstance(value, dict) and isinstance(value.get("minutes"), int | float):
                stage_min[stage] = stage_min.get(stage, 0.0) + float(value["minutes"])
        asleep = rec.get("minutesAsleep")
        return sleep_rec(
            f"fitbit:sleep:{rec['logId']}",
            start,
            end,
            where=where,
            line=None,
            asleep_min=float(asleep) if isinstance(asleep, int | float) else None,
            nap=rec.get("mainSleep") is False,
            source=SOURCE,
            stages=tuple(x for x in stages if x[1] > x[0]),
            stage_min=stage_min,
        )

    @staticmethod
    def _resting(rec: dict[str, Any], where: str, n: int) -> ObservationRec | None:
        value = rec["value"].get("value")
        if not isinstance(value, int | float) or value == 0:
            return None  # Fitbit's "no resting heart rate that day"
        try:
            day = dt.datetime.strptime(str(rec["dateTime"]).strip(), US_DATETIME).date()
        except ValueError:
            try:
                day = dt.date.fromisoformat(str(rec["dateTime"])[:10])
            except ValueError:
                raise ImportFormatError(f"record {n}: dateTime {rec['dateTime']!r} is not a date", path=where) from None
        try:
            obs = Observation(day, ObservationKind.RESTING_HR_BPM, float(value), SOURCE)
        except InputError as exc:
            raise ImportFormatError(f"record {n} ({day.isoformat()}): {exc}", path=where) from None
        return ObservationRec(obs, f"fitbit:resting_hr_bpm:{day.isoformat()}")

    def _exercise(self, rec: dict[str, Any], tz: dt.tzinfo | None, where: str, n: int) -> ExerciseRec | None:
        start = self._time(rec["startTime"], tz, "startTime", where, n)
        ms = rec.get("activeDuration") or rec.get("duration")
        if not isinstance(ms, int | float) or ms <= 0:
            return None  # a log without a duration
        name = str(rec.get("activityName") or "Activity")
        key = ACTIVITIES.get(name.lower()) or activity_key(name)
        activity = key if key != "other" else name.strip().lower().replace(" ", "_")[:40]
        avg = rec.get("averageHeartRate")
        try:
            session = ExerciseSession(
                activity,
                start,
                ms / 60000.0,
                float(avg) if isinstance(avg, int | float) and avg > 0 else None,
                source=SOURCE,
            )
        except InputError as exc:
            raise ImportFormatError(f"record {n} ({name} at {start.isoformat()}): {exc}", path=where) from None
        zones = tuple(
            HrZoneTime(str(z.get("name", "")), float(z.get("minutes") or 0), _num(z.get("min")), _num(z.get("max")))
            for z in rec.get("heartRateZones") or []
            if isinstance(z, dict)
        )
        return ExerciseRec(session, f"fitbit:exercise:{rec.get('logId') or start.isoformat()}", zones=zones)


def _num(v: Any) -> float | None:
    return float(v) if isinstance(v, int | float) and not isinstance(v, bool) else None
