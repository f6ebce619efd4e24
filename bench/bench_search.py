"""Food search latency and memory (not a timed test): SR28 + Foundation + FNDDS-like foods (~20k) and Branded
scale (~450k, synthetic names built from SR28's words: the real Branded file is not at hand), and phrase
logging over the phrase tests' phrases.

Latency is per query the best of 3 runs after a warm-up (the machine is shared). Baselines run in the same
process: the index as it was before issue 14 (pure-Python postings, read from git
when the history is there) and a plain SQLite FTS5 query (bm25, no typo tolerance).
Usage: python bench/bench_search.py [--quick]
"""

from __future__ import annotations

import gc
import random
import sqlite3
import statistics
import subprocess
import sys
import time
import tracemalloc
import types
from collections.abc import Callable, Sequence
from pathlib import Path

from norepi.foods.fdc import read_fdc
from norepi.foods.recipes import composite_records
from norepi.foods.records import FoodRecord
from norepi.foods.search import FoodIndex, FoodKind, SearchableFood, tokens
from norepi.foods.sr_records import read_sr_release

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
LEGACY_COMMIT = "8cd4eb7"  # the search index before issue 14
FLAVOURS = ["original", "vanilla", "chocolate", "strawberry", "honey", "sea salt", "bbq", "spicy", "lite",
            "organic", "whole grain", "low fat", "family size", "unsweetened", "classic", "garlic herb"]


def rss_mb() -> float:
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * 4096 / 1e6


def percentile(values: Sequence[float], p: float) -> float:
    return sorted(values)[min(len(values) - 1, int(p * len(values)))]


def queries(descriptions: Sequence[str], n: int = 400) -> list[str]:
    """Real-looking queries: 1-3 words of real descriptions, a typo in every fifth."""
    rng = random.Random(7)
    out = []
    for _ in range(n):
        words = [w for w in tokens(rng.choice(descriptions).split(",")[0]) if len(w) > 2] or ["egg"]
        q = " ".join(rng.sample(words, min(len(words), rng.randint(1, 3))))
        if len(out) % 5 == 0 and len(q) > 5:
            i = rng.randrange(1, len(q) - 1)
            q = q[:i] + q[i + 1 :]
        out.append(q)
    return out + ["egg", "milk", "chicken breast", "chiken brest", "pumpkin seeds", "greek yogurt", "oat milk",
                  "porridge", "latte", "coke", "salmon fillet", "cooked rice"]


