"""The reviewed synonym and default tables, row by row, against the real SR28 and Foundation data."""

from __future__ import annotations

import pytest

from norepi.foods.records import FoodRecord
from norepi.foods.search import FoodIndex
from norepi.foods.synonyms import DEFAULTS, SYNONYMS, defaults_for, key, rewrite
from norepi.foods.text import tokens


@pytest.mark.parametrize(("said", "usda", "note"), SYNONYMS, ids=[s[0] for s in SYNONYMS])
def test_every_synonym_finds_a_food_named_with_usdas_words(said: str, usda: str, note: str,
                                                          index: FoodIndex) -> None:
    assert note
    hit = index.search(said, 1)[0]
    words = set(tokens(hit.description))
    assert set(tokens(usda)) <= words | {"cooked", "potato"} or hit.reason == "usual choice", (said, hit)
    assert hit.complete or hit.reason


@pytest.mark.parametrize("word", sorted(DEFAULTS))
def test_every_default_is_a_real_food_of_its_words(word: str, all_foods: dict[str, FoodRecord]) -> None:
    ids = DEFAULTS[word]
    assert len(ids) == len(set(ids)) and len(ids) <= 3
    for food_id in ids:
        assert food_id in all_foods, (word, food_id)
    first = all_foods[ids[0]]
    # the default's own name carries the word's main noun (or a USDA synonym of it)
    nouns = set(tokens(rewrite(word))) | set(tokens(word))
    desc = set(tokens(first.description + " " + first.common_name))
    assert any(d.startswith(n) for n in nouns for d in desc | {"oat", "cola", "french"}), (word, first.description)


@pytest.mark.parametrize(
    ("word", "must", "must_not"),
    [
        ("milk", {"milk", "whole"}, {"dry", "chocolate"}),
        ("rice", {"rice", "white", "cooked"}, {"raw"}),
        ("coffee", {"coffee", "brewed"}, {"instant"}),
        ("salmon", {"salmon", "cooked"}, {"raw", "canned"}),
        ("oats", {"oat", "dry"}, {"cooked"}),
        ("oatmeal", {"oat", "cooked"}, {"dry"}),
        ("porridge", {"oat", "cooked"}, {"dry"}),
        ("steak", {"beef", "steak", "cooked"}, {"raw"}),
        ("chicken breast", {"chicken", "breast", "cooked"}, {"raw"}),
        ("ground beef", {"beef", "ground", "cooked"}, {"raw"}),
        ("mince", {"beef", "ground", "cooked"}, {"raw"}),
        ("fries", {"potato", "french"}, {"unprepared"}),
        ("yoghurt", {"yogurt", "plain"}, {"frozen"}),
        ("courgette", {"zucchini"}, set()),
        ("aubergine", {"eggplant"}, set()),
        ("rocket", {"arugula"}, set()),
        ("soya milk", {"soymilk"}, {"chocolate"}),
        ("oat milk", {"oat", "milk"}, {"babyfood"}),
        ("latte", {"latte", "milk"}, set()),
        ("chips", {"potato", "chip"}, set()),
        ("coke", {"cola", "regular"}, {"low"}),
    ],
)
def test_the_usual_food_as_usually_eaten(word: str, must: set[str], must_not: set[str], index: FoodIndex,
                                        all_foods: dict[str, FoodRecord]) -> None:
    ids = defaults_for(word, index)
    assert ids, word
    words = set(tokens(all_foods[ids[0]].description))
    assert must <= words and not (must_not & words), all_foods[ids[0]].description


def test_query_keys_ignore_order_case_and_plurals() -> None:
    assert key("Cooked rice") == key("rice, cooked") == key("rices cooked")
    assert rewrite("Courgette and aubergine") == "zucchini and eggplant"
    assert rewrite("rocket salad") == "arugula salad" and rewrite("rockets") == "rockets"


def test_defaults_not_loaded_are_skipped(index: FoodIndex) -> None:
    assert defaults_for("oat milk", {"01077"}) == ()
    assert defaults_for("oat milk", index) == ("fdc:2257046",)
    assert defaults_for("quinoa salad with feta") == ()
