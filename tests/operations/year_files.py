"""One person's year of self-tracking written as the files their apps export: Cronometer servings.csv, a Whoop
export (sleeps.csv, workouts.csv, physiological_cycles.csv) and a Loop Habit Tracker export (Habits.csv,
Checkmarks.csv and the per-habit folders), for the end-to-end test and bench/bench_year.py.

The layouts are those norepi's importers read (importers/cronometer.py, whoop.py, loop_habits.py: column names as
the apps write them); every value is made here from a seeded numpy generator, none is taken from a real export.
Nutrient values are rough per-100 g figures of common foods, enough for realistic days, not a food table.

Planted: time asleep (a night ending on a day) lowers that day's tiredness rating (0-5, lower is better): the
latent tiredness is ``TIRED_MEAN - TIRED_PER_SD * z + noise`` with z the night's standardised time asleep, an
innovation correlation of about 0.45 before rounding. Depression (0-5) is noise. A quarter of the days have no food
entries at all (two holiday blocks and scattered days); some nights were not recorded (the strap charging); some
days were not rated.
"""

from __future__ import annotations

import csv
import datetime as dt
import zoneinfo
from dataclasses import dataclass
from pathlib import Path

import numpy as np

START = dt.date(2025, 3, 1)
N_DAYS = 365
ZONE = zoneinfo.ZoneInfo("America/New_York")  # Whoop writes the offset of the day: UTC-05:00 / UTC-04:00
SEED = 2025

NO_FOOD_DAYS = 91  # a quarter of 365
UNRECORDED_NIGHTS = 12
NAPS = 14
WORKOUTS = 214
UNRATED_DAYS = 55
MEDITATION_DAYS = 68

ASLEEP_MEAN_MIN = 425.0
ASLEEP_SD_MIN = 48.0
TIRED_MEAN = 2.4
TIRED_PER_SD = 0.55  # tiredness points per SD of time asleep
TIRED_NOISE = 1.1  # SD of the rest: innovation r = 0.55 / sqrt(0.55^2 + 1.1^2) ~ 0.45