def synthetic(generic: Sequence[SearchableFood], n: int, kind: FoodKind, seed: int) -> list[SearchableFood]:
    """``n`` foods named like FNDDS (generic) or Branded products, from SR28's own words."""
    rng = random.Random(seed)
    heads = [f.description.split(",")[0] for f in generic]
    rest = [w for f in generic for w in f.description.split(",")[1:3]]
    syll = ["ka", "lo", "mi", "ra", "ven", "to", "sun", "bel", "cor", "na", "fi", "dor", "mar", "ti", "zen", "pa"]
    brands = ["".join(rng.sample(syll, rng.randint(2, 3))).title() for _ in range(max(50, n // 40))]
    out = []
    for i in range(n):
        head = rng.choice(heads)
        if kind is FoodKind.BRANDED:
            brand = rng.choice(brands)
            name = f"{brand} {rng.choice(FLAVOURS)} {head}".upper() if i % 3 else f"{head}, {rng.choice(FLAVOURS)}"
            out.append(SearchableFood(f"b{i}", name, kind=kind, brand=brand, portions=1))
        else:
            out.append(SearchableFood(f"s{i}", f"{head},{rng.choice(rest)}", survey=True, portions=2))
    return out


def legacy_index_class() -> type | None:
    """The FoodIndex of commit LEGACY_COMMIT, or None without the git history."""
    try:
        source = subprocess.run(["git", "show", f"{LEGACY_COMMIT}:src/norepi/foods/search.py"], cwd=ROOT,
                                capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    module = types.ModuleType("legacy_search")
    sys.modules["legacy_search"] = module
    exec(compile(source, "legacy_search.py", "exec"), module.__dict__)  # noqa: S102 - our own history
    return module.FoodIndex  # type: ignore[no-any-return]


def retained_mb(build: Callable[[list], object], foods: list) -> float:
    """Memory an index built from ``foods`` keeps (tracemalloc, after the build's temporaries are freed),
    without the food values themselves."""
    gc.collect()
    tracemalloc.start()
    index = build(foods)
    gc.collect()
    kept = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    del index
    return kept / 1e6


def time_queries(search: Callable[[str], object], qs: Sequence[str], repeat: int = 3) -> list[float]:
    """Per query, the best of ``repeat`` runs (the machine is shared: the best run is the code's own cost),
    after one warm-up pass."""
    for q in qs[:20]:
        search(q)
    ms = []
    for q in qs:
        best = float("inf")
        for _ in range(repeat):
            t = time.perf_counter()
            search(q)
            best = min(best, time.perf_counter() - t)
        ms.append(best * 1000)
    return ms


def report(name: str, ms: Sequence[float]) -> None:
    print(f"  {name:26s} p50 {statistics.median(ms):7.3f} ms   p99 {percentile(ms, 0.99):7.3f} ms   "
          f"max {max(ms):7.3f} ms")


def bench_scale(label: str, foods: list[SearchableFood], legacy: type | None, fts: bool) -> None:
    descriptions = [f.description for f in foods]
    qs = queries(descriptions)
    gc.collect()
    before = rss_mb()
    t0 = time.perf_counter()
    index = FoodIndex.build(foods)
    build_s = time.perf_counter() - t0
    grown = rss_mb() - before
    print(f"{label}: {len(foods):,} foods, {len(qs)} queries")
    print(f"  norepi index: build {build_s:.1f} s, retained {retained_mb(FoodIndex.build, foods):.0f} MB "
          f"(tracemalloc; estimate of its structures {index.memory_bytes() / 1e6:.0f} MB), RSS +{grown:.0f} MB")
    ours = time_queries(lambda q: index.search(q, 10), qs)
    report("norepi index", ours)
    if legacy is not None:
        old_foods = [types.SimpleNamespace(ndb_no=f.food_id, description=f.description, group_code=f.group_code,
                                           group=f.group, survey=f.survey, manufacturer=f.manufacturer or f.brand,
                                           common_name=f.common_name, portions=f.portions) for f in foods]
        gc.collect()
        before = rss_mb()
        t0 = time.perf_counter()
        old = legacy.build(old_foods)
        print(f"  index before issue 14: build {time.perf_counter() - t0:.1f} s, retained "
              f"{retained_mb(legacy.build, old_foods):.0f} MB, RSS +{rss_mb() - before:.0f} MB")
        theirs = time_queries(lambda q: old.search(q, 10), qs)
        report("index before issue 14", theirs)
        print(f"  ratio p99 norepi / before: {percentile(ours, 0.99) / percentile(theirs, 0.99):.2f}")
        del old, old_foods
    if fts:
        db = sqlite3.connect(":memory:")
        db.execute("CREATE VIRTUAL TABLE f USING fts5(description)")
        db.executemany("INSERT INTO f VALUES (?)", [(d,) for d in descriptions])
        fts_ms = time_queries(lambda q: db.execute(
            "SELECT rowid FROM f WHERE f MATCH ? ORDER BY bm25(f) LIMIT 10",
            (" ".join(f'"{w}"*' for w in q.split()),)).fetchall(), qs)
        report("SQLite FTS5 baseline", fts_ms)
        print(f"  ratio p99 norepi / FTS5: {percentile(ours, 0.99) / percentile(fts_ms, 0.99):.2f}")


def bench_phrases(foods: dict[str, FoodRecord]) -> None:
    sys.path.insert(0, str(ROOT / "tests" / "foods"))
    from test_phrases import PHRASES  # type: ignore[import-not-found]

    from norepi.errors import NorepiError
    from norepi.foods.understand import understand

    index = FoodIndex.build(f.searchable() for f in foods.values())
    def log(phrase: str) -> None:
        try:
            understand(phrase, index, foods.get)
        except NorepiError:
            pass

    ms = time_queries(log, [p[0] for p in PHRASES])
    print(f"phrase logging (understand), {len(PHRASES)} phrases over {len(foods):,} foods:")
    report("understand()", ms)


def main() -> None:
    quick = "--quick" in sys.argv
    sr = read_sr_release(SHARED / "usda-sr28")
    foundation = read_fdc(SHARED / "fdc-foundation" / "FoodData_Central_foundation_food_csv_2025-04-24.zip")
    records = {f.food_id: f for f in sr.foods}
    records.update({f.food_id: f for f in foundation.foods})
    records.update({f.food_id: f for f in composite_records(records)})
    real = [f.searchable() for f in records.values()]
    legacy = legacy_index_class()
    generic = synthetic(real, 20_000 - len(real), FoodKind.GENERIC, 1)
    bench_scale("SR28 + Foundation + FNDDS-like", real + generic, legacy, fts=True)
    if not quick:
        branded = synthetic(real, 450_000 - len(real) - len(generic), FoodKind.BRANDED, 2)
        bench_scale("Branded scale", real + generic + branded, legacy, fts=True)
    bench_phrases(records)


if __name__ == "__main__":
    main()
