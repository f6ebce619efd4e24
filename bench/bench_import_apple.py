"""Benchmark: import a generated Apple Health export.xml (default 1 GB) and report peak RSS and MB/s.

    .venv/bin/python bench/bench_import_apple.py [--size-mb 1024] [--dir /tmp]

The export is generated in a temporary folder (never in the repository) with a realistic mix: heart-rate
records (with MetadataEntry children, as the Watch writes them) dominate; step counts (skipped by the
importer), sleep stages, mindful sessions, dietary records and workouts are interleaved. The import runs
in a child process so that its peak RSS (``ru_maxrss`` of the child) is measured alone. Target:
peak RSS <= 300 MB.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE HealthData [
<!ELEMENT HealthData (ExportDate,Me,(Record|Correlation|Workout|ActivitySummary|ClinicalRecord)*)>
<!ATTLIST HealthData locale CDATA #REQUIRED>
]>
<HealthData locale="en_GB">
 <ExportDate value="2026-11-21 09:00:00 +0100"/>
 <Me HKCharacteristicTypeIdentifierDateOfBirth="1986-01-01"
     HKCharacteristicTypeIdentifierBiologicalSex="HKBiologicalSexMale"/>
"""
FMT = "%Y-%m-%d %H:%M:%S +0100"


def generate(path: Path, size_mb: int) -> int:
    """Write an export of about ``size_mb`` MB; returns the number of heart-rate records."""
    target = size_mb * 1024 * 1024
    t = dt.datetime(2024, 1, 1, 0, 0, 0)
    n_hr = 0
    written = 0
    with open(path, "w", encoding="utf-8") as f:
        f.write(HEAD)
        while written < target:
            parts = []
            for _ in range(720):  # one hour of samples every 5 s
                s = t.strftime(FMT)
                parts.append(
                    f' <Record type="HKQuantityTypeIdentifierHeartRate" sourceName="Apple Watch" sourceVersion="10.1" '
                    f'device="&lt;&lt;HKDevice&gt;&gt;, name:Apple Watch" unit="count/min" creationDate="{s}" '
                    f'startDate="{s}" endDate="{s}" value="{60 + n_hr % 90}">\n'
                    '  <MetadataEntry key="HKMetadataKeyHeartRateMotionContext" value="0"/>\n </Record>\n'
                )
                n_hr += 1
                t += dt.timedelta(seconds=5)
            s, e = (t - dt.timedelta(minutes=10)).strftime(FMT), t.strftime(FMT)
            parts.append(
                f' <Record type="HKQuantityTypeIdentifierStepCount" sourceName="iPhone" unit="count" '
                f'creationDate="{e}" startDate="{s}" endDate="{e}" value="420"/>\n'
            )
            if t.hour == 7:  # a night: core and REM sleep, plus breakfast protein
                night = t.replace(hour=0, minute=0, second=0) - dt.timedelta(hours=1)
                for a, b, v in ((0, 180, "AsleepCore"), (180, 200, "Awake"), (200, 470, "AsleepREM")):
                    parts.append(
                        f' <Record type="HKCategoryTypeIdentifierSleepAnalysis" sourceName="Apple Watch" '
                        f'startDate="{(night + dt.timedelta(minutes=a)).strftime(FMT)}" '
                        f'endDate="{(night + dt.timedelta(minutes=b)).strftime(FMT)}" '
                        f'value="HKCategoryValueSleepAnalysis{v}"/>\n'
                    )
                parts.append(
                    f' <Record type="HKQuantityTypeIdentifierDietaryProtein" sourceName="MyFood" unit="g" '
                    f'startDate="{e}" endDate="{e}" value="31"/>\n'
                )
            if t.hour == 21:
                parts.append(
                    f' <Record type="HKCategoryTypeIdentifierMindfulSession" sourceName="Breathe" '
                    f'startDate="{s}" endDate="{e}" value="HKCategoryValueNotApplicable"/>\n'
                )
            if t.hour == 18:
                ws = (t - dt.timedelta(minutes=40)).strftime(FMT)
                parts.append(
                    f' <Workout workoutActivityType="HKWorkoutActivityTypeRunning" duration="40" '
                    f'durationUnit="min" sourceName="Apple Watch" startDate="{ws}" endDate="{e}">\n'
                    f'  <WorkoutStatistics type="HKQuantityTypeIdentifierHeartRate" startDate="{ws}" '
                    f'endDate="{e}" average="148" minimum="95" maximum="172" unit="count/min"/>\n'
                    " </Workout>\n"
                )
            chunk = "".join(parts)
            f.write(chunk)
            written += len(chunk)
        f.write("</HealthData>\n")
    return n_hr


def child(xml: Path, db: Path) -> None:
    from norepi.importers import AppleHealthImporter
    from norepi.journal import lifestyle_store
    from norepi.journal.journal import Journal

    with Journal(db) as j:
        t0 = time.perf_counter()
        result = lifestyle_store.import_file(j, xml, AppleHealthImporter())
        seconds = time.perf_counter() - t0
        t1 = time.perf_counter()
        again = lifestyle_store.import_file(j, xml, AppleHealthImporter())
        again_s = time.perf_counter() - t1
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(
        json.dumps(
            {
                "seconds": seconds,
                "added": result.added,
                "peak_rss_mb": rss_mb,
                "reimport_unchanged": again.unchanged,
                "reimport_seconds": again_s,
            }
        )
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size-mb", type=int, default=1024)
    ap.add_argument("--dir", type=Path, default=None, help="where to generate (default: a temporary folder)")
    ap.add_argument("--child", nargs=2, type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(*args.child)
        return
    with tempfile.TemporaryDirectory(dir=args.dir) as tmp:
        xml, db = Path(tmp) / "export.xml", Path(tmp) / "bench.sqlite"
        t0 = time.perf_counter()
        n_hr = generate(xml, args.size_mb)
        size_mb = xml.stat().st_size / 1e6
        print(
            f"generated {size_mb:,.0f} MB ({n_hr:,} heart-rate records) in {time.perf_counter() - t0:.0f} s", flush=True
        )
        out = subprocess.run(
            [sys.executable, __file__, "--child", str(xml), str(db)], check=True, capture_output=True, text=True
        )
        r = json.loads(out.stdout.strip().splitlines()[-1])
        print(
            f"imported in {r['seconds']:.1f} s: {size_mb / r['seconds']:.1f} MB/s; "
            f"peak RSS {r['peak_rss_mb']:.0f} MB "
            f"({'OK' if r['peak_rss_mb'] <= 300 else 'OVER'} the 300 MB target)"
        )
        print(f"added: {r['added']}")
        print(f"re-import of the same file: unchanged={r['reimport_unchanged']} in {r['reimport_seconds']:.1f} s")


if __name__ == "__main__":
    main()