# name, unit of the amount, grams per unit, Cronometer category, per 100 g: kcal, protein g, carbs g, fat g,
# fibre g, vitamin C mg, B6 mg, folate ug, copper mg, iron mg, magnesium mg (rough figures of common foods)
FOODS: tuple[tuple[str, str, float, str, tuple[float, ...]], ...] = (
    ("Eggs, Fresh, Large", "large", 50, "Dairy and Egg Products", (143, 12.6, 0.7, 9.5, 0, 0, .17, 47, .07, 1.8, 12)),
    ("Oats, Rolled", "cup", 81, "Cereal Grains and Pasta", (379, 13.2, 67.7, 6.5, 10.1, 0, .10, 32, .39, 4.3, 138)),
    ("Milk, 2%", "cup", 244, "Dairy and Egg Products", (50, 3.3, 4.8, 2.0, 0, .2, .04, 5, .01, .02, 11)),
    ("Banana, Fresh", "medium", 118, "Fruits", (89, 1.1, 22.8, .3, 2.6, 8.7, .37, 20, .08, .26, 27)),
    ("Bread, Whole Wheat", "slice", 32, "Baked Products", (252, 12.5, 42.7, 3.5, 6.0, 0, .18, 42, .26, 2.5, 76)),
    ("Butter, Salted", "tbsp", 14.2, "Dairy and Egg Products", (717, .9, .1, 81, 0, 0, 0, 3, 0, .02, 2)),
    ("Blueberries, Fresh", "cup", 148, "Fruits", (57, .7, 14.5, .3, 2.4, 9.7, .05, 6, .06, .28, 6)),
    ("Yogurt, Greek, Plain, Nonfat", "g", 1, "Dairy and Egg Products", (59, 10.2, 3.6, .4, 0, 0, .06, 7, .02, .07, 11)),
    ("Coffee, Brewed", "cup", 237, "Beverages", (1, .1, 0, 0, 0, 0, 0, 2, 0, .01, 3)),
    ("Tea, Green, Brewed", "cup", 245, "Beverages", (1, .2, 0, 0, 0, 0, .01, 1, .01, .02, 1)),
    ("Chicken Breast, Cooked", "g", 1, "Poultry Products", (165, 31, 0, 3.6, 0, 0, .60, 4, .04, 1.0, 29)),
    ("Beef, Ground, 85% Lean", "g", 1, "Beef Products", (250, 26, 0, 15, 0, 0, .35, 9, .08, 2.6, 21)),
    ("Salmon, Atlantic, Cooked", "g", 1, "Finfish and Shellfish Products", (206, 22, 0, 12, 0, 3.7, .65, 34, .05,
                                                                               .34, 30)),
    ("Tuna, Canned in Water", "can", 165, "Finfish and Shellfish Products", (116, 25.5, 0, .8, 0, 0, .35, 4, .05,
                                                                              1.5, 27)),
    ("Tofu, Firm", "g", 1, "Legumes and Legume Products", (144, 17.3, 2.8, 8.7, 2.3, .2, .09, 29, .38, 2.7, 58)),
    ("Lentils, Cooked", "cup", 198, "Legumes and Legume Products", (116, 9, 20, .4, 7.9, 1.5, .18, 181, .25, 3.3, 36)),
    ("Black Beans, Cooked", "cup", 172, "Legumes and Legume Products", (132, 8.9, 23.7, .5, 8.7, 0, .07, 149, .21,
                                                                          2.1, 70)),
    ("Rice, White, Cooked", "cup", 158, "Cereal Grains and Pasta", (130, 2.7, 28, .3, .4, 0, .09, 58, .07, 1.2, 12)),
    ("Pasta, Cooked", "cup", 140, "Cereal Grains and Pasta", (158, 5.8, 31, .9, 1.8, 0, .05, 7, .10, 1.3, 18)),
    ("Quinoa, Cooked", "cup", 185, "Cereal Grains and Pasta", (120, 4.4, 21.3, 1.9, 2.8, 0, .12, 42, .19, 1.5, 64)),
    ("Potatoes, Baked", "medium", 173, "Vegetables and Vegetable Products", (93, 2.5, 21, .1, 2.2, 9.6, .31, 28, .12,
                                                                               1.1, 28)),
    ("Sweet Potato, Baked", "medium", 114, "Vegetables and Vegetable Products", (90, 2, 20.7, .2, 3.3, 19.6, .29, 6,
                                                                                   .16, .69, 27)),
    ("Broccoli, Cooked from Frozen", "cup", 184, "Vegetables and Vegetable Products", (28, 3.1, 5.4, .1, 3, 40, .13,
                                                                                         56, .05, .6, 13)),
    ("Spinach, Fresh", "cup", 30, "Vegetables and Vegetable Products", (23, 2.9, 3.6, .4, 2.2, 28, .20, 194, .13,
                                                                          2.7, 79)),
    ("Carrots, Raw", "medium", 61, "Vegetables and Vegetable Products", (41, .9, 9.6, .2, 2.8, 5.9, .14, 19, .05, .3,
                                                                           12)),
    ("Tomatoes, Red, Fresh", "medium", 123, "Vegetables and Vegetable Products", (18, .9, 3.9, .2, 1.2, 13.7, .08,
                                                                                    15, .06, .27, 11)),
    ("Onions, Raw", "cup", 160, "Vegetables and Vegetable Products", (40, 1.1, 9.3, .1, 1.7, 7.4, .12, 19, .04, .21,
                                                                        10)),
    ("Lettuce, Romaine", "cup", 47, "Vegetables and Vegetable Products", (17, 1.2, 3.3, .3, 2.1, 4, .07, 136, .05,
                                                                            .97, 14)),
    ("Bell Pepper, Red, Fresh", "cup", 149, "Vegetables and Vegetable Products", (31, 1, 6, .3, 2.1, 128, .29, 46,
                                                                                    .02, .43, 12)),
    ("Olive Oil", "tbsp", 13.5, "Fats and Oils", (884, 0, 0, 100, 0, 0, 0, 0, 0, .56, 0)),
    ("Cheese, Cheddar", "g", 1, "Dairy and Egg Products", (403, 25, 1.3, 33, 0, 0, .07, 18, .03, .7, 28)),
    ("Apple, Fresh", "medium", 182, "Fruits", (52, .3, 13.8, .2, 2.4, 4.6, .04, 3, .03, .12, 5)),
    ("Orange, Fresh", "fruit", 131, "Fruits", (47, .9, 11.8, .1, 2.4, 53, .06, 30, .05, .1, 10)),
    ("Kiwi, Fresh", "fruit", 69, "Fruits", (61, 1.1, 14.7, .5, 3, 92.7, .06, 25, .13, .31, 17)),
    ("Strawberries, Fresh", "cup", 152, "Fruits", (32, .7, 7.7, .3, 2, 58.8, .05, 24, .05, .41, 13)),
    ("Almonds, Unsalted", "g", 1, "Nut and Seed Products", (579, 21, 21.6, 50, 12.5, 0, .14, 44, 1.0, 3.7, 270)),
    ("Walnuts", "g", 1, "Nut and Seed Products", (654, 15.2, 13.7, 65, 6.7, 1.3, .54, 98, 1.6, 2.9, 158)),
    ("Peanut Butter, Smooth", "tbsp", 16, "Legumes and Legume Products", (588, 25, 20, 50, 6, 0, .44, 87, .47, 1.9,
                                                                            154)),
    ("Dark Chocolate, 70-85%", "g", 1, "Sweets", (598, 7.8, 45.9, 42.6, 10.9, 0, .04, 0, 1.77, 11.9, 228)),
    ("Honey", "tbsp", 21, "Sweets", (304, .3, 82, 0, .2, .5, .02, 2, .04, .42, 2)),
    ("Cottage Cheese, 2%", "cup", 226, "Dairy and Egg Products", (81, 10.5, 4.8, 2.3, 0, 0, .07, 13, .03, .16, 9)),
)
COLUMNS = ("Energy (kcal)", "Protein (g)", "Carbs (g)", "Fat (g)", "Fiber (g)", "Vitamin C (mg)",
           "B6 (Pyridoxine) (mg)", "Folate (µg)", "Copper (mg)", "Iron (mg)", "Magnesium (mg)")
