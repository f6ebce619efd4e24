"""Raw/cooked pairs of SR28: the form a food is eaten in, the form it is bought in, and the yield between them,
checked against the cooking yields USDA measured (SR28's own portions "package (10 oz) yields", "yield from 1 lb
raw meat, boneless", "cup, dry, yields")."""

from __future__ import annotations

import math
import re
import statistics

import pytest

from norepi.planning.forms import core, needs_cooking, state

# USDA portions of a cooked food that give the raw weight it came from, without refuse (bone, skin, pits).
RAW_GRAMS_OF_YIELD = (
    (re.compile(r"package \((\d+(?:\.\d+)?) oz\),? yields"), lambda m: float(m.group(1)) * 28.349523125),
    (re.compile(r"yield from 1 lb raw meat, boneless|yield from 1 lb raw meat\)|unit, yield from 1 lb raw\b"),
     lambda m: 453.59237),
    (re.compile(r"yield from (\d+(?:\.\d+)?) ?g raw meat"), lambda m: float(m.group(1))),
    (re.compile(r"^oz, dry, yields$"), lambda m: 28.349523125),
)


def test_core_leaves_out_state_and_cooking_method() -> None:
    assert core("Lentils, mature seeds, cooked, boiled, without salt") == core("Lentils, raw") == ("lentils",)
    assert core("Egg, whole, cooked, hard-boiled") == core("Egg, whole, raw, fresh") == ("egg", "whole")
    assert core("Pasta, cooked, enriched, without added salt") == core("Pasta, dry, enriched")
    assert state("Fish, salmon, Atlantic, farmed, cooked, dry heat") == "cooked"
    assert state("Rice, white, long-grain, regular, raw, enriched") == "raw"
    assert state("Beans, navy, mature seeds, canned") == "as is"


@pytest.mark.parametrize(("raw", "eaten"), [
    ("01123", "01129"),  # Egg, whole, raw, fresh -> hard-boiled (boiled first: no fat added)
    ("20038", "08121"),  # Oats (groats) -> Cereals, oats, regular and quick, cooked with water
    ("16069", "16070"),  # Lentils, raw -> Lentils, mature seeds, cooked, boiled, without salt
    ("20036", "20037"),  # Rice, brown, long-grain, raw -> cooked
    ("16014", "16015"),  # Beans, black, mature seeds, raw -> cooked, boiled, without salt
])
def test_raw_foods_are_eaten_cooked(pool, by_id, raw: str, eaten: str) -> None:
    food = by_id[raw]
    assert needs_cooking(food)
    cooked = pool.forms.eaten_form(food)
    assert cooked is not None and cooked.food_id == eaten, (food.description, cooked and cooked.description)
    assert state(cooked.description) == "cooked" and not needs_cooking(cooked)


@pytest.mark.parametrize("food_id", ["09003", "11090", "01211", "12061", "08120", "16126"])
def test_foods_eaten_as_they_are_need_no_cooking(by_id, food_id: str) -> None:
    """Raw apples and broccoli, milk, almonds, rolled oats (muesli) and tofu are eaten as they are."""
    assert not needs_cooking(by_id[food_id]), by_id[food_id].description


@pytest.mark.parametrize(("cooked", "bought", "low", "high"), [
    ("16070", "16069", 2.4, 3.0),  # lentils: about 2.5-2.9 g cooked per g dry
    ("20121", "20120", 2.0, 2.6),  # pasta, enriched: cooked vs dry
    ("01129", "01123", 0.95, 1.05),  # a hard-boiled egg weighs what the raw one did
])
def test_cooked_foods_are_bought_raw_or_dry(pool, by_id, cooked: str, bought: str, low: float, high: float) -> None:
    form = pool.forms.purchase_form(by_id[cooked])
    assert form.food.food_id == bought, form.food.description
    assert low <= form.yield_factor <= high
    assert "protein" in form.source and bought in form.source


def test_canned_and_ready_to_eat_foods_are_bought_as_planned(pool, by_id) -> None:
    for food_id in ("16039", "09040", "18075"):  # canned navy beans, a raw banana, whole-wheat bread
        form = pool.forms.purchase_form(by_id[food_id])
        assert form.food.food_id == food_id and form.yield_factor == 1.0


def test_protein_ratio_yields_agree_with_the_yields_usda_measured(pool, catalogue) -> None:
    ratios = []
    for food in catalogue:
        for p in food.portions:
            for pattern, raw_grams in RAW_GRAMS_OF_YIELD:
                m = pattern.search(p.description.lower())
                if m and p.amount == 1.0:
                    form = pool.forms.purchase_form(food)
                    if form.food is not food:
                        ratios.append(form.yield_factor / (p.grams / raw_grams(m)))
    assert len(ratios) >= 100
    median = statistics.median(ratios)
    within_20 = sum(abs(math.log(r)) <= math.log(1.2) for r in ratios) / len(ratios)
    assert 0.95 <= median <= 1.05, median
    assert within_20 >= 0.85, within_20
