"""Oura ring exports, every shape Oura has written, as files or a folder or zip of them:

* the v1 cloud export ``oura_<date>.json``: {"sleep": [...], "readiness": [...], "activity": [...]}, periods
  with summary_date, bedtime_start/end, total/deep/rem/light/awake seconds, hr_lowest, rmssd, hypnogram_5min,
  is_longest; and ``oura_heartrate.json``: {"heart_rate": [{bpm, timestamp}]};
* v2 JSON (the API's {"data": [...]} responses, and the web export's {"daily_sleep": [...]}, {"sleep": [...]}):
  sleep periods with day, type (long_sleep, sleep, late_nap, rest), total_sleep_duration, deep/rem/light seconds,
  lowest_heart_rate, average_hrv, sleep_phase_5_min, readiness {score}; daily_sleep and daily_readiness scores;
  heartrate samples;
* CSV: the "App Data" export (semicolon-separated, v2 column names, JSON in cells: sleepmodel.csv,
  dailysleep.csv, dailyreadiness.csv, heartrate.csv) and the older trends CSV (date, Bedtime Start, Bedtime End,
  Total Sleep Duration, ..., Lowest Resting Heart Rate, Average HRV, Readiness Score, Sleep Score).

Yields ``SleepRec`` (time asleep as measured, stages from the 5-minute hypnogram, a period that is not the day's
long sleep is a nap; "rest" periods are not sleep), ``ObservationRec`` per day (resting HR = the night's lowest, as
Oura reports it; HRV = the night's average RMSSD; readiness and sleep scores, the device's own) and heart-rate
samples. Durations are in seconds.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Generator, Iterator
from pathlib import Path
from typing import Any

from norepi.errors import ImportFormatError, InputError
from norepi.importers import files
from norepi.importers.files import Member, Progress
from norepi.importers.sleep_records import one_per_night, sleep_rec
from norepi.journal.records import (
    HeartRateSeriesRec,
    ImportMapping,
    ObservationRec,
    ProgressFn,
    Record,
    SleepRec,
)
from norepi.lifestyle.exercise import HR_MAX_BPM, HR_MIN_BPM
from norepi.lifestyle.observations import Observation
from norepi.vocab import ObservationKind, SleepStage

SOURCE = "oura"
EXPECTED = "an Oura export (oura_*.json, the App Data CSVs such as sleepmodel.csv, or the trends CSV)"
HYPNOGRAM = {"1": SleepStage.DEEP, "2": SleepStage.LIGHT, "3": SleepStage.REM, "4": SleepStage.AWAKE}
NAP_TYPES = {"sleep", "late_nap"}
NOT_SLEEP = {"rest", "deleted"}
HR_BATCH = 8192
# the trends CSV's columns -> v2 names
TRENDS = {
    "date": "day",
    "bedtime start": "bedtime_start",
    "bedtime end": "bedtime_end",
    "total sleep duration": "total_sleep_duration",
    "rem sleep duration": "rem_sleep_duration",
    "light sleep duration": "light_sleep_duration",
    "deep sleep duration": "deep_sleep_duration",
    "awake time": "awake_time",
    "lowest resting heart rate": "lowest_heart_rate",
    "average hrv": "average_hrv",
    "readiness score": "readiness_score",
    "sleep score": "sleep_score",
}


def _num(v: Any) -> float | None:
    if v is None or v == "":
        return None
    if isinstance(v, int | float):
        return float(v)
    try:
        return float(str(v).strip())
    except ValueError:
        return None


class _Collector:
    """Records of one read: sleep periods (overlaps resolved at the end), one observation per kind and day."""

    def __init__(self) -> None:
        self.sleeps: list[SleepRec] = []
        self.observations: dict[tuple[ObservationKind, dt.date], ObservationRec] = {}

    def observe(self, day: dt.date, kind: ObservationKind, value: Any, where: str, line: int | None = None) -> None:
        v = _num(value)
        if v is None or (kind in (ObservationKind.RESTING_HR_BPM, ObservationKind.HRV_RMSSD_MS) and v == 0):
            return  # 0 is Oura's "not measured"
        try:
            obs = Observation(day, kind, v, SOURCE)
        except InputError as exc:
            raise ImportFormatError(f"{day.isoformat()}: {exc}", path=where, line=line) from None
        self.observations[(kind, day)] = ObservationRec(obs, f"oura:{kind.value}:{day.isoformat()}")


def _day(text: Any, where: str, line: int | None = None) -> dt.date:
    try:
        return dt.date.fromisoformat(str(text).strip()[:10])
    except ValueError:
        raise ImportFormatError(f"{text!r} is not a day (YYYY-MM-DD)", path=where, line=line) from None


def _time(text: Any, what: str, where: str, line: int | None) -> dt.datetime:
    try:
        t = dt.datetime.fromisoformat(str(text).strip().replace("Z", "+00:00"))
    except ValueError:
        raise ImportFormatError(f"{what} {text!r} is not a date and time", path=where, line=line) from None
    if t.tzinfo is None:
        raise ImportFormatError(f"{what} {text!r} has no UTC offset", path=where, line=line)
    return t


def _stages(
    start: dt.datetime, end: dt.datetime, phases: str
) -> tuple[tuple[dt.datetime, dt.datetime, SleepStage], ...]:
    """Spans from a 5-minute hypnogram ("4211123..."), clipped to the period."""
    out: list[tuple[dt.datetime, dt.datetime, SleepStage]] = []
    step = dt.timedelta(minutes=5)
    t = start
    for ch in phases:
        stage = HYPNOGRAM.get(ch)
        s, e = t, min(t + step, end)
        t += step
        if stage is None or e <= s:
            continue
        if out and out[-1][2] == stage and out[-1][1] == s:
            out[-1] = (out[-1][0], e, stage)
        else:
            out.append((s, e, stage))
    return tuple(out)


def _period(rec: dict[str, Any], v1: bool, where: str, line: int | None, out: _Collector) -> None:
    kind = (
        "long_sleep"
        if v1 and rec.get("is_longest") in (1, True, None)
        else ("sleep" if v1 else rec.get("type", "long_sleep"))
    )
    if kind in NOT_SLEEP or not rec.get("bedtime_start") or not rec.get("bedtime_end"):
        return
    start = _time(rec["bedtime_start"], "bedtime_start", where, line)
    end = _time(rec["bedtime_end"], "bedtime_end", where, line)
    get = (lambda k1, _k2: rec.get(k1)) if v1 else (lambda _k1, k2: rec.get(k2))
    stage_min = {}
    for stage, k1, k2 in (
        (SleepStage.DEEP, "deep", "deep_sleep_duration"),
        (SleepStage.REM, "rem", "rem_sleep_duration"),
        (SleepStage.LIGHT, "light", "light_sleep_duration"),
        (SleepStage.AWAKE, "awake", "awake_time"),
    ):
        v = _num(get(k1, k2))
        if v is not None:
            stage_min[stage] = v / 60.0
    total = _num(get("total", "total_sleep_duration"))
    phases = get("hypnogram_5min", "sleep_phase_5_min")
    stages = _stages(start, end, phases) if isinstance(phases, str) else ()
    out.sleeps.append(
        sleep_rec(
            f"oura:sleep:{start.astimezone(dt.UTC).isoformat()}",
            start,
            end,
            where=where,
            line=line,
            asleep_min=total / 60.0 if total is not None else None,
            nap=kind in NAP_TYPES,
            source=SOURCE,
            stages=stages,
            stage_min=stage_min,
        )
    )
    if kind == "long_sleep":
        day = _day(get("summary_date", "day") or end.date().isoformat(), where, line)
        out.observe(day, ObservationKind.RESTING_HR_BPM, get("hr_lowest", "lowest_heart_rate"), where, line)
        out.observe(day, ObservationKind.HRV_RMSSD_MS, get("rmssd", "average_hrv"), where, line)
        if v1:
            out.observe(day, ObservationKind.SLEEP_SCORE, rec.get("score"), where, line)
        readiness = rec.get("readiness")
        if isinstance(readiness, str) and readiness.strip().startswith("{"):
            readiness = json.loads(readiness)
        if isinstance(readiness, dict):
            out.observe(day, ObservationKind.READINESS_SCORE, readiness.get("score"), where, line)


def _contributors(rec: dict[str, Any]) -> dict[str, Any]:
    """A v2 daily record's contributor scores (a dict, or JSON text in the App Data CSVs)."""
    c = rec.get("contributors")
    if isinstance(c, str) and c.strip().startswith("{"):
        try:
            c = json.loads(c)
        except ValueError:
            return {}
    return c if isinstance(c, dict) else {}