# the usual portion of the foods logged in grams (g); other foods: 0.25-1.25 times their unit
GRAM_PORTIONS = {"Yogurt, Greek, Plain, Nonfat": (80, 200), "Chicken Breast, Cooked": (60, 160),
                 "Beef, Ground, 85% Lean": (60, 140), "Salmon, Atlantic, Cooked": (70, 160), "Tofu, Firm": (50, 150),
                 "Cheese, Cheddar": (10, 35), "Almonds, Unsalted": (10, 30), "Walnuts": (10, 30),
                 "Dark Chocolate, 70-85%": (10, 25)}
PHE_PER_PROTEIN, TYR_PER_PROTEIN = 0.045, 0.036  # g per g protein: typical mixed-diet shares
SERVINGS_HEADER = ["Day", "Time", "Group", "Food Name", "Amount", "Category", "Energy (kcal)", "Caffeine (mg)",
                   "B6 (Pyridoxine) (mg)", "Folate (µg)", "Vitamin C (mg)", "Vitamin D (IU)", "Copper (mg)",
                   "Iron (mg)", "Magnesium (mg)", "Carbs (g)", "Fiber (g)", "Net Carbs (g)", "Fat (g)",
                   "Phenylalanine (g)", "Protein (g)", "Tyrosine (g)"]
