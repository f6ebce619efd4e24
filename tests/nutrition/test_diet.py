import re

import pytest

from norepi.journal.journal import Journal
from norepi.nutrition.diet import excluded_by
from norepi.operations.gaps import gap_foods
from norepi.profile import Profile


@pytest.mark.parametrize(
    ("description", "group", "diet"),
    [
        ("Soup, beef broth, bouillon, consomme, prepared with equal volume water", "0600", "vegan"),
        ("Cheese, cheddar", "0100", "vegan"),
        ("Egg, whole, raw, fresh", "0100", "vegan"),
        ("Honey", "1900", "vegan"),
        ("Fish, salmon, Atlantic, farmed, raw", "1500", "vegetarian"),
        ("Crustaceans, shrimp, raw", "1500", "vegetarian"),
        ("Chicken, broilers or fryers, breast, meat only, raw", "0500", "pescatarian"),
        ("Gelatin desserts, dry mix", "1900", "vegetarian"),
        ("Butter, salted", "0100", "vegan"),
        ("Beans, baked, canned, with franks", "1600", "vegan"),
        ("Ice creams, chocolate, rich", "1900", "vegan"),
    ],
)
def test_excluded(description: str, group: str, diet: str) -> None:
    assert excluded_by(description, group, diet) is not None


@pytest.mark.parametrize(
    ("description", "group", "diet"),
    [
        ("Soymilk, original and vanilla, unfortified", "1600", "vegan"),
        ("Peanut butter, smooth style, with salt", "1600", "vegan"),
        ("Eggplant, raw", "1100", "vegan"),
        ("Nuts, coconut meat, raw", "1200", "vegan"),
        ("Cheese, cheddar", "0100", "vegetarian"),
        ("Fish, salmon, Atlantic, farmed, raw", "1500", "pescatarian"),
        ("Butternut squash, raw", "1100", "vegan"),
    ],
)
def test_allowed(description: str, group: str, diet: str) -> None:
    assert excluded_by(description, group, diet) is None


@pytest.mark.parametrize(
    ("description", "group", "allergen"),
    [
        ("Bread, whole-wheat, commercially prepared", "1800", "wheat"),
        ("Rolls, pumpernickel", "1800", "wheat"),
        ("Tofu, raw, firm", "1600", "soy"),
        ("Seeds, sesame butter, tahini", "1200", "sesame"),
        ("Nuts, almonds", "1200", "tree_nuts"),
        ("Peanut butter, smooth style", "1600", "peanuts"),
        ("Crustaceans, crab, blue, raw", "1500", "shellfish"),
        ("Milk, whole, 3.25% milkfat", "0100", "milk"),
        ("Salad dressing, mayonnaise, regular", "0400", "egg"),
    ],
)
def test_allergens(description: str, group: str, allergen: str) -> None:
    assert excluded_by(description, group, "omnivore", [allergen]) is not None
    assert excluded_by("Apples, raw, with skin", "0900", "omnivore", [allergen]) is None


def test_rice_flour_is_not_wheat() -> None:
    assert excluded_by("Rice flour, brown", "2000", "omnivore", ["wheat"]) is None


def test_gap_foods_respect_a_vegan_diet(journal: Journal) -> None:
    vegan = Profile(sex="female", age_years=34, weight_kg=62, height_cm=168, diet="vegan", exclusions=("soy",))
    for key in ("iron_mg", "copper_mg", "phe_tyr_mg", "vitamin_b6_mg"):
        foods = gap_foods(journal, key, vegan, limit=5)
        assert len(foods) == 5
        for f in foods:
            group = journal.food(f.ndb_no).group_code
            assert excluded_by(f.description, group, "vegan", ["soy"]) is None, f.description
            assert group not in {"0100", "0500", "0700", "1000", "1300", "1500", "1700"}
            assert f.per_portion > 0 and f.per_100kcal > 0


def test_gap_foods_are_real_sources(journal: Journal, raw_nut_data) -> None:  # type: ignore[no-untyped-def]
    omni = Profile(sex="female", age_years=34, weight_kg=62, height_cm=168)
    foods = gap_foods(journal, "magnesium_mg", omni, limit=5)
    for f in foods:
        per100 = raw_nut_data[f.ndb_no]["304"]
        assert f.per_portion == pytest.approx(per100 * f.portion_g / 100, rel=1e-3)
        assert f.per_100kcal == pytest.approx(per100 * 100 / raw_nut_data[f.ndb_no]["208"], rel=1e-3)
        assert f.per_portion_pct >= 25  # each suggestion covers a real part of 320 mg in one portion


def test_gap_foods_are_everyday_foods_as_people_eat_them(journal: Journal) -> None:
    """No raw meat or liver, no raw lentils or grains, no jute or goose; and kidney beans are beans, not offal."""
    raw_or_odd = re.compile(r"\b(jute|goose|duck|chrysanthemum|parsley|spleen|tripe)\b")
    vegan = Profile(sex="female", age_years=34, weight_kg=62, height_cm=168, diet="vegan")
    omni = Profile(sex="female", age_years=34, weight_kg=62, height_cm=168)
    seen = set()
    for profile in (vegan, omni):
        for key in ("iron_mg", "copper_mg", "magnesium_mg", "phe_tyr_mg", "folate_dfe_ug", "protein_g"):
            for f in gap_foods(journal, key, profile, limit=5):
                group = journal.food(f.ndb_no).group_code
                text = f.description.lower()
                seen.add(text)
                assert not raw_or_odd.search(text), f.description
                if group in {"0500", "0700", "1000", "1300", "1500", "1600", "1700", "2000"}:
                    assert not re.search(r"\braw\b", text), f.description
    assert any("lentils" in t or "beans" in t or "chickpeas" in t for t in seen)


def test_gap_foods_keep_measured_data_first_and_say_when_a_suggestion_is_estimated(journal: Journal) -> None:
    omni = Profile(sex="female", age_years=34, weight_kg=62, height_cm=168)
    foods = gap_foods(journal, "phe_tyr_mg", omni, limit=60)
    measured = journal.foods.per_100g([f.ndb_no for f in foods], ("508", "509"))
    estimated = [f for f in foods if f.estimated]
    assert estimated, "some everyday foods without measured amino acids should be offered, marked estimated"
    for f in foods:
        assert f.estimated == (len(measured.get(f.ndb_no, {})) < 2), f.description
    assert not foods[0].estimated  # the best suggestion rests on measured values


def test_an_estimated_food_ranks_below_a_measured_one_of_the_same_density() -> None:
    from norepi.nutrition.gap_foods import FoodFacts, rank_gap_foods

    same = dict(group_code="0100", amount_per_100g=900.0, kcal_per_100g=150.0, portion="1 cup", portion_g=240.0,
                survey=True)
    ranked = rank_gap_foods([FoodFacts("A", "Yogurt, plain, estimated", estimated=True, **same),  # type: ignore[arg-type]
                             FoodFacts("B", "Milk, plain, measured", **same)], rda=2000.0)  # type: ignore[arg-type]
    assert [f.ndb_no for f in ranked] == ["B", "A"] and ranked[1].estimated and not ranked[0].estimated