def _is_v1(rec: dict[str, Any]) -> bool:
    return "summary_date" in rec


def _item(
    collection: str, rec: Any, where: str, line: int | None, out: _Collector, hr: list[tuple[dt.datetime, float]]
) -> None:
    if not isinstance(rec, dict):
        raise ImportFormatError(
            f"{collection or 'the list'} holds {type(rec).__name__}s, not records", path=where, line=line
        )
    if "bpm" in rec and "timestamp" in rec:
        bpm = _num(rec["bpm"])
        if bpm is None or not HR_MIN_BPM <= bpm <= HR_MAX_BPM:
            raise ImportFormatError(
                f"heart rate {rec['bpm']!r} bpm is outside {HR_MIN_BPM:g}-{HR_MAX_BPM:g} bpm", path=where, line=line
            )
        hr.append((_time(rec["timestamp"], "timestamp", where, line), bpm))
    elif "bedtime_start" in rec or "hypnogram_5min" in rec or "total_sleep_duration" in rec:
        _period(rec, _is_v1(rec), where, line, out)
    elif (
        collection in ("readiness", "daily_readiness", "dailyreadiness")
        or "score_resting_hr" in rec
        or "hrv_balance" in _contributors(rec)
    ):
        day = _day(rec.get("summary_date") or rec.get("day"), where, line)
        out.observe(day, ObservationKind.READINESS_SCORE, rec.get("score"), where, line)
    elif collection in ("daily_sleep", "dailysleep") or "deep_sleep" in _contributors(rec):
        day = _day(rec.get("day"), where, line)
        out.observe(day, ObservationKind.SLEEP_SCORE, rec.get("score"), where, line)
    # activity, SpO2, workouts, tags: not read


