"""Garmin Connect data export (the GDPR "DI_CONNECT" zip or folder, or its JSON files): nightly sleep from
``*_sleepData.json`` (DI-Connect-Wellness) and daily summaries from ``UDSFile_*.json`` (DI-Connect-Aggregator, or
DI-Connect-User in older exports). Activities are FIT files: ``norepi import fit`` reads them.

* sleepData: sleepStartTimestampGMT / sleepEndTimestampGMT (UTC), calendarDate (the morning), deep, light, REM and
  awake seconds. A window with no sleep measured (OFF_WRIST, or UNCONFIRMED with no stage seconds: a default
  window while the watch was off) is not a night and is skipped. Time asleep is deep + light + REM.
* UDSFile: per calendarDate the day's own resting heart rate (currentDayRestingHeartRate; restingHeartRate is the
  7-day average in the FIT profile's words, used only when the day's is missing) and the average stress level of
  allDayStress's TOTAL aggregate (Garmin's own 0-100 score; negative values mean too little data). Its local and
  GMT start of day give the UTC offset of each day, which places the sleep windows on the wall clock; without a
  UDSFile beside them they stay in UTC.

Older exports write dates as {"date": "Jul 10, 2020 12:00:00 AM"}; both forms read.
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
from norepi.importers.timezones import offset_seconds
from norepi.journal.records import ImportMapping, ObservationRec, ProgressFn, Record, SleepRec
from norepi.lifestyle.observations import Observation
from norepi.vocab import ObservationKind, SleepStage

SOURCE = "garmin"
EXPECTED = "a Garmin Connect export (its zip or DI_CONNECT folder, *_sleepData.json or UDSFile_*.json)"
OLD_DATE = "%b %d, %Y %I:%M:%S %p"
STAGES = {
    SleepStage.DEEP: "deepSleepSeconds",
    SleepStage.LIGHT: "lightSleepSeconds",
    SleepStage.REM: "remSleepSeconds",
    SleepStage.AWAKE: "awakeSleepSeconds",
}
ASLEEP = (SleepStage.DEEP, SleepStage.LIGHT, SleepStage.REM)


def _when(value: Any, what: str, where: str) -> dt.datetime | None:
    """A Garmin time: "2024-10-05T23:00:00.0" or {"date": "Jul 10, 2020 12:00:00 AM"} (naive)."""
    if value is None:
        return None
    text = value.get("date") if isinstance(value, dict) else value
    if not isinstance(text, str):
        raise ImportFormatError(f"{what} {value!r} is not a date", path=where)
    try:
        return dt.datetime.fromisoformat(text.replace("Z", ""))
    except ValueError:
        try:
            return dt.datetime.strptime(text.strip(), OLD_DATE)
        except ValueError:
            raise ImportFormatError(f"{what} {text!r} is not a date", path=where) from None


def _kind(rec: Any) -> str | None:
    if not isinstance(rec, dict) or "calendarDate" not in rec:
        return None
    if "sleepStartTimestampGMT" in rec:
        return "sleep"
    if "allDayStress" in rec or "restingHeartRate" in rec or "wellnessStartTimeGmt" in rec:
        return "daily"
    return None


class GarminImporter:
    """``read(path)``: a Garmin Connect export (zip, folder) or its sleepData / UDSFile JSON files."""

    kind = "garmin"
    label = "Garmin Connect export"
    suffixes: tuple[str, ...] = (".zip", ".json")

    def read(
        self, path: Path, mapping: ImportMapping | None = None, progress: ProgressFn | None = None
    ) -> Iterator[Record]:
        path = Path(path)
        single = path.is_file() and not files.is_zip(path)
        if single:
            chosen = [files.single(path, EXPECTED)]
        else:
            chosen = [
                m
                for m in files.members(path)
                if m.basename.endswith("sleepdata.json") or m.basename.startswith("udsfile")
            ]
            if not chosen:
                raise ImportFormatError(f"no sleepData or UDSFile JSON in it: expected {EXPECTED}", path=path)
        prog = Progress(sum(m.size for m in chosen), progress)
        offsets: dict[dt.date, dt.tzinfo] = {}
        days: list[tuple[Member, dict[str, Any]]] = []
        nights: list[tuple[Member, dict[str, Any]]] = []
        for m in chosen:  # daily summaries first: their offsets place the nights
            n = 0
            for _, rec in files.json_items(m, prog):
                kind = _kind(rec)
                if kind is None:
                    raise ImportFormatError(
                        f"a record without calendarDate and sleep or daily fields: not {EXPECTED}", path=m.where
                    )
                (nights if kind == "sleep" else days).append((m, rec))
                n += 1
            if single and n == 0:
                raise ImportFormatError(f"no records in it: expected {EXPECTED}", path=m.where)
        observations: dict[tuple[ObservationKind, dt.date], ObservationRec] = {}
        for m, rec in days:
            self._daily(m, rec, offsets, observations)
        sleeps = [s for m, rec in nights if (s := self._sleep(m, rec, offsets)) is not None]
        yield from one_per_night(sleeps)
        yield from sorted(observations.values(), key=lambda r: (r.observation.date, r.key))
        prog.finish()

    @staticmethod
    def _daily(
        m: Member,
        rec: dict[str, Any],
        offsets: dict[dt.date, dt.tzinfo],
        observations: dict[tuple[ObservationKind, dt.date], ObservationRec],
    ) -> None:
        date = _when(rec.get("calendarDate"), "calendarDate", m.where)
        if date is None:
            return
        day = date.date()
        local, gmt = (
            _when(rec.get("wellnessStartTimeLocal"), "wellnessStartTimeLocal", m.where),
            _when(rec.get("wellnessStartTimeGmt"), "wellnessStartTimeGmt", m.where),
        )
        if local is not None and gmt is not None:
            try:
                offsets[day] = offset_seconds((local - gmt).total_seconds())
            except InputError as exc:
                raise ImportFormatError(f"{day.isoformat()}: {exc}", path=m.where) from None
        rhr = rec.get("currentDayRestingHeartRate") or rec.get("restingHeartRate")
        stress = None
        agg = (rec.get("allDayStress") or {}).get("aggregatorList") or []
        for a in agg:
            if isinstance(a, dict) and a.get("type") == "TOTAL":
                stress = a.get("averageStressLevel")
        for kind, value in ((ObservationKind.RESTING_HR_BPM, rhr), (ObservationKind.STRESS_SCORE, stress)):
            if not isinstance(value, int | float) or isinstance(value, bool):
                continue
            if kind == ObservationKind.STRESS_SCORE and value < 0:
                continue  # -1/-2: too little data that day
            try:
                obs = Observation(day, kind, float(value), SOURCE)
            except InputError as exc:
                raise ImportFormatError(f"calendarDate {day.isoformat()}: {exc}", path=m.where) from None
            observations[(kind, day)] = ObservationRec(obs, f"garmin:{kind.value}:{day.isoformat()}")

    @staticmethod
    def _sleep(m: Member, rec: dict[str, Any], offsets: dict[dt.date, dt.tzinfo]) -> SleepRec | None:
        seconds = {}
        for stage, col in STAGES.items():
            v = rec.get(col)
            if v is not None:
                if not isinstance(v, int | float) or v < 0:
                    raise ImportFormatError(
                        f"{col} {v!r} is not a number of seconds (calendarDate {rec.get('calendarDate')})", path=m.where
                    )
                seconds[stage] = float(v)
        asleep_s = sum(seconds.get(s, 0.0) for s in ASLEEP)
        if asleep_s <= 0:
            return None  # a window without sleep measured (off wrist, unconfirmed)
        start = _when(rec.get("sleepStartTimestampGMT"), "sleepStartTimestampGMT", m.where)
        end = _when(rec.get("sleepEndTimestampGMT"), "sleepEndTimestampGMT", m.where)
        date = _when(rec.get("calendarDate"), "calendarDate", m.where)
        if start is None or end is None:
            return None
        tz = offsets.get(date.date()) if date is not None else None
        bed = start.replace(tzinfo=dt.UTC).astimezone(tz or dt.UTC)
        wake = end.replace(tzinfo=dt.UTC).astimezone(tz or dt.UTC)
        return sleep_rec(
            f"garmin:sleep:{start.isoformat()}Z",
            bed,
            wake,
            where=m.where,
            line=None,
            asleep_min=asleep_s / 60.0,
            source=SOURCE,
            stage_min={s: v / 60.0 for s, v in seconds.items()},
        )
