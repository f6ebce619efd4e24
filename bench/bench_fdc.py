"""FoodData Central reader at Branded scale (not a timed test): a synthetic Branded release in FDC's CSV layout
(450k foods, 14 nutrients each: the real file is not at hand), read with norepi.foods.fdc; time and peak RSS.

Baseline in the same process: one bare csv.reader pass over the same food_nutrient.csv (the least any reader
pays). Usage: python bench/bench_fdc.py [foods]
"""

from __future__ import annotations

import csv
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

from norepi.foods.fdc import open_fdc

NUTRIENTS = [("1003", "Protein", "G", "203"), ("1004", "Total lipid (fat)", "G", "204"),
             ("1005", "Carbohydrate, by difference", "G", "205"), ("1008", "Energy", "KCAL", "208"),
             ("2000", "Total Sugars", "G", "269"), ("1079", "Fiber, total dietary", "G", "291"),
             ("1087", "Calcium, Ca", "MG", "301"), ("1089", "Iron, Fe", "MG", "303"),
             ("1093", "Sodium, Na", "MG", "307"), ("1092", "Potassium, K", "MG", "306"),
             ("1162", "Vitamin C, total ascorbic acid", "MG", "401"), ("1253", "Cholesterol", "MG", "601"),
             ("1258", "Fatty acids, total saturated", "G", "606"), ("1257", "Fatty acids, total trans", "G", "605")]


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def write_release(folder: Path, n: int) -> None:
    rng = random.Random(3)
    q = {"quoting": csv.QUOTE_ALL, "lineterminator": "\n"}
    with open(folder / "food.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, **q)
        w.writerow(["fdc_id", "data_type", "description", "food_category_id", "publication_date"])
        for i in range(n):
            w.writerow([1_000_000 + i, "branded_food", f"PRODUCT {i} {rng.choice(['BAR', 'CHIPS', 'SODA'])}", "",
                        "2024-10-31"])
    with open(folder / "branded_food.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, **q)
        w.writerow(["fdc_id", "brand_owner", "brand_name", "gtin_upc", "ingredients", "serving_size",
                    "serving_size_unit", "household_serving_fulltext", "branded_food_category"])
        for i in range(n):
            body = f"{rng.randrange(10**11):011d}"
            check = (10 - sum(int(d) * (3 if k % 2 == 0 else 1) for k, d in enumerate(reversed(body))) % 10) % 10
            w.writerow([1_000_000 + i, f"Owner {i % 5000}", f"Brand {i % 9000}", body + str(check),
                        "WATER, SUGAR, WHEAT FLOUR, SALT, NATURAL FLAVOR, " * 3, "30", "g", "1 bar", "Snacks"])
    with open(folder / "nutrient.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, **q)
        w.writerow(["id", "name", "unit_name", "nutrient_nbr", "rank"])
        w.writerows([(*row, "1") for row in NUTRIENTS])
    with open(folder / "food_nutrient.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, **q)
        w.writerow(["id", "fdc_id", "nutrient_id", "amount", "data_points", "derivation_id", "min", "max", "median",
                    "footnote", "min_year_acquired"])
        row_id = 0
        for i in range(n):
            for nid, *_ in NUTRIENTS:
                row_id += 1
                w.writerow([row_id, 1_000_000 + i, nid, f"{rng.random() * 50:.2f}", "", "71", "", "", "", "", ""])


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 450_000
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "FoodData_Central_branded_food_csv_2024-10-31"
        folder.mkdir()
        t0 = time.perf_counter()
        write_release(folder, n)
        size = sum(p.stat().st_size for p in folder.iterdir()) / 1e6
        print(f"synthetic Branded release: {n:,} foods, {n * len(NUTRIENTS):,} nutrient rows, {size:,.0f} MB "
              f"(written in {time.perf_counter() - t0:.0f} s)")
        t0 = time.perf_counter()
        with open(folder / "food_nutrient.csv", newline="", encoding="utf-8") as f:
            rows = sum(1 for _ in csv.reader(f))
        bare = time.perf_counter() - t0
        print(f"  bare csv.reader over food_nutrient.csv: {bare:.1f} s ({rows:,} rows)")
        rss0 = peak_rss_mb()
        t0 = time.perf_counter()
        reader = open_fdc(folder)
        opened = time.perf_counter() - t0
        count = sum(1 for _ in reader.foods())
        total = time.perf_counter() - t0
        print(f"  norepi open_fdc {opened:.1f} s, + records {total - opened:.1f} s = {total:.1f} s for {count:,} "
              f"foods; peak RSS {peak_rss_mb():.0f} MB (before {rss0:.0f} MB); ratio to the bare pass "
              f"{total / bare:.1f}")


if __name__ == "__main__":
    main()
