"""Apple Health export reader: XML written here (no real export with iOS 16+ sleep stages is in ../shared), plain and
zipped; sleep stages grouped into periods; batches of heart-rate samples; bad files named by line."""

from __future__ import annotations

import datetime as dt
import zipfile

import pytest
from import_helpers import by_type, of

from norepi.errors import ImportFormatError
from norepi.importers import AppleHealthImporter
from norepi.journal.records import DietaryRec, ExerciseRec, HeartRateSeriesRec, PracticeRec, SleepRec
from norepi.vocab import SleepStage

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


PROTEIN = (
    ' <Record type="HKQuantityTypeIdentifierDietaryProtein" sourceName="MyFood" unit="g" '
    'startDate="2026-11-20 12:30:00 +0100" endDate="2026-11-20 12:30:00 +0100" value="32.5"/>\n'
)
BODY = (
    "".join(hr(f"2026-11-20 07:{m:02d}:00 +0100", 140 + m) for m in range(0, 30, 5))
    + sleep("2026-11-19 23:00:00 +0100", "2026-11-20 07:00:00 +0100", "InBed")
    + sleep("2026-11-19 23:15:00 +0100", "2026-11-20 03:00:00 +0100", "AsleepCore")
    + sleep("2026-11-20 03:00:00 +0100", "2026-11-20 03:20:00 +0100", "Awake")
    + sleep("2026-11-20 03:20:00 +0100", "2026-11-20 06:45:00 +0100", "AsleepREM")
    + sleep("2026-11-20 14:00:00 +0100", "2026-11-20 14:40:00 +0100", "AsleepCore")  # an afternoon nap
    + ' <Record type="HKCategoryTypeIdentifierMindfulSession" sourceName="Breathe" '
    'startDate="2026-11-20 21:00:00 +0100" endDate="2026-11-20 21:12:00 +0100" '
    'value="HKCategoryValueNotApplicable"/>\n'
    + PROTEIN
    + ' <Correlation type="HKCorrelationTypeIdentifierFood" startDate="2026-11-20 12:30:00 +0100" '
    'endDate="2026-11-20 12:30:00 +0100">\n' + PROTEIN + hr("2026-11-20 12:30:00 +0100", 99) + " </Correlation>\n"
    ' <Record type="HKQuantityTypeIdentifierStepCount" sourceName="Phone" unit="count" '
    'startDate="2026-11-20 12:30:00 +0100" endDate="2026-11-20 12:40:00 +0100" value="800"/>\n'
    + ' <Workout workoutActivityType="HKWorkoutActivityTypeRunning" duration="30" durationUnit="min" '
    'sourceName="Watch" startDate="2026-11-20 07:00:00 +0100" endDate="2026-11-20 07:30:00 +0100">\n'
    '  <MetadataEntry key="HKIndoorWorkout" value="0"/>\n'
    '  <WorkoutStatistics type="HKQuantityTypeIdentifierHeartRate" startDate="2026-11-20 07:00:00 +0100" '
    'endDate="2026-11-20 07:30:00 +0100" average="152" minimum="120" maximum="165" unit="count/min"/>\n'
    " </Workout>\n" + ' <ActivitySummary dateComponents="2026-11-20" activeEnergyBurned="500"/>\n'
)


def write(path, body=BODY):
    path.write_text(HEAD + body + TAIL, encoding="utf-8")
    return path