# meal -> (foods to choose from, how many, the hour it is eaten)
MEALS: dict[str, tuple[tuple[str, ...], tuple[int, int], int]] = {
    "Breakfast": (("Eggs, Fresh, Large", "Oats, Rolled", "Milk, 2%", "Banana, Fresh", "Bread, Whole Wheat",
                   "Butter, Salted", "Blueberries, Fresh", "Yogurt, Greek, Plain, Nonfat", "Honey", "Coffee, Brewed",
                   "Strawberries, Fresh", "Peanut Butter, Smooth"), (6, 8), 7),
    "Lunch": (("Chicken Breast, Cooked", "Tuna, Canned in Water", "Tofu, Firm", "Lentils, Cooked",
               "Black Beans, Cooked", "Rice, White, Cooked", "Quinoa, Cooked", "Bread, Whole Wheat", "Spinach, Fresh",
               "Lettuce, Romaine", "Tomatoes, Red, Fresh", "Carrots, Raw", "Bell Pepper, Red, Fresh", "Olive Oil",
               "Cheese, Cheddar", "Apple, Fresh"), (6, 8), 12),
    "Dinner": (("Salmon, Atlantic, Cooked", "Beef, Ground, 85% Lean", "Chicken Breast, Cooked", "Pasta, Cooked",
                "Potatoes, Baked", "Sweet Potato, Baked", "Rice, White, Cooked", "Broccoli, Cooked from Frozen",
                "Onions, Raw", "Spinach, Fresh", "Tomatoes, Red, Fresh", "Bell Pepper, Red, Fresh", "Olive Oil",
                "Cheese, Cheddar", "Lentils, Cooked"), (7, 9), 19),
    "Snacks": (("Almonds, Unsalted", "Walnuts", "Dark Chocolate, 70-85%", "Orange, Fresh", "Kiwi, Fresh",
                "Apple, Fresh", "Tea, Green, Brewed", "Cottage Cheese, 2%", "Yogurt, Greek, Plain, Nonfat",
                "Coffee, Brewed"), (4, 5), 15),
}
SUPPLEMENTS = (("Magnesium Glycinate", "2.00 capsule", {"Magnesium (mg)": 200.0}),
               ("Vitamin D3", "1.00 softgel", {"Vitamin D (IU)": 2000.0}))
MULTIPLIERS = (0.25, 0.5, 0.5, 0.75, 0.75, 1.0, 1.25)

WHOOP_CYCLE_HEADER = [
    "Cycle start time", "Cycle end time", "Cycle timezone", "Recovery score %", "Resting heart rate (bpm)",
    "Heart rate variability (ms)", "Skin temp (celsius)", "Blood oxygen %", "Day Strain", "Energy burned (cal)",
    "Max HR (bpm)", "Average HR (bpm)", "Sleep onset", "Wake onset", "Sleep performance %", "Respiratory rate (rpm)",
    "Asleep duration (min)", "In bed duration (min)", "Light sleep duration (min)", "Deep (SWS) duration (min)",
    "REM duration (min)", "Awake duration (min)", "Sleep need (min)", "Sleep debt (min)", "Sleep efficiency %",
    "Sleep consistency %",
]
WHOOP_SLEEP_HEADER = [
    "Cycle start time", "Cycle end time", "Cycle timezone", "Sleep onset", "Wake onset", "Sleep performance %",
    "Respiratory rate (rpm)", "Asleep duration (min)", "In bed duration (min)", "Light sleep duration (min)",
    "Deep (SWS) duration (min)", "REM duration (min)", "Awake duration (min)", "Sleep need (min)",
    "Sleep debt (min)", "Sleep efficiency %", "Sleep consistency %", "Nap",
]
WHOOP_WORKOUT_HEADER = [
    "Cycle start time", "Cycle end time", "Cycle timezone", "Workout start time", "Workout end time",
    "Duration (min)", "Activity name", "Activity Strain", "Energy burned (cal)", "Max HR (bpm)", "Average HR (bpm)",
    "HR Zone 1 %", "HR Zone 2 %", "HR Zone 3 %", "HR Zone 4 %", "HR Zone 5 %", "GPS enabled", "Distance (meters)",
    "Altitude gain (meters)", "Altitude change (meters)",
]
ACTIVITIES = ("Running", "Weightlifting", "Cycling", "Walking", "Functional Fitness", "Yoga")
LOOP_HABITS_HEADER = [
    "Position", "Name", "Type", "Question", "Description", "FrequencyNumerator", "FrequencyDenominator", "Color",
    "Unit", "Target Type", "Target Value", "Archived?",
]
HABITS = (  # name, question, unit, target type, target value
    ("Tiredness", "How tired were you today? (0-5)", "points", "AT_MOST", "2.0"),
    ("Depression", "How depressed did you feel? (0-5)", "points", "AT_MOST", "1.0"),
    ("Meditation", "Minutes of meditation", "minutes", "AT_LEAST", "10.0"),
)
# what the person tells norepi the habits are (``--map``), and the ratings they define first
MAPPING = {"Tiredness": "rating:tiredness", "Depression": "rating:depression", "Meditation": "practice:meditation"}
RATINGS = (("tiredness", "How tired were you today?"), ("depression", "How depressed did you feel today?"))
WHEN = "%Y-%m-%d %H:%M:%S"


