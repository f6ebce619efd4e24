"""Benchmark: read a generated Apple Health export.xml (default 1 GB) at reader level (records consumed and
discarded), against bare lxml iterparse with element clearing in the same process; and the peak RSS of reading it,
and of reading a zip whose XML is padded with 300 MB of whitespace.

    .venv/bin/python bench/bench_import_apple.py [--size-mb 1024] [--pad-mb 300] [--dir /tmp] [--repeat 2]

The export is generated in a temporary folder (never in the repository) with a realistic mix: heart-rate
records (with MetadataEntry children, as the Watch writes them) dominate; step counts (skipped by the
importer), sleep stages, mindful sessions, dietary records and workouts are interleaved. Each read runs in a child
process so that its peak RSS (``ru_maxrss`` of the child) is measured alone; throughput is the best of
``--repeat`` runs, in CPU seconds of the child (the machine is shared). Targets: >= 50 MB/s, peak RSS <= 300 MB.
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
import zipfile
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
TARGET_MB_S = 50.0
TARGET_RSS_MB = 300.0


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


def padded_zip(path: Path, pad_mb: int) -> None:
    """A zip whose export.xml holds a few records, ``pad_mb`` MB of blanks (spaces, then newlines), more records."""
    records = "".join(
        f' <Record type="HKQuantityTypeIdentifierHeartRate" sourceName="Watch" unit="count/min" '
        f'startDate="2024-01-01 00:{m:02d}:00 +0100" endDate="2024-01-01 00:{m:02d}:00 +0100" value="{60 + m}"/>\n'
        for m in range(60)
    ).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf, zf.open("apple_health_export/export.xml", "w") as f:
        f.write(HEAD.encode() + records)
        for blank in (b" ", b"\n"):
            for _ in range(pad_mb // 2):
                f.write(blank * (1 << 20))
        f.write(records + b"</HealthData>\n")


def child(kind: str, path: Path) -> None:
    """Read ``path`` once and print CPU seconds, records, peak RSS (MB) as JSON."""
    if kind == "norepi":
        from norepi.importers import AppleHealthImporter
        from norepi.journal.records import HeartRateSeriesRec

        t0 = time.process_time()
        n = 0
        for rec in AppleHealthImporter().read(path):  # records (each heart-rate sample of a batch counted)
            n += len(rec.samples) if isinstance(rec, HeartRateSeriesRec) else 1
    else:
        from lxml import etree

        t0 = time.process_time()
        n = 0
        root = None
        for _, elem in etree.iterparse(str(path), events=("end",), tag=("Record", "Workout"), huge_tree=True):
            n += 1
            if root is None:
                root = elem.getparent()
            elem.clear()
            while elem.getprevious() is not None:
                del root[0]
    seconds = time.process_time() - t0
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(json.dumps({"seconds": seconds, "records": n, "peak_rss_mb": rss_mb}))


def run_child(kind: str, path: Path) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, __file__, "--child", kind, str(path)], check=True, capture_output=True, text=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size-mb", type=int, default=1024)
    ap.add_argument("--pad-mb", type=int, default=300)
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--dir", type=Path, default=None, help="where to generate (default: a temporary folder)")
    ap.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args.child[0], Path(args.child[1]))
        return
    with tempfile.TemporaryDirectory(dir=args.dir) as tmp:
        xml = Path(tmp) / "export.xml"
        t0 = time.perf_counter()
        n_hr = generate(xml, args.size_mb)
        size_mb = xml.stat().st_size / 1e6
        print(
            f"generated {size_mb:,.0f} MB ({n_hr:,} heart-rate records) in {time.perf_counter() - t0:.0f} s", flush=True
        )
        best: dict[str, dict[str, float]] = {}
        for _ in range(args.repeat):  # interleaved, best of each
            for kind in ("lxml", "norepi"):
                r = run_child(kind, xml)
                if kind not in best or r["seconds"] < best[kind]["seconds"]:
                    best[kind] = r
        bare, ours = best["lxml"], best["norepi"]
        mb_s = size_mb / ours["seconds"]
        print(
            f"bare lxml iterparse + clear: {size_mb / bare['seconds']:.1f} MB/s, {bare['records']:,} elements, "
            f"peak RSS {bare['peak_rss_mb']:.0f} MB"
        )
        print(
            f"norepi reader: {mb_s:.1f} MB/s ({bare['seconds'] / ours['seconds']:.2f}x bare lxml; "
            f"{'OK' if mb_s >= TARGET_MB_S else 'UNDER'} the {TARGET_MB_S:g} MB/s target), "
            f"{ours['records']:,} records, "
            f"peak RSS {ours['peak_rss_mb']:.0f} MB ({'OK' if ours['peak_rss_mb'] <= TARGET_RSS_MB else 'OVER'})"
        )
        xml.unlink()
        z = Path(tmp) / "padded.zip"
        padded_zip(z, args.pad_mb)
        r = run_child("norepi", z)
        print(
            f"zip of {z.stat().st_size / 1e3:,.0f} kB holding {args.pad_mb} MB of blanks: {r['records']} records, "
            f"peak RSS {r['peak_rss_mb']:.0f} MB ({'OK' if r['peak_rss_mb'] <= TARGET_RSS_MB else 'OVER'} the "
            f"{TARGET_RSS_MB:g} MB target)"
        )


if __name__ == "__main__":
    main()