def test_records_read(tmp_path):
    recs = list(AppleHealthImporter().read(write(tmp_path / "export.xml")))
    assert by_type(recs) == {
        "HeartRateSeriesRec": 1,
        "ExerciseRec": 1,
        "SleepRec": 2,
        "PracticeRec": 1,
        "DietaryRec": 1,  # the food correlation's copy is not read twice
    }
    (series,) = of(recs, HeartRateSeriesRec)
    assert [b for _, b in series.samples] == [140, 145, 150, 155, 160, 165]  # not the record inside the correlation
    assert series.samples[0][0] == dt.datetime(2026, 11, 20, 7, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    night, nap = (r.period for r in of(recs, SleepRec))
    # asleep 23:15-03:00 (225 min) + 03:20-06:45 (205 min) = 430 min; awake and in-bed time excluded
    assert night.time_asleep_min == 430 and night.in_bed_min == 480 and not night.nap
    assert {s for _, _, s in night.stages} == {SleepStage.IN_BED, SleepStage.LIGHT, SleepStage.AWAKE, SleepStage.REM}
    assert nap.nap and nap.time_asleep_min == 40
    workout = of(recs, ExerciseRec)[0].session
    assert (workout.activity, workout.duration_min, workout.avg_hr_bpm, workout.max_hr_bpm) == ("run", 30, 152, 165)
    assert of(recs, PracticeRec)[0].practice.duration_min == 12
    assert of(recs, DietaryRec)[0].value == 32.5


def test_zip_export_and_progress(tmp_path):
    xml = write(tmp_path / "export.xml")
    z = tmp_path / "export.zip"
    with zipfile.ZipFile(z, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.write(xml, "apple_health_export/export.xml")
        zf.writestr("apple_health_export/export_cda.xml", "<ClinicalDocument/>")
    seen: list[tuple[int, int]] = []
    recs = list(AppleHealthImporter().read(z, progress=lambda done, total: seen.append((done, total))))
    assert by_type(recs) == by_type(AppleHealthImporter().read(xml))
    assert seen and seen[-1][0] == seen[-1][1] == xml.stat().st_size


def test_many_samples_come_in_batches(tmp_path):
    start = dt.datetime(2026, 1, 1)
    body = "".join(
        hr((start + dt.timedelta(seconds=5 * i)).strftime("%Y-%m-%d %H:%M:%S +0000"), 60 + i % 90) for i in range(20000)
    )
    batches = of(AppleHealthImporter().read(write(tmp_path / "export.xml", body)), HeartRateSeriesRec)
    assert len(batches) > 1 and sum(len(b.samples) for b in batches) == 20000
    times = [t for b in batches for t, _ in b.samples]
    assert times == sorted(times) and times[-1] - times[0] == dt.timedelta(seconds=5 * 19999)


def test_blank_padding_in_a_zip(tmp_path):
    """50 MB of blanks between records (a padded export): read, and never held as text."""
    z = tmp_path / "export.zip"
    with zipfile.ZipFile(z, "w", zipfile.ZIP_DEFLATED) as zf, zf.open("export.xml", "w") as f:
        f.write((HEAD + hr("2026-11-20 07:00:00 +0100", 60)).encode())
        for _ in range(50):
            f.write(b" \n" * (1 << 19))
        f.write((hr("2026-11-20 07:05:00 +0100", 61) + TAIL).encode())
    assert z.stat().st_size < 1 << 20
    (series,) = of(AppleHealthImporter().read(z), HeartRateSeriesRec)
    assert [b for _, b in series.samples] == [60, 61]


@pytest.mark.parametrize(
    "body, message",
    [
        (hr("2026-11-20 07:00:00 +0100", 400), r"export.xml:\d+: heart rate 400 bpm"),
        (hr("2026-11-20 07:00:00 +0100", 0), r"export.xml:\d+: heart rate 0 bpm"),
        (hr("2026-11-20 07:00:00", 60), r"export.xml:\d+: bad date '2026-11-20 07:00:00'"),
        (hr("yesterday", 60), r"export.xml:\d+: bad date 'yesterday'"),
        (sleep("2026-11-20 07:00:00 +0100", "2026-11-19 23:00:00 +0100", "AsleepCore"), "before it starts"),
        (sleep("2026-11-20 07:00:00 +0100", "2026-11-20 08:00:00 +0100", "Dreaming"), "unknown sleep value"),
        (
            ' <Record type="HKCategoryTypeIdentifierMindfulSession" startDate="2026-11-20 21:00:00 +0100" '
            'endDate="2026-11-20 20:00:00 +0100"/>\n',
            "duration_min",
        ),
        (
            PROTEIN.replace("32.5", "-3"),
            r"export.xml:\d+: HKQuantityTypeIdentifierDietaryProtein value -3 is impossible",
        ),
    ],
)
def test_bad_records(tmp_path, body, message):
    path = write(tmp_path / "export.xml", BODY + body)
    with pytest.raises(ImportFormatError, match=message):
        list(AppleHealthImporter().read(path))


def test_not_an_apple_export_and_truncated(tmp_path):
    other = tmp_path / "other.xml"
    other.write_text('<?xml version="1.0"?>\n<gpx><trk/></gpx>\n')
    with pytest.raises(ImportFormatError, match=r"other.xml:2: root element <gpx>: expected an Apple Health export"):
        list(AppleHealthImporter().read(other))
    cut = tmp_path / "cut.xml"
    cut.write_text((HEAD + BODY)[: len(HEAD + BODY) - 200])
    with pytest.raises(ImportFormatError, match=r"cut.xml:\d+: broken XML"):
        list(AppleHealthImporter().read(cut))
    empty = tmp_path / "empty.xml"
    empty.write_text("")
    with pytest.raises(ImportFormatError, match="empty.xml: no XML element"):
        list(AppleHealthImporter().read(empty))
    z = tmp_path / "other.zip"
    with zipfile.ZipFile(z, "w") as zf:
        zf.writestr("sleeps.csv", "a,b\n")
    with pytest.raises(ImportFormatError, match="zip has no export.xml"):
        list(AppleHealthImporter().read(z))
    entity = tmp_path / "entity.xml"  # an external entity is never fetched nor expanded
    entity.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE HealthData [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
        '<HealthData><Record type="HKQuantityTypeIdentifierDietaryProtein" sourceName="&x;" unit="g" '
        'startDate="2026-11-20 12:30:00 +0100" value="1"/></HealthData>\n'
    )
    with pytest.raises(ImportFormatError, match=r"entity.xml:3: broken XML"):
        list(AppleHealthImporter().read(entity))
