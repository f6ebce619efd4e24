"""Oura, Garmin, Fitbit and Health Connect: the real exports in ../shared (counts and shapes), and files written here
in their layouts for what they lack (the Oura CSVs, a Health Connect export built from its schema)."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import zipfile

import pytest
from import_helpers import by_type, of, write_csv

from norepi.errors import ImportFormatError
from norepi.importers import FitbitImporter, GarminImporter, HealthConnectImporter, OuraImporter
from norepi.journal.records import ExerciseRec, HeartRateSeriesRec, ObservationRec, PracticeRec, SleepRec
from norepi.vocab import ObservationKind, PracticeKind, SleepStage


def kinds(recs) -> dict[ObservationKind, int]:
    out: dict[ObservationKind, int] = {}
    for r in of(recs, ObservationRec):
        out[r.observation.kind] = out.get(r.observation.kind, 0) + 1
    return out


# ---- Oura -----------------------------------------------------------------------------------------------


def test_oura_v1_export(exports):
    folder = exports / "oura" / "crystoll-oura-ring"
    raw = json.loads((folder / "oura_2022-03-15T09-41-37.json").read_text())
    hr = json.loads((folder / "oura_heartrate.json").read_text())["heart_rate"]
    recs = list(OuraImporter().read(folder))
    periods = [r.period for r in of(recs, SleepRec)]
    assert len(periods) == len(raw["sleep"])
    assert all(p.asleep_basis == "measured" and p.time_asleep_min < p.in_bed_min for p in periods)
    assert all(
        {s for _, _, s in p.stages} <= {SleepStage.DEEP, SleepStage.LIGHT, SleepStage.REM, SleepStage.AWAKE}
        for p in periods
    )
    assert all(p.stages and p.stages[0][0] == p.bed and p.stages[-1][1] <= p.wake for p in periods)
    assert sum(p.nap for p in periods) == sum(1 for s in raw["sleep"] if not s["is_longest"])
    assert kinds(recs)[ObservationKind.READINESS_SCORE] == len({r["summary_date"] for r in raw["readiness"]})
    assert kinds(recs)[ObservationKind.HRV_RMSSD_MS] == sum(1 for s in raw["sleep"] if s["is_longest"] and s["rmssd"])
    assert sum(len(b.samples) for b in of(recs, HeartRateSeriesRec)) == len(hr)


def test_oura_v2_json_shapes(exports):
    api = exports / "oura" / "brendonchang-Py-Oura-Api-Client"
    sleep = json.loads((api / "sleep.json").read_text())["data"]
    recs = list(OuraImporter().read(api / "sleep.json"))
    periods = [r.period for r in of(recs, SleepRec)]
    assert len(periods) == sum(1 for s in sleep if s["type"] not in ("rest", "deleted"))
    assert [p.nap for p in periods] == [
        s["type"] != "long_sleep" for s in sorted(sleep, key=lambda s: s["bedtime_start"])
    ]
    assert set(kinds(recs)) == {
        ObservationKind.RESTING_HR_BPM,
        ObservationKind.HRV_RMSSD_MS,
        ObservationKind.READINESS_SCORE,
    }
    counts = by_type(OuraImporter().read(api))  # activity, SpO2 skipped
    assert counts["SleepRec"] == len(periods) and counts["HeartRateSeriesRec"] == 1
    daily = exports / "oura" / "edimd131-sleep-ha-data"
    scores = json.loads((daily / "oura_daily-sleep_2025-05-15T23-41-41.json").read_text())["daily_sleep"]
    recs = list(OuraImporter().read(daily))  # the 7-day excerpt repeats days of the big file: once each
    assert kinds(recs) == {ObservationKind.SLEEP_SCORE: len({s["day"] for s in scores})}


def test_oura_csv_exports(tmp_path):
    app = tmp_path / "App Data"
    app.mkdir()
    readiness = json.dumps({"score": 80, "contributors": {"hrv_balance": 70}})
    write_csv(
        app / "sleepmodel.csv",
        ["id", "day", "bedtime_start", "bedtime_end", "type", "total_sleep_duration", "deep_sleep_duration",
         "rem_sleep_duration", "light_sleep_duration", "awake_time", "lowest_heart_rate", "average_hrv",
         "sleep_phase_5_min", "readiness"],
        [["a", "2026-03-02", "2026-03-01T23:00:00+01:00", "2026-03-02T07:00:00+01:00", "long_sleep", 25200, 5400,
          6300, 13500, 3600, 52, 61, "4" + "2" * 30 + "1" * 30 + "3" * 30 + "4" * 5, readiness],
         ["b", "2026-03-02", "2026-03-02T14:00:00+01:00", "2026-03-02T14:30:00+01:00", "late_nap", 1500, 0, 0, 1500,
          300, 60, 40, "222222", ""]],
        delimiter=";",  # the App Data CSVs are semicolon-separated, with JSON in cells
    )  # fmt: skip
    write_csv(app / "dailysleep.csv", ["id", "day", "score", "contributors"], [["x", "2026-03-02", 84, ""]])
    recs = list(OuraImporter().read(app))
    night, nap = (r.period for r in of(recs, SleepRec))
    assert (night.time_asleep_min, night.in_bed_min, nap.nap) == (420, 480, True)
    assert kinds(recs) == {
        k: 1
        for k in (
            ObservationKind.RESTING_HR_BPM,
            ObservationKind.HRV_RMSSD_MS,
            ObservationKind.READINESS_SCORE,
            ObservationKind.SLEEP_SCORE,
        )
    }
    trends = write_csv(
        tmp_path / "oura_trends.csv",
        ["date", "Bedtime Start", "Bedtime End", "Total Sleep Duration", "Deep Sleep Duration", "REM Sleep Duration",
         "Light Sleep Duration", "Awake Time", "Lowest Resting Heart Rate", "Average HRV", "Readiness Score", "Sleep Score"],  # noqa: E501
        [["2026-03-02", "2026-03-01T23:00:00-05:00", "2026-03-02T07:00:00-05:00", 25200, 5400, 6300, 13500, 3600, 52, 61, 80, 84],  # noqa: E501
         ["2026-03-03", "", "", "", "", "", "", "", "", "", 75, ""]],
    )  # fmt: skip
    recs = list(OuraImporter().read(trends))
    assert by_type(recs) == {"SleepRec": 1, "ObservationRec": 5}
    assert of(recs, SleepRec)[0].stage_min[SleepStage.DEEP] == 90


def test_oura_wrong_files(tmp_path, exports):
    with pytest.raises(
        ImportFormatError, match=r"UDSFile_2024-07-21_2024-10-29.json: a JSON list '': not an Oura export"
    ):
        list(OuraImporter().read(exports / "garmin" / "RyanYng-2Run" / "UDSFile_2024-07-21_2024-10-29.json"))
    with pytest.raises(
        ImportFormatError, match=r"sleeps.csv:1: no 'day', 'bedtime_start' or 'timestamp' column: not an Oura"
    ):
        list(OuraImporter().read(exports / "whoop" / "TheOneRichy-whoop_data" / "sleeps.csv"))
    (tmp_path / "oura.json").write_text(
        '{"sleep": [{"summary_date": "2026-03-02", "bedtime_start": "yesterday", "bedtime_end": '
        '"2026-03-02T07:00:00+01:00"}]}'
    )
    with pytest.raises(ImportFormatError, match="oura.json: bedtime_start 'yesterday' is not a date and time"):
        list(OuraImporter().read(tmp_path / "oura.json"))
    (tmp_path / "cut.json").write_text('{"sleep": [{"summary_date": "2026-03-02", ')
    with pytest.raises(ImportFormatError, match="cut.json: broken JSON"):
        list(OuraImporter().read(tmp_path / "cut.json"))


# ---- Garmin -----------------------------------------------------------------------------------------------


def test_garmin_exports(exports):
    for name in ("lenarddome-trackmylife", "RyanYng-2Run"):
        folder = exports / "garmin" / name
        nights = [r for p in sorted(folder.glob("*sleepData.json")) for r in json.loads(p.read_text())]
        days = [r for p in sorted(folder.glob("UDSFile_*.json")) for r in json.loads(p.read_text())]
        recs = list(GarminImporter().read(folder))
        measured = [
            n
            for n in nights
            if sum(n.get(k, 0) for k in ("deepSleepSeconds", "lightSleepSeconds", "remSleepSeconds")) > 0
        ]
        periods = [r.period for r in of(recs, SleepRec)]
        assert len(periods) == len(measured) > 0  # off-wrist and unconfirmed windows without sleep are not nights
        assert all(p.asleep_basis == "measured" and p.time_asleep_min <= p.in_bed_min for p in periods)
        with_offset = [p for p in periods if p.bed.utcoffset() != dt.timedelta(0)]
        assert with_offset  # placed on the wall clock by the daily summaries' offsets
        rhr = [d for d in days if d.get("currentDayRestingHeartRate") or d.get("restingHeartRate")]
        assert kinds(recs)[ObservationKind.RESTING_HR_BPM] == len(rhr)
    stressed = kinds(GarminImporter().read(exports / "garmin" / "lenarddome-trackmylife"))
    assert stressed[ObservationKind.STRESS_SCORE] > 0
    alone = list(
        GarminImporter().read(
            exports / "garmin" / "lenarddome-trackmylife" / "2020-08-15_2020-11-23_87266912_sleepData.json"
        )
    )
    assert alone and all(r.period.bed.utcoffset() == dt.timedelta(0) for r in alone)  # no daily summary: UTC
    with pytest.raises(ImportFormatError, match="not a Garmin Connect export"):
        list(GarminImporter().read(exports / "fitbit" / "Arohasina-patina-engraver" / "exercise-0.json"))


# ---- Fitbit -----------------------------------------------------------------------------------------------


def test_fitbit_exports(exports, tmp_path):
    for name in ("Arohasina-patina-engraver", "SanjayGanapathy-wearable-anomaly-detection"):
        folder = exports / "fitbit" / name
        logs = [r for p in sorted(folder.glob("sleep-*.json")) for r in json.loads(p.read_text())]
        rhr = [r for p in sorted(folder.glob("resting_heart_rate-*.json")) for r in json.loads(p.read_text())]
        ex = [r for p in sorted(folder.glob("exercise-*.json")) for r in json.loads(p.read_text())]
        recs = list(FitbitImporter().read(folder))
        periods = [r.period for r in of(recs, SleepRec)]
        assert len(periods) == len(logs)
        assert sum(p.nap for p in periods) == sum(1 for r in logs if not r["mainSleep"])
        assert [p.time_asleep_min for p in periods] == [
            float(r["minutesAsleep"]) for r in sorted(logs, key=lambda r: r["startTime"])
        ]
        assert kinds(recs).get(ObservationKind.RESTING_HR_BPM, 0) == sum(1 for r in rhr if r["value"]["value"])
        assert len(of(recs, ExerciseRec)) == sum(1 for r in ex if (r.get("activeDuration") or r.get("duration")))
    classic = [
        r.period
        for r in of(
            FitbitImporter().read(
                exports / "fitbit" / "SanjayGanapathy-wearable-anomaly-detection" / "sleep-2022-12-04.json"
            ),
            SleepRec,
        )
    ]
    assert classic and {s for _, _, s in classic[0].stages} <= {SleepStage.ASLEEP, SleepStage.AWAKE}
    # the export's profile gives the zone of its wall-clock times
    folder = tmp_path / "Takeout" / "Fitbit"
    (folder / "Global Export Data").mkdir(parents=True)
    (folder / "Your Profile").mkdir()
    src = exports / "fitbit" / "Arohasina-patina-engraver" / "sleep-2026-03-18.json"
    (folder / "Global Export Data" / src.name).write_bytes(src.read_bytes())
    write_csv(folder / "Your Profile" / "Profile.csv", ["id", "timezone"], [["x", "America/New_York"]])
    z = tmp_path / "takeout.zip"
    with zipfile.ZipFile(z, "w") as zf:
        for p in sorted(tmp_path.joinpath("Takeout").rglob("*.*")):
            zf.write(p, p.relative_to(tmp_path).as_posix())
    zoned = [r.period for r in of(FitbitImporter().read(z), SleepRec)]
    assert len(zoned) == len(json.loads(src.read_text())) and all(
        p.bed.utcoffset() in (dt.timedelta(hours=-4), dt.timedelta(hours=-5)) for p in zoned
    )
    with pytest.raises(ImportFormatError, match="not a Fitbit export"):
        list(FitbitImporter().read(exports / "garmin" / "RyanYng-2Run" / "UDSFile_2024-07-21_2024-10-29.json"))


# ---- Health Connect -----------------------------------------------------------------------------------------


def _create_from_schema(db: sqlite3.Connection, schema: str) -> None:
    for stmt in schema.split(";\n"):
        if stmt.strip().upper().startswith("CREATE TABLE"):
            try:
                db.execute(stmt)
            except sqlite3.OperationalError as exc:  # the dump repeats some tables, and lists SQLite's own
                assert "already exists" in str(exc) or "reserved for internal use" in str(exc)


def test_health_connect(exports, tmp_path):
    folder = exports / "health_connect" / "GrapheneOS-platform_packages_modules_HealthFitness"
    assert list(HealthConnectImporter().read(folder / "healthconnect_staged.db")) == []  # only height and body fat rows
    db_path = tmp_path / "health_connect_export.db"
    db = sqlite3.connect(db_path)
    _create_from_schema(db, (folder / "schema.sql").read_text())
    db.execute(
        "CREATE TABLE mindfulness_session_record_table (row_id INTEGER PRIMARY KEY, uuid BLOB, start_time "
        "INTEGER, start_zone_offset INTEGER, end_time INTEGER, end_zone_offset INTEGER, type INTEGER, title TEXT)"
    )
    cet = 3600
    t0 = int(dt.datetime(2026, 3, 1, 22, 0, tzinfo=dt.UTC).timestamp() * 1000)  # 23:00 local
    db.execute(
        "INSERT INTO sleep_session_record_table (row_id, uuid, start_time, start_zone_offset, end_time, "
        "end_zone_offset) VALUES (1, x'01', ?, ?, ?, ?)",
        (t0, cet, t0 + 8 * 3600_000, cet),
    )
    for a, b, kind in ((0, 60, 4), (60, 150, 5), (150, 170, 1), (170, 480, 6)):
        db.execute("INSERT INTO sleep_stages_table VALUES (1, ?, ?, ?)", (t0 + a * 60_000, t0 + b * 60_000, kind))
    run = t0 + 20 * 3600_000
    db.execute(
        "INSERT INTO exercise_session_record_table (row_id, uuid, start_time, start_zone_offset, end_time, "
        "exercise_type) VALUES (1, x'02', ?, ?, ?, 33)",
        (run, cet, run + 30 * 60_000),
    )
    db.execute(
        "INSERT INTO heart_rate_record_table (row_id, uuid, start_time, start_zone_offset, end_time) VALUES "
        "(1, x'03', ?, ?, ?)",
        (run, cet, run + 30 * 60_000),
    )
    db.executemany(
        "INSERT INTO heart_rate_record_series_table VALUES (1, ?, ?)",
        [(120 + i % 60, run + i * 5000) for i in range(360)],
    )
    db.execute(
        "INSERT INTO resting_heart_rate_record_table (uuid, time, zone_offset, beats_per_minute) VALUES "
        "(x'04', ?, ?, 55)",
        (t0 + 9 * 3600_000, cet),
    )
    db.execute(
        "INSERT INTO heart_rate_variability_rmssd_record_table (uuid, time, zone_offset, "
        "heart_rate_variability_millis) VALUES (x'05', ?, ?, 48.5)",
        (t0 + 9 * 3600_000, cet),
    )
    db.execute(
        "INSERT INTO mindfulness_session_record_table VALUES (1, x'06', ?, ?, ?, ?, 3, 'breathing')",
        (run + 3600_000, cet, run + 3600_000 + 10 * 60_000, cet),
    )
    db.commit()
    db.close()
    z = tmp_path / "Health Connect.zip"
    with zipfile.ZipFile(z, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.write(db_path, "health_connect_export.db")
    recs = list(HealthConnectImporter().read(z))
    assert by_type(recs) == {
        "SleepRec": 1,
        "ExerciseRec": 1,
        "HeartRateSeriesRec": 1,
        "ObservationRec": 2,
        "PracticeRec": 1,
    }
    night = of(recs, SleepRec)[0].period
    assert (
        night.bed.isoformat() == "2026-03-01T23:00:00+01:00"
        and night.time_asleep_min == 460
        and night.asleep_basis == "stages"
    )
    run_rec = of(recs, ExerciseRec)[0]
    assert (run_rec.session.activity, run_rec.session.duration_min, run_rec.attach_hr) == ("run", 30, True)
    assert len(of(recs, HeartRateSeriesRec)[0].samples) == 360
    assert of(recs, PracticeRec)[0].practice.kind == PracticeKind.SLOW_BREATHING
    with pytest.raises(ImportFormatError, match="sleeps.csv: not a SQLite database: expected an Android Health"):
        list(HealthConnectImporter().read(exports / "whoop" / "TheOneRichy-whoop_data" / "sleeps.csv"))
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.close()
    with pytest.raises(ImportFormatError, match="without Health Connect's tables"):
        list(HealthConnectImporter().read(other))
