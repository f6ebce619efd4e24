import pytest
from hypothesis import given
from hypothesis import strategies as st

from norepi.errors import AmountError
from norepi.foods.amounts import PortionOption, amount_splits, parse_number, to_grams

EGG = [
    PortionOption(1, "large", 50),
    PortionOption(1, "extra large", 56),
    PortionOption(1, "cup (4.86 large eggs)", 243),
    PortionOption(1, "medium", 44),
    PortionOption(1, "small", 38),
]
MILK = [PortionOption(1, "cup", 244), PortionOption(1, "fl oz", 30.5), PortionOption(1, "quart", 976)]
BROCCOLI = [
    PortionOption(1, "cup chopped", 91),
    PortionOption(1, "bunch", 608),
    PortionOption(0.5, "cup, chopped or diced", 44),
]


@pytest.mark.parametrize(
    ("text", "value"), [("2", 2.0), ("1/2 cup", 0.5), ("1 1/2 cups", 1.5), ("0.25", 0.25), (".5", 0.5)]
)
def test_parse_number(text: str, value: float) -> None:
    parsed = parse_number(text)
    assert parsed is not None and parsed[0] == pytest.approx(value)


@pytest.mark.parametrize(
    ("text", "grams"),
    [
        ("150g", 150.0),
        ("150 g", 150.0),
        ("0.2 kg", 200.0),
        ("5 oz", 5 * 28.349523125),
        ("0.5 lb", 226.796185),
        ("2 large", 100.0),
        ("1 extra large", 56.0),
        ("100", 100.0),  # a bare number is grams
        ("1 medium", 44.0),
    ],
)
def test_egg_amounts(text: str, grams: float) -> None:
    assert to_grams(text, EGG, "egg") == pytest.approx(grams)


def test_volume_uses_a_matching_portion_else_density() -> None:
    assert to_grams("1 cup", MILK) == pytest.approx(244.0)
    assert to_grams("2 cups", MILK) == pytest.approx(488.0)
    assert to_grams("250 ml", MILK) == pytest.approx(250 * 244 / 236.5882365)
    assert to_grams("1 tbsp", MILK) == pytest.approx(244 / 16)


def test_household_portion_with_description() -> None:
    assert to_grams("1 cup, chopped or diced", BROCCOLI) == pytest.approx(88.0)
    assert to_grams("1 bunch", BROCCOLI) == pytest.approx(608.0)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("-2 large", "negative"),
        ("0 g", "not a positive amount"),
        ("12 kg", "more than 5,000 g"),
        ("2 bunches", "unknown unit or portion 'bunches'"),
        ("3", "a number alone after a food means grams"),
        ("1/0 cup", "divides by zero"),
        ("0.05 g", "the smallest amount logged is 0.1 g"),
        ("", "no amount"),
        ("3 furlongs", "unknown unit"),
    ],
)
def test_bad_amounts(text: str, message: str) -> None:
    with pytest.raises(AmountError, match=message):
        to_grams(text, EGG, "egg")


def test_volume_without_density_is_refused() -> None:
    with pytest.raises(AmountError, match="no volume measure"):
        to_grams("1 cup", [PortionOption(1, "large", 50)])


def test_splits_try_most_specific_first() -> None:
    assert amount_splits("2 large eggs")[0] == ("2 large", "eggs")
    assert ("150", "g chicken breast") in amount_splits("150g chicken breast")


@given(st.floats(min_value=0.1, max_value=40), st.sampled_from(["large", "g", "oz", "medium"]))
def test_grams_scale_linearly_with_the_number(n: float, unit: str) -> None:
    one = to_grams(f"1 {unit}", EGG)
    assert to_grams(f"{n!r} {unit}", EGG) == pytest.approx(n * one, rel=1e-9)
