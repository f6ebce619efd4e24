"""Real exports through the upload endpoint, on SQLite and PostgreSQL: a FIT activity (written by fit-tool), a
zipped Apple Health export and a Cronometer servings export land in the day JSON; uploading again adds nothing."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from fit_files import build_fit

DAY = dt.date(2026, 11, 20)


def upload(client: TestClient, kind: str, name: str, content: bytes) -> dict:  # type: ignore[type-arg]
    r = client.post(f"/api/v1/imports/{kind}", files={"file": (name, content, "application/octet-stream")})
    assert r.status_code == 201, r.text
    return r.json()  # type: ignore[no-any-return]


def day(client: TestClient) -> dict:  # type: ignore[type-arg]
    r = client.get(f"/api/v1/days/{DAY}")
    assert r.status_code == 200, r.text
    return r.json()  # type: ignore[no-any-return]


def test_fit_activity_upload(client: TestClient, tmp_path: Path) -> None:
    start = dt.datetime.combine(DAY, dt.time(9, 0), tzinfo=dt.UTC)
    hr = [120 + (i // 60) for i in range(1500)]  # 25 min, 120 -> 144 bpm
    content = build_fit(tmp_path / "run.fit", start, hr, utc_offset_h=1.0).read_bytes()
    first = upload(client, "fit", "run.fit", content)
    assert first["added"].get("exercise") == 1 and first["unchanged"] is False
    (session,) = day(client)["exercise"]
    assert session["duration_min"] == pytest.approx(25.0, abs=0.1)
    assert session["max_hr"] == max(hr) and session["avg_hr"] == pytest.approx(sum(hr) / len(hr), abs=1)
    assert session["start"].startswith(f"{DAY}T10:00:00")  # local time of the activity (UTC+1)
    again = upload(client, "fit", "run-copy.fit", content)
    assert again["unchanged"] is True and len(day(client)["exercise"]) == 1


APPLE = """<?xml version="1.0" encoding="UTF-8"?>
<HealthData locale="en_GB">
 <ExportDate value="2026-11-21 09:00:00 +0100"/>
 <Record type="HKCategoryTypeIdentifierSleepAnalysis" sourceName="Watch" startDate="2026-11-19 23:30:00 +0100"
  endDate="2026-11-20 03:00:00 +0100" value="HKCategoryValueSleepAnalysisAsleepCore"/>
 <Record type="HKCategoryTypeIdentifierSleepAnalysis" sourceName="Watch" startDate="2026-11-20 03:00:00 +0100"
  endDate="2026-11-20 06:30:00 +0100" value="HKCategoryValueSleepAnalysisAsleepREM"/>
 <Record type="HKCategoryTypeIdentifierMindfulSession" sourceName="Breathe" startDate="2026-11-20 21:00:00 +0100"
  endDate="2026-11-20 21:10:00 +0100" value="HKCategoryValueNotApplicable"/>
 <Workout workoutActivityType="HKWorkoutActivityTypeRunning" duration="30" durationUnit="min" sourceName="Watch"
  startDate="2026-11-20 07:00:00 +0100" endDate="2026-11-20 07:30:00 +0100">
  <WorkoutStatistics type="HKQuantityTypeIdentifierHeartRate" startDate="2026-11-20 07:00:00 +0100"
   endDate="2026-11-20 07:30:00 +0100" average="150" minimum="120" maximum="165" unit="count/min"/>
 </Workout>
</HealthData>
"""


def test_apple_health_zip_upload(client: TestClient) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("apple_health_export/export.xml", APPLE)
    first = upload(client, "apple-health", "export.zip", buffer.getvalue())
    assert first["added"].get("sleep") == 1 and first["added"].get("exercise") == 1
    d = day(client)
    (night,) = d["sleep"]
    assert night["duration_min"] == pytest.approx(7 * 60)
    (run,) = d["exercise"]
    assert run["duration_min"] == pytest.approx(30.0) and run["avg_hr"] == pytest.approx(150)
    assert [(p["kind"], p["duration_min"]) for p in d["practices"]] == [("meditation", 10.0)]
    assert upload(client, "apple-health", "export.zip", buffer.getvalue())["unchanged"] is True


# Cronometer's servings export; the energy column sums to 588.75 kcal on 2026-11-20 (71.50 + 307.00 + 210.25).
CRONOMETER = """Day,Time,Group,Food Name,Amount,Category,Energy (kcal),Protein (g),Phenylalanine (g),\
Tyrosine (g),Iron (mg)
2026-11-20,8:05 AM,Breakfast,"Egg, whole, raw, fresh",50.00 g,Eggs,71.50,6.28,0.34,0.25,0.88
2026-11-20,12:30 PM,Lunch,"Oats, rolled",1.00 cup,Grains,307.00,10.70,0.56,0.36,3.40
2026-11-20,,Snacks,Mystery Bar,1.00 bar,Snacks,210.25,12.00,,0.40,
"""


def test_cronometer_upload_totals_to_cronometer(client: TestClient) -> None:
    first = upload(client, "cronometer", "servings.csv", CRONOMETER.encode())
    assert first["linked_foods"] == 2 and first["unlinked_foods"] == 1  # the egg and the oats; not "Mystery Bar"
    d = day(client)
    assert d["totals"]["energy_kcal"] == pytest.approx(588.75, abs=0.01)
    assert d["totals"]["protein_g"] == pytest.approx(28.98, abs=0.01)
    assert d["totals"]["tyrosine_mg"] == pytest.approx(1010.0, abs=0.5)
    # Phe + Tyr counts foods with both known: the bar (no Phe given) is left out and the total is a lower bound
    assert d["totals"]["phe_tyr_mg"] == pytest.approx((0.34 + 0.25 + 0.56 + 0.36) * 1000, abs=0.5)
    assert "phe_tyr_mg" in d["lower_bound"]
    assert upload(client, "cronometer", "servings.csv", CRONOMETER.encode())["unchanged"] is True
    assert day(client)["totals"]["energy_kcal"] == pytest.approx(588.75, abs=0.01)
