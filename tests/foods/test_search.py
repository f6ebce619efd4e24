import pytest

from norepi.journal.journal import Journal

PLAIN_MILKS = {"01077", "01211", "01079", "01082", "01085", "01174", "01151"}


def _top(journal: Journal, query: str, n: int = 1) -> list[str]:
    return [h.description for h in journal.search_foods(query, n)]


def test_egg_finds_a_plain_whole_egg_first(journal: Journal) -> None:
    top = journal.search_foods("egg", 5)
    assert top[0].description.startswith("Egg, whole, raw, fresh") or (
        top[0].description.startswith("Egg, whole, cooked")
    )
    assert all("dried" not in h.description for h in top[:3])


def test_milk_finds_plain_fluid_cow_milk_first(journal: Journal) -> None:
    assert journal.search_foods("milk", 1)[0].ndb_no in PLAIN_MILKS


def test_chicken_breast_finds_breast_meat(journal: Journal) -> None:
    for hit in journal.search_foods("chicken breast", 3):
        desc = hit.description.lower()
        assert desc.startswith("chicken") and "breast" in desc and "meat" in desc and "breaded" not in desc


@pytest.mark.parametrize("query", ["breast chicken", "chiken brest", "chicken breasts", "CHICKEN  Breast"])
def test_typos_plurals_case_and_word_order_are_tolerated(journal: Journal, query: str) -> None:
    assert journal.search_foods(query, 1)[0].ndb_no == journal.search_foods("chicken breast", 1)[0].ndb_no


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("banana", "Bananas, raw"),
        ("oats", "Oats"),
        ("broccoli", "Broccoli, raw"),
        ("spinach", "Spinach, raw"),
        ("almonds", "Nuts, almonds"),
        ("lentils", "Lentils, raw"),
        ("brocoli", "Broccoli, raw"),
        ("orange", "Oranges, raw, all commercial varieties"),
        ("chicken breast roasted", "Chicken, broilers or fryers, breast, meat only, cooked, roasted"),
    ],
)
def test_common_foods(journal: Journal, query: str, expected: str) -> None:
    assert _top(journal, query)[0] == expected


def test_nonsense_finds_nothing_good(journal: Journal) -> None:
    hits = journal.search_foods("xqzvw", 5)
    assert hits == [] or hits[0].score < 0.6
