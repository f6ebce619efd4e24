"""Whoop export: the real exports of two people (counts and shapes), and files written here in the same layout
for what they lack (time zones, overlapping periods, impossible values, wrong files)."""

from __future__ import annotations

import datetime as dt

import pytest
from import_helpers import by_type, of, read_rows, write_csv, zip_folder

from norepi.errors import ImportFormatError, InputError, MappingNeeded
from norepi.importers import WhoopImporter
from norepi.journal.records import ExerciseRec, ObservationRec, PracticeRec, RatingRec, SleepRec
from norepi.vocab import ObservationKind, PracticeKind, SleepStage

SLEEP_HEADER = [
    "Cycle start time", "Cycle end time", "Cycle timezone", "Sleep onset", "Wake onset", "Sleep performance %",
    "Respiratory rate (rpm)", "Asleep duration (min)", "In bed duration (min)", "Light sleep duration (min)",
    "Deep (SWS) duration (min)", "REM duration (min)", "Awake duration (min)", "Sleep need (min)",
    "Sleep debt (min)", "Sleep efficiency %", "Sleep consistency %", "Nap",
]  # fmt: skip
CYCLE_HEADER = [
    "Cycle start time", "Cycle end time", "Cycle timezone", "Recovery score %", "Resting heart rate (bpm)",
    "Heart rate variability (ms)", "Skin temp (celsius)", "Blood oxygen %", "Day Strain", "Energy burned (cal)",
    "Max HR (bpm)", "Average HR (bpm)", "Sleep onset", "Wake onset", "Sleep performance %",
    "Respiratory rate (rpm)", "Asleep duration (min)", "In bed duration (min)", "Light sleep duration (min)",
    "Deep (SWS) duration (min)", "REM duration (min)", "Awake duration (min)", "Sleep need (min)",
    "Sleep debt (min)", "Sleep efficiency %", "Sleep consistency %",
]  # fmt: skip
WORKOUT_HEADER = [
    "Cycle start time", "Cycle end time", "Cycle timezone", "Workout start time", "Workout end time",
    "Duration (min)", "Activity name", "Activity Strain", "Energy burned (cal)", "Max HR (bpm)", "Average HR (bpm)",
    "HR Zone 1 %", "HR Zone 2 %", "HR Zone 3 %", "HR Zone 4 %", "HR Zone 5 %", "GPS enabled", "Distance (meters)",
    "Altitude gain (meters)", "Altitude change (meters)",
]  # fmt: skip
JOURNAL_HEADER = ["Cycle start time", "Cycle end time", "Cycle timezone", "Question text", "Answered yes", "Notes"]


def sleep_row(start, tz, onset, wake, asleep, in_bed, nap=False, stages=(200, 90, 100, 40)):
    light, deep, rem, awake = stages
    return [
        start,
        "",
        tz,
        onset,
        wake,
        90,
        15.0,
        asleep,
        in_bed,
        light,
        deep,
        rem,
        awake,
        480,
        0,
        90,
        80,
        str(nap).lower(),
    ]


@pytest.fixture(scope="module")
def richy(exports):
    return exports / "whoop" / "TheOneRichy-whoop_data"


def test_real_export_folder(richy):
    """All four files: one sleep per row with both times, naps as naps, observations per non-blank cell,
    one workout per row; the journal needs a mapping."""
    with pytest.raises(MappingNeeded) as err:
        list(WhoopImporter().read(richy))
    questions = {r["Question text"].strip() for r in read_rows(richy / "journal_entries.csv")}
    assert set(err.value.columns) == questions
    assert err.value.suggestions["Use breathwork?"].startswith("practice:slow_breathing:")
    assert "journal_entries.csv" in str(err.value) and "\n" not in str(err.value)

    recs = list(WhoopImporter().read(richy, mapping={"*": "ignore"}))
    sleeps = read_rows(richy / "sleeps.csv")
    cycles = read_rows(richy / "physiological_cycles.csv")
    workouts = read_rows(richy / "workouts.csv")
    counts = by_type(recs)
    assert counts["SleepRec"] == sum(1 for r in sleeps if r["Sleep onset"] and r["Wake onset"])
    assert counts["ExerciseRec"] == len(workouts)
    for kind, col in (
        (ObservationKind.RECOVERY_SCORE_PCT, "Recovery score %"),
        (ObservationKind.HRV_RMSSD_MS, "Heart rate variability (ms)"),
    ):
        days = {r["Wake onset"][:10] for r in cycles if r[col]}
        assert len([o for o in of(recs, ObservationRec) if o.observation.kind == kind]) == len(days)
    periods = [r.period for r in of(recs, SleepRec)]
    assert sum(p.nap for p in periods) == sum(1 for r in sleeps if r["Nap"] == "true")
    scored = [p for p in periods if p.asleep_min is not None]
    assert scored and all(p.time_asleep_min < p.in_bed_min for p in scored)  # asleep, not in bed
    assert all(p.asleep_basis == "measured" for p in scored)
    offsets = {p.bed.utcoffset() for p in periods}
    assert len(offsets) == len({r["Cycle timezone"] for r in sleeps})  # each cycle in its own zone
    assert all(
        set(r.stage_min) == {SleepStage.LIGHT, SleepStage.DEEP, SleepStage.REM, SleepStage.AWAKE}
        for r in of(recs, SleepRec)
        if r.period.asleep_min is not None
    )
    ex = of(recs, ExerciseRec)
    with_hr = [e for e in ex if e.session.avg_hr_bpm is not None]
    assert with_hr and all(len(e.zones) == 5 for e in with_hr)
    # zones 1-5 (the rest of a session is below zone 1): their minutes never exceed the session
    assert all(0 < sum(z.minutes for z in e.zones) <= e.session.duration_min * 1.01 for e in with_hr)
    assert {e.session.activity for e in ex} >= {"run", "walk"}
    assert len({r.key for r in recs if hasattr(r, "key")}) == sum(1 for r in recs if hasattr(r, "key"))  # keys unique


