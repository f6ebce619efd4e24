"""Apple Health export import: XML written here, plain and zipped; idempotent; bad files."""

from __future__ import annotations

import datetime as dt
import zipfile

import pytest
from norepi.journal.lifestyle_models import DietaryRecord, ExerciseRecord, HeartRateSample, SleepRecord
from sqlalchemy import func, select

from norepi.errors import ImportFormatError
from norepi.importers import AppleHealthImporter
from norepi.journal import lifestyle_store as store
from norepi.lifestyle.exercise import ExerciseSession

HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE HealthData [
<!ELEMENT HealthData (ExportDate,Me,(Record|Correlation|Workout|ActivitySummary|ClinicalRecord)*)>
<!ATTLIST HealthData locale CDATA #REQUIRED>
]>
<HealthData locale="en_GB">
 <ExportDate value="2026-11-21 09:00:00 +0100"/>
 <Me HKCharacteristicTypeIdentifierDateOfBirth="1986-01-01"/>
"""
TAIL = "</HealthData>\n"


def hr(t: str, bpm: float) -> str:
    return (
        f' <Record type="HKQuantityTypeIdentifierHeartRate" sourceName="Watch" unit="count/min" '
        f'creationDate="{t}" startDate="{t}" endDate="{t}" value="{bpm:g}">\n'
        '  <MetadataEntry key="HKMetadataKeyHeartRateMotionContext" value="0"/>\n </Record>\n'
    )


def sleep(a: str, b: str, value: str) -> str:
    return (
        f' <Record type="HKCategoryTypeIdentifierSleepAnalysis" sourceName="Watch" startDate="{a}" '
        f'endDate="{b}" value="HKCategoryValueSleepAnalysis{value}"/>\n'
    )


BODY = (
    "".join(hr(f"2026-11-20 07:{m:02d}:00 +0100", 140 + m) for m in range(0, 30, 5))
    + sleep("2026-11-19 23:00:00 +0100", "2026-11-20 07:00:00 +0100", "InBed")
    + sleep("2026-11-19 23:15:00 +0100", "2026-11-20 03:00:00 +0100", "AsleepCore")
    + sleep("2026-11-20 03:00:00 +0100", "2026-11-20 03:20:00 +0100", "Awake")
    + sleep("2026-11-20 03:20:00 +0100", "2026-11-20 06:45:00 +0100", "AsleepREM")
    + ' <Record type="HKCategoryTypeIdentifierMindfulSession" sourceName="Breathe" '
    'startDate="2026-11-20 21:00:00 +0100" endDate="2026-11-20 21:12:00 +0100" '
    'value="HKCategoryValueNotApplicable"/>\n'
    + ' <Record type="HKQuantityTypeIdentifierDietaryProtein" sourceName="MyFood" unit="g" '
    'startDate="2026-11-20 12:30:00 +0100" endDate="2026-11-20 12:30:00 +0100" value="32.5"/>\n'
    + ' <Record type="HKQuantityTypeIdentifierStepCount" sourceName="Phone" unit="count" '
    'startDate="2026-11-20 12:30:00 +0100" endDate="2026-11-20 12:40:00 +0100" value="800"/>\n'
    + ' <Workout workoutActivityType="HKWorkoutActivityTypeRunning" duration="30" durationUnit="min" '
    'sourceName="Watch" startDate="2026-11-20 07:00:00 +0100" endDate="2026-11-20 07:30:00 +0100">\n'
    '  <WorkoutStatistics type="HKQuantityTypeIdentifierHeartRate" startDate="2026-11-20 07:00:00 +0100" '
    'endDate="2026-11-20 07:30:00 +0100" average="152" minimum="120" maximum="165" unit="count/min"/>\n'
    " </Workout>\n" + ' <ActivitySummary dateComponents="2026-11-20" activeEnergyBurned="500"/>\n'
)


def count(j, model) -> int:
    with j.db.transaction() as s:
        return s.scalar(select(func.count()).select_from(model))


def write(path, body=BODY):
    path.write_text(HEAD + body + TAIL, encoding="utf-8")
    return path


def test_records_read(tmp_path):
    recs = list(AppleHealthImporter().read(write(tmp_path / "export.xml")))
    kinds = [type(r).__name__ for r in recs]
    assert kinds.count("HeartRateRec") == 6
    assert kinds.count("ExerciseRec") == 1 and kinds.count("SleepRec") == 1 and kinds.count("PracticeRec") == 1
    assert kinds.count("DietaryRec") == 1
    night = next(r for r in recs if type(r).__name__ == "SleepRec").period
    # asleep 23:15-03:00 (225 min) + 03:20-06:45 (205 min) = 430 min; awake and in-bed time excluded
    assert night.duration_min == 430
    workout = next(r for r in recs if type(r).__name__ == "ExerciseRec").session
    assert (workout.activity, workout.duration_min, workout.avg_hr_bpm, workout.max_hr_bpm) == ("run", 30, 152, 165)


def test_import_into_day_and_idempotent(jrnl, tmp_path):
    path = write(tmp_path / "export.xml")
    result = store.import_file(jrnl, path, AppleHealthImporter())
    assert result.added == {"exercise": 1, "sleep": 1, "practice": 1, "heart_rate": 6, "dietary": 1}
    day = jrnl.day(dt.date(2026, 11, 20)).model_dump(mode="json")
    assert day["sleep"] == [
        {"start": "2026-11-19T23:00:00+01:00", "end": "2026-11-20T07:00:00+01:00", "duration_min": 430.0}
    ]
    assert day["practices"] == [{"kind": "meditation", "start": "2026-11-20T21:00:00+01:00", "duration_min": 12.0}]
    assert day["exercise"][0]["type"] == "run" and day["exercise"][0]["avg_hr"] == 152
    sessions = store.sessions(jrnl, dt.date(2026, 11, 20), dt.date(2026, 11, 20))
    assert [b for _, b in sessions[0].hr_stream] == [140, 145, 150, 155, 160, 165]  # samples in the workout
    assert store.import_file(jrnl, path, AppleHealthImporter()).unchanged
    # a later export holds everything again plus one new sample: only the new sample is added
    later = write(tmp_path / "export2.xml", BODY + hr("2026-11-21 08:00:00 +0100", 61))
    assert store.import_file(jrnl, later, AppleHealthImporter()).added == {"heart_rate": 1}
    assert (count(jrnl, ExerciseRecord), count(jrnl, SleepRecord), count(jrnl, HeartRateSample)) == (1, 1, 7)


def test_zip_export(jrnl, tmp_path):
    xml = write(tmp_path / "export.xml")
    z = tmp_path / "export.zip"
    with zipfile.ZipFile(z, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.write(xml, "apple_health_export/export.xml")
        zf.writestr("apple_health_export/export_cda.xml", "<ClinicalDocument/>")
    seen: list[tuple[int, int]] = []
    result = store.import_file(jrnl, z, AppleHealthImporter(), lambda done, total: seen.append((done, total)))
    assert result.added["heart_rate"] == 6
    assert seen and seen[-1][0] == seen[-1][1] == xml.stat().st_size


@pytest.mark.parametrize(
    "body, message",
    [
        (hr("2026-11-20 07:00:00 +0100", 400), r"export.xml:\d+: heart rate 400 bpm"),
        (hr("2026-11-20 07:00:00 +0100", 0), r"export.xml:\d+: heart rate 0 bpm"),
        (sleep("2026-11-20 07:00:00 +0100", "2026-11-19 23:00:00 +0100", "AsleepCore"), "before it starts"),
        (
            ' <Record type="HKCategoryTypeIdentifierMindfulSession" startDate="2026-11-20 21:00:00 +0100" '
            'endDate="2026-11-20 20:00:00 +0100"/>\n',
            "duration_min",
        ),
        (hr("yesterday", 60), "bad date"),
    ],
)
def test_bad_records_roll_back_everything(jrnl, tmp_path, body, message):
    store.log_exercise(jrnl, ExerciseSession("walk", dt.datetime(2026, 11, 18, 8, tzinfo=dt.UTC), 20))
    path = write(tmp_path / "export.xml", BODY + body)
    with pytest.raises(ImportFormatError, match=message):
        store.import_file(jrnl, path, AppleHealthImporter())
    assert (count(jrnl, HeartRateSample), count(jrnl, SleepRecord), count(jrnl, DietaryRecord)) == (0, 0, 0)
    assert count(jrnl, ExerciseRecord) == 1  # the rest of the journal is untouched


def test_not_an_apple_export_and_truncated(jrnl, tmp_path):
    other = tmp_path / "other.xml"
    other.write_text('<?xml version="1.0"?>\n<gpx><trk/></gpx>\n')
    with pytest.raises(ImportFormatError, match=r"other.xml:2: root element <gpx>"):
        store.import_file(jrnl, other, AppleHealthImporter())
    cut = tmp_path / "cut.xml"
    cut.write_text((HEAD + BODY)[: len(HEAD + BODY) - 200])
    with pytest.raises(ImportFormatError, match=r"cut.xml:\d+: broken XML"):
        store.import_file(jrnl, cut, AppleHealthImporter())
    empty = tmp_path / "empty.xml"
    empty.write_text("")
    with pytest.raises(ImportFormatError, match="empty.xml"):
        store.import_file(jrnl, empty, AppleHealthImporter())
    assert count(jrnl, HeartRateSample) == 0
