"""Food search latency over a few hundred real queries on the full SR28 data (not a timed test).

Prints p50 / p99 per query for norepi's index and, as the baseline run in the same process, a plain
SQLite FTS5 query over the same descriptions (bm25 ranking, no typo tolerance).
Usage: python bench/bench_search.py [SR28 folder]
"""

from __future__ import annotations

import random
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

from norepi.foods.search import tokens
from norepi.journal.journal import Journal

SR28 = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[2] / "shared/data/usda-sr28"


def queries(descriptions: list[str], n: int = 400) -> list[str]:
    """Real queries: 1-3 words taken from real descriptions, with a typo in every fifth."""
    rng = random.Random(7)
    out = []
    for _ in range(n):
        words = [w for w in tokens(rng.choice(descriptions).split(",")[0]) if len(w) > 2] or ["egg"]
        q = " ".join(rng.sample(words, min(len(words), rng.randint(1, 3))))
        if len(out) % 5 == 0 and len(q) > 5:
            i = rng.randrange(1, len(q) - 1)
            q = q[:i] + q[i + 1 :]
        out.append(q)
    return out + ["egg", "milk", "chicken breast", "chiken brest", "pumpkin seeds", "greek yogurt"]


def percentile(values: list[float], p: float) -> float:
    return sorted(values)[min(len(values) - 1, int(p * len(values)))]


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        j = Journal(Path(tmp) / "bench.sqlite")
        j.import_foods(SR28)
        t0 = time.perf_counter()
        index = j.index()
        build_s = time.perf_counter() - t0
        descriptions = [f.description for f in index.foods]
        qs = queries(descriptions)
        norepi_ms = []
        for q in qs:
            t = time.perf_counter()
            index.search(q, 10)
            norepi_ms.append((time.perf_counter() - t) * 1000)
        fts = sqlite3.connect(":memory:")
        fts.execute("CREATE VIRTUAL TABLE f USING fts5(description)")
        fts.executemany("INSERT INTO f VALUES (?)", [(d,) for d in descriptions])
        fts_ms = []
        for q in qs:
            match = " ".join(f'"{w}"*' for w in q.split())
            t = time.perf_counter()
            fts.execute("SELECT rowid FROM f WHERE f MATCH ? ORDER BY bm25(f) LIMIT 10", (match,)).fetchall()
            fts_ms.append((time.perf_counter() - t) * 1000)
        j.close()
    print(f"foods: {len(descriptions):,}; queries: {len(qs)}; index build: {build_s * 1000:.0f} ms")
    for name, ms in (("norepi index", norepi_ms), ("SQLite FTS5 baseline", fts_ms)):
        print(
            f"{name:22s} p50 {statistics.median(ms):6.3f} ms   p99 {percentile(ms, 0.99):6.3f} ms   "
            f"max {max(ms):6.3f} ms"
        )
    print(f"ratio p99 norepi / FTS5: {percentile(norepi_ms, 0.99) / percentile(fts_ms, 0.99):.2f}")


if __name__ == "__main__":
    main()