def test_real_export_journal_mapped(richy, tmp_path):
    """Breathwork answers become slow-breathing sessions of the mapped minutes, caffeine a 0/1 rating; the zip of
    the folder reads the same."""
    mapping = {"Use breathwork?": "practice:slow_breathing:10", "Have any caffeine?": "rating:caffeine", "*": "ignore"}
    recs = list(WhoopImporter().read(richy, mapping=mapping))
    journal = read_rows(richy / "journal_entries.csv")
    yes = [r for r in journal if r["Question text"] == "Use breathwork?" and r["Answered yes"] == "true"]
    practices = of(recs, PracticeRec)
    assert len(practices) == len({r["Cycle start time"] for r in yes}) and practices
    assert all(
        p.day_only and p.practice.kind == PracticeKind.SLOW_BREATHING and p.practice.duration_min == 10
        for p in practices
    )
    caffeine = [r for r in of(recs, RatingRec) if "caffeine" in r.values]
    assert {r.values["caffeine"] for r in caffeine} <= {0.0, 1.0}
    assert len(caffeine) == sum(1 for r in journal if r["Question text"].strip() == "Have any caffeine?")
    zipped = zip_folder(richy, tmp_path / "my_whoop_data.zip", "my_whoop_data/")
    assert by_type(WhoopImporter().read(zipped, mapping=mapping)) == by_type(recs)


def test_second_real_export_naps(exports):
    folder = exports / "whoop" / "bobahyun-Whoop-Health-Data"
    recs = list(WhoopImporter().read(folder))  # no journal: no mapping needed
    rows = read_rows(folder / "sleeps.csv")
    naps = [r.period for r in of(recs, SleepRec) if r.period.nap]
    assert len(naps) == sum(1 for r in rows if r["Nap"] == "true") > 0
    assert all(p.in_bed_min < 6 * 60 for p in naps)
    # a cycles file alone also gives its main sleeps, with the keys sleeps.csv gives them
    alone = list(WhoopImporter().read(folder / "physiological_cycles.csv"))
    main = {r.key for r in of(recs, SleepRec) if not r.period.nap}
    assert {r.key for r in of(alone, SleepRec)} <= main and len(of(alone, SleepRec)) > 0.9 * len(main)


def test_time_zone_forms_and_overlaps(tmp_path):
    rows = [
        sleep_row("2026-03-01 23:00:00", "UTCZ", "2026-03-01 23:00:00", "2026-03-02 07:00:00", 420, 470),
        # the same night again (a re-scored row) and a nap inside it: one night
        sleep_row("2026-03-01 23:00:00", "UTCZ", "2026-03-01 23:00:00", "2026-03-02 07:00:00", 420, 470),
        sleep_row("2026-03-01 23:00:00", "UTCZ", "2026-03-02 02:00:00", "2026-03-02 02:40:00", 35, 40, nap=True),
        sleep_row("2026-03-02 23:30:00", "UTC+05:30", "2026-03-02 23:30:00", "2026-03-03 06:30:00", 380, 415),
        sleep_row("2026-03-03 14:00:00", "UTC-04:00", "2026-03-03 14:00:00", "2026-03-03 14:30:00", 25, 30, nap=True),
        sleep_row("2026-03-03 22:00:00", "+0100", "2026-03-03 22:00:00", "2026-03-04 06:00:00", 440, 475),
        sleep_row("2026-03-04 22:00:00", "Europe/Berlin", "2026-03-04 22:00:00", "2026-03-05 06:00:00", 440, 475),
    ]
    path = write_csv(tmp_path / "sleeps.csv", SLEEP_HEADER, rows)
    periods = [r.period for r in WhoopImporter().read(path)]
    assert [p.bed.utcoffset() for p in periods] == [
        dt.timedelta(0), dt.timedelta(hours=5, minutes=30), dt.timedelta(hours=-4), dt.timedelta(hours=1),
        dt.timedelta(hours=1),
    ]  # fmt: skip
    assert [p.nap for p in periods] == [False, False, True, False, False]
    assert periods[0].time_asleep_min == 420 and periods[0].in_bed_min == 480


