"""Day totals checked against an independent computation from the raw USDA files."""

import datetime as dt

import pytest

from norepi.days import summarize_day
from norepi.journal.journal import Journal
from norepi.profile import Profile

DAY = dt.date(2026, 11, 20)
# (food, amount) pairs over several groups, units and portion kinds
LOG = [
    ("01123", "2 large"),
    ("01079", "1 cup"),
    ("09040", "1 medium"),
    ("11090", "1 cup chopped"),
    ("05064", "150g"),
    ("20038", "40 g"),
    ("12061", "1 oz (23 whole kernels)"),
    ("15237", "3 oz"),
    ("18075", "2 slice"),
    ("16070", "1 cup"),
    ("11457", "2 cup"),
    ("09200", "1 fruit"),
]
KEY_NUTR = {
    "energy_kcal": ("208", 1),
    "protein_g": ("203", 1),
    "vitamin_c_mg": ("401", 1),
    "copper_mg": ("312", 1),
    "vitamin_b6_mg": ("415", 1),
    "magnesium_mg": ("304", 1),
    "iron_mg": ("303", 1),
    "phenylalanine_mg": ("508", 1000),
    "tyrosine_mg": ("509", 1000),
}


@pytest.fixture
def logged(journal: Journal) -> Journal:
    journal.set_profile(Profile(sex="female", age_years=34, weight_kg=62, height_cm=168), DAY)
    for food, amount in LOG:
        journal.log_food(food, amount, DAY)
    return journal


def test_totals_equal_raw_usda_values_times_grams(logged: Journal, raw_nut_data, raw_weights) -> None:  # type: ignore[no-untyped-def]
    grams = {}
    for food, amount in LOG:
        number, _, unit = amount.partition(" ")
        if amount.endswith("g") and amount[:-1].strip().replace(".", "").isdigit():
            grams[food] = grams.get(food, 0) + float(amount[:-1])
            continue
        if unit in ("g", "oz"):  # mass units are exact: 1 oz = 28.349523125 g
            grams[food] = grams.get(food, 0) + float(number) * (1.0 if unit == "g" else 28.349523125)
            continue
        amt, _, gm = next(w for w in raw_weights[food] if w[1] == unit or w[1].startswith(unit))
        grams[food] = grams.get(food, 0) + float(number) / amt * gm
    summary = summarize_day(logged, DAY).food
    assert summary is not None
    for key, (nutr, factor) in KEY_NUTR.items():
        expected = sum(raw_nut_data[f].get(nutr, 0.0) * g / 100 * factor for f, g in grams.items())
        measured = summary.totals[key] - summary.estimated.get(key, 0.0)  # estimates are counted apart
        assert measured == pytest.approx(expected, rel=1e-4, abs=0.01), key
    dfe = sum(
        (raw_nut_data[f]["435"] if "435" in raw_nut_data[f] else raw_nut_data[f]["432"] + 1.7 * raw_nut_data[f]["431"])
        * g
        / 100
        for f, g in grams.items()
    )
    assert summary.totals["folate_dfe_ug"] == pytest.approx(dfe, rel=1e-4)
    assert summary.totals["phe_tyr_mg"] == pytest.approx(
        summary.totals["phenylalanine_mg"] + summary.totals["tyrosine_mg"], abs=0.02
    )


def test_foods_lacking_amino_acids_are_estimated_and_said_so(logged: Journal, raw_nut_data) -> None:  # type: ignore[no-untyped-def]
    summary = summarize_day(logged, DAY).food
    assert summary is not None
    lacking = {f for f, _ in LOG if "508" not in raw_nut_data[f]}
    assert lacking, "the log should include a food without amino-acid data"
    bread = next(i for i in summary.items if i.food_id == "18075")
    assert "phenylalanine_mg" in bread.estimated and bread.amounts["phenylalanine_mg"] > 0
    assert summary.estimated["phenylalanine_mg"] >= bread.amounts["phenylalanine_mg"] > 0
    # what has no estimate either stays unknown: its total is a lower bound
    assert all(set(i.missing) <= set(summary.lower_bound) for i in summary.incomplete)


def test_coverage_and_shortfalls(logged: Journal) -> None:
    day = summarize_day(logged, DAY)
    s = day.food
    assert s is not None
    for key, pct in s.coverage_pct.items():
        assert pct == pytest.approx(100 * s.totals[key] / day.targets[key].rda, rel=0.01, abs=0.06)
    assert list(s.shortfalls) == sorted(s.shortfalls, key=lambda k: s.coverage_pct[k] or 0.0)
    assert all(s.coverage_pct[k] < 100 for k in s.shortfalls)


def test_upper_limit_exceeded_is_reported(journal: Journal) -> None:
    journal.set_profile(Profile(sex="female", age_years=34, weight_kg=62, height_cm=168), DAY)
    journal.log_food("13326", "150 g", DAY)  # beef liver: ~14 mg copper per 100 g
    day = summarize_day(journal, DAY)
    assert day.food is not None
    assert [o.key for o in day.food.over_ul] == ["copper_mg"]
    assert day.food.over_ul[0].amount > day.targets["copper_mg"].ul


def test_magnesium_ul_is_not_applied_to_food(journal: Journal) -> None:
    journal.set_profile(Profile(sex="female", age_years=34, weight_kg=62, height_cm=168), DAY)
    journal.log_food("12014", "150 g", DAY)  # pumpkin seeds: ~550 mg magnesium per 100 g
    day = summarize_day(journal, DAY)
    assert day.food is not None
    assert day.food.totals["magnesium_mg"] > 350 and not any(o.key == "magnesium_mg" for o in day.food.over_ul)
    assert "supplements" in day.targets["magnesium_mg"].note


def test_a_day_without_food_is_unknown_not_zero(journal: Journal) -> None:
    journal.set_profile(Profile(sex="male", age_years=40, weight_kg=80, height_cm=180), DAY)
    day = summarize_day(journal, DAY)
    assert day.food is None and not day.food_logged
    assert day.targets["protein_g"].rda > 0  # the targets are known all the same
