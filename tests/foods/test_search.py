"""Search over SR28 + Foundation + the Open Food Facts sample, read with the pure readers (no Journal)."""

from __future__ import annotations

import pytest

from norepi.foods.records import DataType, FoodRecord, NutrientAmount
from norepi.foods.search import FoodIndex, FoodKind
from norepi.foods.synonyms import defaults_for, key

PLAIN_MILKS = {"01077", "01211", "01079", "01082", "01085", "01174", "01151"}


def _top(index: FoodIndex, query: str, n: int = 1) -> list[str]:
    return [h.description for h in index.search(query, n)]


def test_egg_finds_a_plain_whole_egg_first(index: FoodIndex) -> None:
    top = index.search("egg", 5)
    assert top[0].description == "Egg, whole, raw, fresh"
    assert all("dried" not in h.description for h in top[:3])


def test_milk_finds_plain_fluid_cow_milk_first(index: FoodIndex) -> None:
    assert index.search("milk", 1)[0].food_id in PLAIN_MILKS


def test_chicken_breast_finds_breast_meat(index: FoodIndex) -> None:
    for hit in index.search("chicken breast", 3):
        desc = hit.description.lower()
        assert desc.startswith("chicken") and "breast" in desc and "meat" in desc and "breaded" not in desc


@pytest.mark.parametrize("query", ["breast chicken", "chiken brest", "chicken breasts", "CHICKEN  Breast"])
def test_typos_plurals_case_and_word_order_are_tolerated(index: FoodIndex, query: str) -> None:
    top = {h.food_id for h in index.search("chicken breast", 3)}
    assert index.search(query, 1)[0].food_id in top


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("banana", "Bananas, raw"),
        ("bananas", "Bananas, raw"),
        ("broccoli", "Broccoli, raw"),
        ("brocoli", "Broccoli, raw"),
        ("spinach", "Spinach, raw"),
        ("almonds", "Nuts, almonds"),
        ("lentils", "Lentils, raw"),
        ("orange", "Oranges, raw, all commercial varieties"),
        ("chicken breast roasted", "Chicken, broilers or fryers, breast, meat only, cooked, roasted"),
    ],
)
def test_common_foods(index: FoodIndex, query: str, expected: str) -> None:
    assert _top(index, query)[0] == expected


# every search defect listed in issue 14, with the food a person means
DEFECTS = [
    ("oat milk", "Oat milk"),
    ("porridge", "Cereals, oats, regular and quick, unenriched, cooked with water"),
    ("latte", "Latte"),
    ("coke", "Beverages, carbonated, cola, regular"),
    ("fries", "Potatoes, french fried"),
    ("beer", "Alcoholic beverage, beer, regular"),
    ("steak", "Beef, top sirloin, steak"),
    ("salmon fillet", "Fish, salmon, Atlantic, farmed, cooked"),
    ("salmon", "Fish, salmon, Atlantic, farmed, cooked"),
    ("cooked rice", "Rice, white, long-grain, regular, enriched, cooked"),
    ("rice", "Rice, white, long-grain, regular, enriched, cooked"),
    ("oatmeal", "Cereals, oats, regular and quick, unenriched, cooked with water"),
    ("oats", "Cereals, oats, regular and quick, not fortified, dry"),
    ("kiwi", "Kiwifruit, green, raw"),
    ("soy milk", "Soymilk"),
    ("coffee", "Beverages, coffee, brewed, prepared with tap water"),
    ("whey protein", "Beverages, Protein powder whey based"),
    ("white bread", "Bread, white"),
    ("greek yogurt", "Yogurt, Greek, plain"),
    ("peanut butter", "Peanut butter, smooth style"),
    ("ground beef", "Beef, ground, 85% lean"),
    ("butter", "Butter, salted"),
    ("cottage cheese", "Cheese, cottage, creamed"),
    ("bread", "Bread, white"),
]


@pytest.mark.parametrize(("query", "expected"), DEFECTS, ids=[d[0] for d in DEFECTS])
def test_issue_defects_find_what_people_mean(index: FoodIndex, query: str, expected: str) -> None:
    hits = index.search(query, 3)
    assert hits[0].description.startswith(expected), hits[0].description
    assert hits[0].reason == "usual choice"
    alternatives = len(defaults_for(query, index)) - 1
    assert [h.reason for h in hits[1 : 1 + alternatives]] == ["alternative"] * alternatives


def test_nonsense_finds_nothing_good(index: FoodIndex) -> None:
    hits = index.search("xqzvw", 5)
    assert hits == [] or hits[0].score < 0.6


def test_a_food_picked_before_wins_next_time(index: FoodIndex) -> None:
    assert index.search("milk", 1)[0].food_id == "01077"
    hits = index.search("milk", 3, chosen={key("milk"): "01085"})
    assert hits[0].food_id == "01085" and hits[0].reason == "your earlier choice"
    # the choice is per query: other words are not pinned to it
    assert index.search("milk chocolate", 1, chosen={key("milk"): "01085"})[0].food_id != "01085"
    # "Milk" and "milk," are the same words
    assert index.search("Milk,", 1, chosen={key("milk"): "01085"})[0].food_id == "01085"


def test_own_foods_and_recipes_come_first() -> None:
    generic = FoodRecord("05064", DataType.SR28, "SR28", "05064",
                         "Chicken, broilers or fryers, breast, meat only, cooked, roasted",
                         {"203": NutrientAmount(31.0, "g")})
    mine = FoodRecord("recipe:chicken-curry", DataType.RECIPE, "", "chicken curry", "Chicken curry",
                      {"203": NutrientAmount(12.0, "g")})
    index = FoodIndex.build([generic.searchable(), mine.searchable()])
    hits = index.search("chicken", 2)
    assert hits[0].food_id == "recipe:chicken-curry" and hits[0].kind is FoodKind.RECIPE
    assert hits[0].reason == "your food"
    assert index.search("chicken breast roasted", 1)[0].food_id == "05064"  # not every word: no pin


def test_generic_first_unless_the_brand_is_named(index: FoodIndex, all_foods: dict[str, FoodRecord]) -> None:
    bread = index.search("white bread", 5)
    assert all(h.kind is not FoodKind.BRANDED for h in bread[:3])
    product = all_foods["off:0000236555909"]
    assert product.brand == "Wise Woodworks"
    named = index.search("wise woodworks white bread", 3)
    assert named[0].food_id == "off:0000236555909"


def test_sr_and_foundation_copies_of_one_food_are_listed_once(index: FoodIndex) -> None:
    hits = index.search("milk whole 3.25% vitamin d", 10)
    descriptions = [h.description for h in hits]
    assert descriptions.count("Milk, whole, 3.25% milkfat, with added vitamin D") == 1