@pytest.mark.parametrize(
    "header, row, message",
    [
        (
            CYCLE_HEADER,
            ["2026-03-01 23:00:00", "", "UTC-04:00", 150] + [""] * 22,
            r"sleeps.csv:2: column 'Recovery score %': 150 % is impossible",
        ),
        (
            SLEEP_HEADER,
            sleep_row("2026-03-01 23:00:00", "UTC-04:00", "2026-03-01 23:00:00", "2026-03-02 07:00:00", 500, 470)[:-1]
            + ["false"],
            r"sleeps.csv:2: .*500 min asleep is outside 0-480 min",
        ),
        (
            SLEEP_HEADER,
            sleep_row("2026-03-01 23:00:00", "UTC-04:00", "2026-03-02 07:00:00", "2026-03-01 23:00:00", 400, 470),
            r"sleeps.csv:2: .*sleep ends",
        ),
        (
            SLEEP_HEADER,
            sleep_row("2026-03-01 23:00:00", "UTC-25:00", "2026-03-01 23:00:00", "2026-03-02 07:00:00", 400, 470),
            r"sleeps.csv:2: column 'Cycle timezone'",
        ),
        (
            SLEEP_HEADER,
            sleep_row("2026-03-01 23:00:00", "UTC-04:00", "yesterday", "2026-03-02 07:00:00", 400, 470),
            r"sleeps.csv:2: column 'Sleep onset': 'yesterday'",
        ),
        (
            SLEEP_HEADER,
            sleep_row(
                "2026-03-01 23:00:00",
                "UTC-04:00",
                "2026-03-01 23:00:00",
                "2026-03-02 07:00:00",
                400,
                470,
                stages=(-5, 90, 100, 40),
            ),
            r"sleeps.csv:2: column 'Light sleep duration \(min\)': -5",
        ),
        (
            WORKOUT_HEADER,
            [
                "2026-03-01 23:00:00",
                "",
                "UTC-04:00",
                "2026-03-02 08:00:00",
                "2026-03-02 08:30:00",
                30,
                "Running",
                10,
                300,
                400,
                150,
                10,
                20,
                30,
                30,
                10,
                "false",
                "",
                "",
                "",
            ],
            r"sleeps.csv:2: column 'Max HR \(bpm\)': 400 bpm is impossible",
        ),
    ],
)
def test_impossible_values_named_by_line(tmp_path, header, row, message):
    path = write_csv(tmp_path / "sleeps.csv", header, [row])
    with pytest.raises(ImportFormatError, match=message):
        list(WhoopImporter().read(path))


def test_wrong_and_broken_files(tmp_path, exports):
    oura = exports / "oura" / "edimd131-sleep-ha-data" / "daily_sleep.json"
    with pytest.raises(ImportFormatError, match=r"daily_sleep.json:1: not a Whoop export"):
        list(WhoopImporter().read(oura))
    loop = exports / "mood_habit" / "loop" / "rahullath-meshOlake" / "Checkmarks.csv"
    with pytest.raises(ImportFormatError, match=r"Checkmarks.csv:1: not a Whoop export"):
        list(WhoopImporter().read(loop))
    with pytest.raises(ImportFormatError, match=r"no Whoop export files in it"):
        list(WhoopImporter().read(exports / "mood_habit" / "loop" / "rahullath-meshOlake"))
    latin = write_csv(
        tmp_path / "sleeps.csv",
        SLEEP_HEADER,
        [
            sleep_row("2026-03-01 23:00:00", "UTC-04:00", "2026-03-01 23:00:00", "2026-03-02 07:00:00", 400, 470)[:-1]
            + ["fälse"]
        ],
        encoding="latin-1",
    )
    with pytest.raises(ImportFormatError, match=r"sleeps.csv:2: not UTF-8 text"):
        list(WhoopImporter().read(latin))
    binary = tmp_path / "workouts.csv"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(ImportFormatError, match=r"workouts.csv: binary data"):
        list(WhoopImporter().read(binary))


def test_bad_journal_mapping(richy):
    with pytest.raises(InputError, match="needs the minutes"):
        list(WhoopImporter().read(richy, mapping={"Use breathwork?": "practice:slow_breathing", "*": "ignore"}))
    with pytest.raises(InputError, match="not a practice"):
        list(WhoopImporter().read(richy, mapping={"Use breathwork?": "practice:yoga:10", "*": "ignore"}))