@dataclass(frozen=True)
class YearFiles:
    """The files written for the year and what is in them (the expected counts and the planted values)."""

    start: dt.date
    end: dt.date
    servings_csv: Path
    whoop_dir: Path
    loop_dir: Path
    food_days: frozenset[dt.date]
    servings: int
    unlinkable_servings: int  # servings of names no food table has (supplements, one vegetable named oddly)
    energy_kcal: dict[dt.date, float]  # Cronometer's own energy of each food day (the sum of its servings)
    nights: dict[dt.date, float]  # wake date -> minutes asleep of the night
    naps: int
    workouts: int
    tiredness: dict[dt.date, float]
    depression: dict[dt.date, float]
    meditation_min: dict[dt.date, float]

    @property
    def days(self) -> list[dt.date]:
        return [self.start + dt.timedelta(days=i) for i in range((self.end - self.start).days + 1)]


def _ar1(rng: np.random.Generator, n: int, phi: float) -> np.ndarray:
    """Unit-variance AR(1) noise."""
    e = rng.standard_normal(n + 30)
    x = np.empty_like(e)
    x[0] = e[0]
    for i in range(1, len(e)):
        x[i] = phi * x[i - 1] + np.sqrt(1 - phi * phi) * e[i]
    return x[30:]


def _offset(local: dt.datetime) -> str:
    off = local.replace(tzinfo=ZONE).utcoffset()
    assert off is not None
    minutes = int(off.total_seconds() // 60)
    sign = "-" if minutes < 0 else "+"
    return f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def _write(path: Path, header: list[str], rows: list[list[object]]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        w = csv.writer(handle, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def _fmt(v: float) -> str:
    return f"{v:.2f}"


def _no_food_days(rng: np.random.Generator) -> set[int]:
    """Two holiday blocks and scattered days, NO_FOOD_DAYS in all."""
    out = set(range(120, 134)) | set(range(250, 260))
    rest = [i for i in range(N_DAYS) if i not in out]
    out |= {int(i) for i in rng.choice(rest, NO_FOOD_DAYS - len(out), replace=False)}
    return out


def _servings(rng: np.random.Generator, day: dt.date) -> list[list[object]]:
    by_name = {f[0]: f for f in FOODS}
    rows: list[list[object]] = []
    for group, (pool, (lo, hi), hour) in MEALS.items():
        k = int(rng.integers(lo, hi + 1))
        for j, name in enumerate(rng.choice(pool, k, replace=False)):
            _, unit, grams_per_unit, category, per_100g = by_name[str(name)]
            if unit == "g":
                count = float(round(rng.uniform(*GRAM_PORTIONS[str(name)]) / 5) * 5)
            else:
                count = float(rng.choice(MULTIPLIERS)) * (2.0 if name == "Eggs, Fresh, Large" else 1.0)
            grams = count * grams_per_unit
            values = dict(zip(COLUMNS, (v * grams / 100 for v in per_100g), strict=True))
            protein = values["Protein (g)"]
            cells: dict[str, object] = {**{k: _fmt(v) for k, v in values.items()},
                                        "Net Carbs (g)": _fmt(values["Carbs (g)"] - values["Fiber (g)"]),
                                        "Phenylalanine (g)": _fmt(protein * PHE_PER_PROTEIN),
                                        "Tyrosine (g)": _fmt(protein * TYR_PER_PROTEIN)}
            if "Coffee" in str(name) or "Tea" in str(name):
                cells["Caffeine (mg)"] = _fmt(grams * (0.4 if "Coffee" in str(name) else 0.12))
            when = dt.time(hour + j // 4, int(rng.integers(0, 60)))
            time = "" if rng.random() < 0.1 else when.strftime("%I:%M %p").lstrip("0")
            rows.append([day.isoformat(), time, group, str(name), f"{count:.2f} {unit}", category,
                         *(cells.get(c, "") for c in SERVINGS_HEADER[6:])])
    for name, amount, given in SUPPLEMENTS:
        cells = {k: _fmt(v) for k, v in given.items()} | {"Energy (kcal)": "0.00"}
        rows.append([day.isoformat(), "9:00 PM", "Snacks", name, amount, "Supplements",
                     *(cells.get(c, "") for c in SERVINGS_HEADER[6:])])
    return rows


def write_year(folder: Path, start: dt.date = START, seed: int = SEED) -> YearFiles:
    """Write the year (see the module docstring) under ``folder``: ``cronometer/servings.csv``, ``whoop/`` and
    ``loop/``; the same files for the same ``start`` and ``seed``."""
    rng = np.random.default_rng(seed)
    folder.mkdir(parents=True, exist_ok=True)
    days = [start + dt.timedelta(days=i) for i in range(N_DAYS)]
    # ---- food ----
    no_food = _no_food_days(rng)
    serving_rows: list[list[object]] = []
    for i, d in enumerate(days):
        if i not in no_food:
            serving_rows.extend(_servings(rng, d))
    (folder / "cronometer").mkdir(exist_ok=True)
    servings_csv = folder / "cronometer" / "servings.csv"
    _write(servings_csv, SERVINGS_HEADER, serving_rows)
    energy: dict[dt.date, float] = {}
    for r in serving_rows:
        day = dt.date.fromisoformat(str(r[0]))
        energy[day] = energy.get(day, 0.0) + float(str(r[SERVINGS_HEADER.index("Energy (kcal)")]))
    unlinkable = sum(1 for r in serving_rows if r[3] in {"Magnesium Glycinate", "Vitamin D3",
                                                          "Bell Pepper, Red, Fresh"})
    # ---- sleep: the night ending on day i; some not recorded ----
    z = _ar1(rng, N_DAYS, 0.3)
    asleep = np.clip(ASLEEP_MEAN_MIN + ASLEEP_SD_MIN * z, 240, 600).round()
    unrecorded = {int(i) for i in rng.choice(range(1, N_DAYS), UNRECORDED_NIGHTS, replace=False)}
    nights: dict[dt.date, float] = {}
    sleeps: list[list[object]] = []
    cycles: list[tuple[dt.datetime, list[object]]] = []  # (onset, cycle row without its end)
    for i, d in enumerate(days):
        if i in unrecorded:
            continue
        onset = dt.datetime.combine(d - dt.timedelta(days=1), dt.time(22, 50)) + dt.timedelta(
            minutes=float(rng.normal(0, 35)))
        onset = onset.replace(microsecond=0)
        awake = float(rng.integers(25, 75))
        in_bed = asleep[i] + awake
        wake = onset + dt.timedelta(minutes=float(in_bed))
        deep = round(asleep[i] * rng.uniform(0.17, 0.24))
        rem = round(asleep[i] * rng.uniform(0.20, 0.27))
        light = asleep[i] - deep - rem
        need = float(rng.integers(440, 500))
        perf = min(100.0, round(100 * asleep[i] / need))
        nights[d] = float(asleep[i])
        stats: list[object] = [perf, f"{rng.normal(15.5, 0.5):.1f}", int(asleep[i]), int(in_bed), int(light),
                               int(deep), int(rem), int(awake), int(need), int(max(0, need - asleep[i])),
                               round(100 * asleep[i] / in_bed), int(rng.integers(55, 90))]
        tz = _offset(onset)
        sleeps.append([onset.strftime(WHEN), None, tz, onset.strftime(WHEN), wake.strftime(WHEN), *stats, "false"])
        recovery = int(np.clip(round(58 + 14 * z[i] + rng.normal(0, 12)), 1, 99))
        rhr = int(round(rng.normal(54 - 1.2 * z[i], 2.5)))
        hrv = int(round(np.exp(rng.normal(np.log(62) + 0.08 * z[i], 0.18))))
        strain = round(float(rng.uniform(6, 17)), 1)
        cycles.append((onset, [_offset(onset), recovery, rhr, hrv, f"{rng.normal(33.9, 0.3):.2f}",
                               f"{rng.normal(96.2, 0.6):.2f}", strain, int(1700 + 70 * strain),
                               int(rng.integers(140, 185)), int(rng.integers(62, 78)), onset.strftime(WHEN),
                               wake.strftime(WHEN), *stats]))
    # a cycle runs from one sleep onset to the next; the current one has no end
    for k in range(len(sleeps)):
        sleeps[k][1] = sleeps[k + 1][0] if k + 1 < len(sleeps) else ""
    cycle_rows = [[onset.strftime(WHEN), cycles[k + 1][0].strftime(WHEN) if k + 1 < len(cycles) else "", *row]
                  for k, (onset, row) in enumerate(cycles)]
    onsets = [c[0] for c in cycles]

    def cycle_of(at: dt.datetime) -> tuple[str, str]:
        """The start and end of the cycle holding ``at`` (from one sleep onset to the next)."""
        k = max((j for j, o in enumerate(onsets) if o <= at), default=0)
        return onsets[k].strftime(WHEN), onsets[k + 1].strftime(WHEN) if k + 1 < len(onsets) else ""

    # naps: afternoons of some days with a recorded night, inside their cycle
    nap_days = sorted(int(i) for i in rng.choice([i for i in range(N_DAYS - 1) if days[i] in nights], NAPS,
                                                 replace=False))
    for i in nap_days:
        bed = dt.datetime.combine(days[i], dt.time(14, int(rng.integers(0, 50))))
        minutes = int(rng.integers(18, 45))
        sleeps.append([*cycle_of(bed), _offset(bed), bed.strftime(WHEN),
                       (bed + dt.timedelta(minutes=minutes + 4)).strftime(WHEN), "", "", minutes, minutes + 4,
                       minutes, 0, 0, 4, "", "", "", "", "true"])
    # ---- workouts ----
    workout_days = sorted(int(i) for i in rng.choice(N_DAYS, WORKOUTS, replace=False))
    workouts: list[list[object]] = []
    for i in workout_days:
        hour = 7 if rng.random() < 0.4 else 18
        begin = dt.datetime.combine(days[i], dt.time(hour, int(rng.integers(0, 45)), int(rng.integers(0, 60))))
        minutes = int(rng.integers(20, 75))
        activity = str(rng.choice(ACTIVITIES))
        avg = int(rng.integers(105, 160))
        zones = rng.dirichlet(np.ones(5)) * 100
        pct = [int(v) for v in zones[:4]]
        pct.append(100 - sum(pct))
        cycle_start, cycle_end = cycle_of(begin)
        gps = activity in ("Running", "Cycling", "Walking")
        workouts.append([cycle_start, cycle_end, _offset(begin), begin.strftime(WHEN),
                         (begin + dt.timedelta(minutes=minutes)).strftime(WHEN), minutes, activity,
                         round(float(rng.uniform(4, 16)), 1), int(minutes * avg / 14), avg + int(rng.integers(12, 35)),
                         avg, *pct, "true" if gps else "false",
                         f"{minutes * rng.uniform(120, 300):.2f}" if gps else "", "", ""])
    whoop = folder / "whoop"
    whoop.mkdir(exist_ok=True)
    newest_first = sorted(sleeps, key=lambda r: str(r[3]), reverse=True)
    _write(whoop / "sleeps.csv", WHOOP_SLEEP_HEADER, newest_first)
    _write(whoop / "physiological_cycles.csv", WHOOP_CYCLE_HEADER, cycle_rows[::-1])
    _write(whoop / "workouts.csv", WHOOP_WORKOUT_HEADER, workouts[::-1])
    # ---- Loop Habits: tiredness and depression (0-5), meditation minutes ----
    noise = _ar1(rng, N_DAYS, 0.3)
    latent = TIRED_MEAN - TIRED_PER_SD * z + TIRED_NOISE * noise
    tired_all = np.clip(np.round(latent), 0, 5)
    low_mood = np.clip(np.round(1.2 + 1.0 * _ar1(rng, N_DAYS, 0.5)), 0, 5)
    unrated = {int(i) for i in rng.choice(N_DAYS, UNRATED_DAYS, replace=False)}
    meditated = {int(i) for i in rng.choice(N_DAYS, MEDITATION_DAYS, replace=False)}
    tiredness = {d: float(tired_all[i]) for i, d in enumerate(days) if i not in unrated}
    depression = {d: float(low_mood[i]) for i, d in enumerate(days) if i not in unrated}
    meditation = {d: float(rng.choice([5, 10, 10, 15, 20, 30])) for i, d in enumerate(days) if i in meditated}
    loop = folder / "loop"
    loop.mkdir(exist_ok=True)
    _write(loop / "Habits.csv", LOOP_HABITS_HEADER,
           [[f"{k:03d}", name, "NUMERICAL", question, "", 1, 1, "#5E35B1", unit, target, value, "false"]
            for k, (name, question, unit, target, value) in enumerate(HABITS, 1)])
    series = (tiredness, depression, meditation)

    def code(values: dict[dt.date, float], d: dt.date) -> int:
        return int(round(values[d] * 1000)) if d in values else -1  # x1000; -1 = not entered

    with open(loop / "Checkmarks.csv", "w", encoding="utf-8", newline="") as handle:
        handle.write("Date," + ",".join(h[0] for h in HABITS) + ",\n")  # every line ends in a comma
        for d in reversed(days):  # newest first
            handle.write(d.isoformat() + "," + ",".join(str(code(v, d)) for v in series) + ",\n")
    for k, ((name, *_), values) in enumerate(zip(HABITS, series, strict=True), 1):
        sub = loop / f"{k:03d} {name}"
        sub.mkdir(exist_ok=True)
        _write(sub / "Checkmarks.csv", ["Date", "Value", "Notes"],
               [[d.isoformat(), code(values, d), ""] for d in reversed(days) if d in values])
    return YearFiles(start, days[-1], servings_csv, whoop, loop, frozenset(d for i, d in enumerate(days)
                                                                         if i not in no_food),
                     len(serving_rows), unlinkable, energy, nights, NAPS, WORKOUTS, tiredness, depression, meditation)
