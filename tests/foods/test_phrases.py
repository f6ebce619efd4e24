"""Every phrase form of issue 14, with its exact grams from the real SR28 portions (WEIGHT.txt read test-side)."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from norepi.errors import AmountError, NorepiError
from norepi.foods.phrases import UnitKind, parse_phrase
from norepi.foods.records import FoodRecord
from norepi.foods.search import FoodIndex
from norepi.foods.understand import understand
from norepi.units import CONTAINERS, GRAMS_PER_OZ, ML_PER_CUP

SR28 = Path(__file__).resolve().parents[3] / "shared" / "data" / "usda-sr28"


def _weights() -> dict[str, dict[str, float]]:
    """WEIGHT.txt read straight from the file: {ndb: {"amount description": grams}}."""
    out: dict[str, dict[str, float]] = defaultdict(dict)
    with open(SR28 / "WEIGHT.txt", encoding="latin-1", newline="") as handle:
        for line in handle:
            f = [x.strip("~") for x in line.rstrip("\r\n").split("^")]
            out[f[0]].setdefault(f"{float(f[2]):g} {f[3]}", float(f[4]))
    return out


W = _weights()


def w(ndb: str, portion: str) -> float:
    return W[ndb][portion]


# (phrase, food id, grams, what the reply says was understood)
PHRASES = [
    ("1 cup milk", "01077", w("01077", "1 cup"), "1 cup"),
    ("1 cup of milk", "01077", w("01077", "1 cup"), "1 cup"),
    ("milk 1 cup", "01077", w("01077", "1 cup"), "1 cup"),
    ("2 cups milk", "01077", 2 * w("01077", "1 cup"), "2 cup"),
    ("1 1/2 cups of milk", "01077", 1.5 * w("01077", "1 cup"), "1 1/2 cup"),
    ("1-1/2 cups milk", "01077", 1.5 * w("01077", "1 cup"), "1 1/2 cup"),
    ("½ cup milk", "01077", 0.5 * w("01077", "1 cup"), "1/2 cup"),
    ("half a cup of milk", "01077", 0.5 * w("01077", "1 cup"), "1/2 cup"),
    ("one and a half cups milk", "01077", 1.5 * w("01077", "1 cup"), "1 1/2 cup"),
    ("3 tbsp milk", "01077", 3 * w("01077", "1 tbsp"), "3 tbsp"),
    ("2 tablespoons milk", "01077", 2 * w("01077", "1 tbsp"), "2 tbsp"),
    ("1 fl oz milk", "01077", w("01077", "1 fl oz"), "1 fl oz"),
    ("1 quart milk", "01077", w("01077", "1 quart"), "1 quart"),
    ("250 ml milk", "01077", 250 * w("01077", "1 cup") / ML_PER_CUP, "250 ml"),
    ("0.5 l milk", "01077", 500 * w("01077", "1 cup") / ML_PER_CUP, "0.5 l"),
    ("a glass of milk", "01077", CONTAINERS["glass"].ml * w("01077", "1 cup") / ML_PER_CUP, "1 glass"),
    ("a pint of milk", "01077", 2 * ML_PER_CUP * w("01077", "1 cup") / ML_PER_CUP, "1 pint"),
    ("a banana", "09040", w("09040", "1 medium (7\" to 7-7/8\" long)"), None),
    ("1 large banana", "09040", w("09040", "1 large (8\" to 8-7/8\" long)"), "1 large"),
    ("an apple", "09003", w("09003", "1 medium (3\" dia)"), None),
    ("two eggs", "01123", 2 * w("01123", "1 medium"), None),
    ("2 large eggs", "01123", 2 * w("01123", "1 large"), "2 large"),
    ("a couple of eggs", "01123", 2 * w("01123", "1 medium"), None),
    ("a dozen eggs", "01123", 12 * w("01123", "1 medium"), None),
    ("2 x eggs", "01123", 2 * w("01123", "1 medium"), None),
    ("half an avocado", "09037", 0.5 * w("09037", "1 avocado, NS as to Florida or California"), None),
    ("a glass of orange juice", "09209", CONTAINERS["glass"].ml * w("09209", "1 cup") / ML_PER_CUP, "1 glass"),
    ("chicken breast 150g", "05064", 150.0, "150 g"),
    ("chicken breast, 150 g", "05064", 150.0, "150 g"),
    ("150 grams chicken breast", "05064", 150.0, "150 g"),
    ("5 oz chicken breast", "05064", 5 * GRAMS_PER_OZ, "5 oz"),
    ("0.2 kg chicken breast", "05064", 200.0, "0.2 kg"),
    ("1 lb chicken breast", "05064", 453.59237, "1 lb"),
    ("100gr tofu", "16427", 100.0, "100 g"),
    ("100 grs tofu", "16427", 100.0, "100 g"),
    ("1 cup of oatmeal", "08121", w("08121", "1 cup"), "1 cup"),
    ("a bowl of porridge", "08121", w("08121", "1 cup"), "1 bowl"),
    ("1/2 cup oats", "08120", 0.5 * w("08120", "1 cup"), "1/2 cup"),
    ("2 slices white bread", "18069", 2 * w("18069", "1 slice"), "2 slice"),
    ("a slice of bread", "18069", w("18069", "1 slice"), "1 slice"),
    ("01123 100", "01123", 100.0, "100 g"),
    ("01123 2 large", "01123", 2 * w("01123", "1 large"), "2 large"),
    ("1 can of coke", "14148", w("14148", "1 can or bottle (12 fl oz)"), "1 can"),
    ("2 cans coke", "14148", 2 * w("14148", "1 can or bottle (12 fl oz)"), "2 can"),
    ("a can of beer", "14003", w("14003", "1 can"), "1 can"),
    ("1 bottle of beer", "14003", CONTAINERS["bottle"].ml * w("14003", "1 fl oz") / (ML_PER_CUP / 8), "1 bottle"),
    ("1 cup soy milk", "16139", w("16139", "1 cup"), "1 cup"),
    ("1 kiwi", "09148", w("09148", "1 fruit (2\" dia)"), None),
    ("1 scoop whey protein", "14066", CONTAINERS["scoop"].grams, "1 scoop"),
    ("a handful of almonds", "12061", CONTAINERS["handful"].grams, "1 handful"),
    ("2 handfuls almonds", "12061", 2 * CONTAINERS["handful"].grams, "2 handful"),
    ("10 almonds", "12061", 10 * w("12061", "1 almond"), None),
    ("2 tbsp peanut butter", "16098", w("16098", "2 tbsp"), "2 tbsp"),
    ("1 cup rice", "20045", w("20045", "1 cup"), "1 cup"),
    ("a mug of coffee", "14209", CONTAINERS["mug"].ml * w("14209", "1 fl oz") / (ML_PER_CUP / 8), "1 mug"),
    ("2 pieces of chicken breast", None, None, None),  # no "piece" portion: refused with its portions
]


@pytest.mark.parametrize(("phrase", "food_id", "grams", "label"), PHRASES, ids=[p[0] for p in PHRASES])
def test_phrase_logs_exact_grams(phrase: str, food_id: str | None, grams: float | None, label: str | None,
                                 index: FoodIndex, all_foods: dict[str, FoodRecord]) -> None:
    if food_id is None:
        with pytest.raises(AmountError, match="unknown unit or portion 'piece'.*one of its portions"):
            understand(phrase, index, all_foods.get)
        return
    got = understand(phrase, index, all_foods.get)
    assert got.food.food_id == food_id, got.food.description
    assert got.grams == pytest.approx(grams, rel=1e-9)
    if label is not None:
        assert got.label == label
    assert got.message.startswith(f"Logged {round(got.grams) if got.grams >= 10 else ''}")
    assert got.food.description in got.message


def test_reply_says_what_was_understood(index: FoodIndex, all_foods: dict[str, FoodRecord]) -> None:
    got = understand("1 cup milk", index, all_foods.get)
    assert got.message == "Logged 244 g Milk, whole, 3.25% milkfat, with added vitamin D (1 cup)"
    assert "244" in got.basis and got.reason == "usual choice" and len(got.alternatives) == 2
    banana = understand("a banana", index, all_foods.get)
    assert banana.label.startswith("1 medium") and "118" in banana.message
    bare = understand("01123 100", index, all_foods.get)
    assert "bare number" in bare.basis


@pytest.mark.parametrize(
    ("phrase", "message"),
    [
        ("1/0 cup milk", "1/0 divides by zero"),
        ("-5 g rice", "-5 is negative"),
        ("milk -5 g", "-5 is negative"),
        ("0.05 g salt", "the smallest amount logged is 0.1 g"),
        ("12 kg rice", "more than 5,000 g"),
        ("banana 1", "a number alone after a food means grams"),
        ("01123 3", "a number alone after a food means grams"),
        ("1 cup", "1 cup of what"),
        ("milk", "has no amount"),
        ("", "nothing to log"),
        ("2 furlongs milk", "no food matches 'furlongs milk'"),
    ],
)
def test_bad_phrases_get_one_line(phrase: str, message: str, index: FoodIndex,
                                  all_foods: dict[str, FoodRecord]) -> None:
    with pytest.raises(NorepiError, match=message) as info:
        understand(phrase, index, all_foods.get)
    assert "\n" not in str(info.value)


def test_bare_number_before_the_food_counts_and_after_it_weighs() -> None:
    assert parse_phrase("2 eggs").amount.kind is UnitKind.COUNT
    after = parse_phrase("eggs 120").amount
    assert after.kind is UnitKind.MASS and after.quantity == 120 and after.bare


@pytest.mark.parametrize("unit", ["g", "gr", "grs", "gram", "grams", "gramme", "kg", "kgs", "kilo", "oz", "ozs",
                                  "ounce", "ounces", "lb", "lbs", "pound", "pounds", "ml", "mls", "l", "litre",
                                  "liter", "liters", "cup", "cups", "tbsp", "tbs", "tablespoon", "tablespoons",
                                  "tsp", "tsps", "teaspoon", "teaspoons", "slice", "slices", "piece", "pieces",
                                  "can", "cans", "bottle", "bottles", "glass", "glasses", "bowl", "bowls",
                                  "scoop", "scoops", "handful", "handfuls", "pint", "pints", "fl oz"])
def test_every_unit_spelling_is_a_unit(unit: str) -> None:
    phrase = parse_phrase(f"2 {unit} rice")
    assert phrase.food == "rice" and phrase.amount.kind is not UnitKind.COUNT
    glued = parse_phrase(f"2{unit.replace(' ', '')} rice") if " " not in unit else phrase
    assert glued.amount.unit == phrase.amount.unit


@given(st.lists(st.sampled_from([*"0123456789 /.-,½abcglmoxz", "cup", " of ", "tbsp", "a ", "half ", "1/0"]),
                max_size=12).map("".join))
def test_any_text_parses_or_gets_one_line(text: str) -> None:
    try:
        phrase = parse_phrase(text)
    except AmountError as exc:
        assert "\n" not in str(exc)
    else:
        assert phrase.food and phrase.amount.quantity > 0