KNOWN_COLLECTIONS = {
    "sleep", "readiness", "activity", "heart_rate", "data", "daily_sleep", "daily_readiness", "daily_activity",
    "heartrate", "daily_spo2", "workout", "session", "tag", "enhanced_tag", "sleep_time", "rest_mode_period",
    "ring_configuration", "daily_stress", "daily_resilience", "daily_cardiovascular_age", "vo2_max",
}  # fmt: skip


class OuraImporter:
    """``read(path)``: Oura JSON or CSV exports (a file, or a folder or zip of them)."""

    kind = "oura"
    label = "Oura export"
    suffixes: tuple[str, ...] = (".json", ".csv", ".zip")

    def read(
        self, path: Path, mapping: ImportMapping | None = None, progress: ProgressFn | None = None
    ) -> Iterator[Record]:
        path = Path(path)
        single = path.is_file() and not files.is_zip(path)
        chosen = (
            [files.single(path, EXPECTED)]
            if single
            else [m for m in files.members(path) if m.basename.endswith((".json", ".csv"))]
        )
        prog = Progress(sum(m.size for m in chosen), progress)
        out = _Collector()
        read_any = False
        for m in chosen:
            hr: list[tuple[dt.datetime, float]] = []
            if m.basename.endswith(".csv") or m.head(1) not in (b"{", b"["):
                ok = yield from self._csv(m, prog, out, hr, single)
            else:
                ok = yield from self._json(m, prog, out, hr, single)
            read_any = read_any or ok
            if hr:
                yield HeartRateSeriesRec(tuple(hr), SOURCE)
        if not read_any:
            raise ImportFormatError(f"no Oura export files in it: expected {EXPECTED}", path=path)
        yield from one_per_night(out.sleeps)
        yield from sorted(out.observations.values(), key=lambda r: (r.observation.date, r.key))
        prog.finish()

    @staticmethod
    def _json(
        m: Member, prog: Progress, out: _Collector, hr: list[tuple[dt.datetime, float]], single: bool
    ) -> Generator[Record, None, bool]:
        n = 0
        for collection, rec in files.json_items(m, prog):
            if collection not in KNOWN_COLLECTIONS and not (
                collection == "" and isinstance(rec, dict) and "bedtime_start" in rec
            ):
                if single:
                    raise ImportFormatError(f"a JSON list {collection!r}: not {EXPECTED}", path=m.where)
                return False
            _item(collection, rec, m.where, None, out, hr)
            n += 1
            if len(hr) >= HR_BATCH:
                yield HeartRateSeriesRec(tuple(hr), SOURCE)
                hr.clear()
        if n == 0 and single:
            raise ImportFormatError(f"no Oura records in it: expected {EXPECTED}", path=m.where)
        return n > 0

    @staticmethod
    def _csv(
        m: Member, prog: Progress, out: _Collector, hr: list[tuple[dt.datetime, float]], single: bool
    ) -> Generator[Record, None, bool]:
        header: list[str] | None = None
        collection = m.basename.removesuffix(".csv")
        trends = False
        n = 0
        for line, cells in files.csv_rows(m, prog):
            if header is None:
                low = [h.strip().lower() for h in cells]
                trends = "bedtime start" in low or "sleep score" in low or "readiness score" in low
                header = [TRENDS.get(h, h) for h in low] if trends else low
                known = trends or {"day", "bedtime_start", "timestamp"} & set(header)
                if not known:
                    if single:
                        raise ImportFormatError(
                            f"no 'day', 'bedtime_start' or 'timestamp' column: not {EXPECTED}", path=m.where, line=1
                        )
                    return False
                continue
            if not any(c.strip() for c in cells):
                continue
            rec = {h: (c.strip() or None) for h, c in zip(header, cells, strict=False)}
            if trends:
                day = _day(rec.get("day"), m.where, line)
                if rec.get("bedtime_start") and rec.get("bedtime_end"):
                    rec["type"] = "long_sleep"
                    _period(rec, False, m.where, line, out)
                out.observe(day, ObservationKind.READINESS_SCORE, rec.get("readiness_score"), m.where, line)
                out.observe(day, ObservationKind.SLEEP_SCORE, rec.get("sleep_score"), m.where, line)
            else:
                _item(collection, rec, m.where, line, out, hr)
            n += 1
            if len(hr) >= HR_BATCH:
                yield HeartRateSeriesRec(tuple(hr), SOURCE)
                hr.clear()
        return n > 0
