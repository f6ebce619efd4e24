import datetime as dt

import pytest

from norepi.days import summarize, summarize_day
from norepi.errors import AmountError, DataMissing, NotFound
from norepi.journal.journal import Journal
from norepi.journal.sample import SAMPLE_DAYS, load_sample, sample_rows
from norepi.profile import Profile

DAY = dt.date(2026, 11, 20)


def test_log_phrase_and_ndb_forms(journal: Journal) -> None:
    eggs = journal.log_food("2 large eggs", None, DAY, dt.time(8, 0))
    assert (eggs.ndb_no, eggs.grams, eggs.portion_text) == ("01123", 100.0, "2 large")  # the amount as read
    by_number = journal.log_food("01123", "150g", DAY)
    assert by_number.grams == 150.0
    assert journal.log_food("1123", "1 jumbo", DAY).grams == 63.0
    logged = journal.entries(DAY)
    assert sorted(e.grams for e in logged) == [63.0, 100.0, 150.0]
    assert next(e for e in logged if e.id == eggs.id).time == dt.time(8, 0)


def test_unknown_foods_and_the_usual_food_for_a_common_word(journal: Journal) -> None:
    with pytest.raises(NotFound, match="no food with id '99999'"):
        journal.log_food("99999", "100 g", DAY)
    with pytest.raises(NotFound, match="no food matches 'zzzqqq'"):
        journal.log_food("zzzqqq", "100 g", DAY)
    assert journal.entries(DAY) == []
    item = journal.food_log.understand("1 cup milk", None, DAY)  # the usual food, not "ambiguous"
    assert item.food.description.startswith("Milk, whole") and round(item.grams) == 244
    assert len(item.alternatives) == 2 and item.message.startswith("Logged 244 g Milk, whole")
    other = item.alternatives[0].food_id
    journal.food_log.choose("milk", other)  # what the person picked before wins next time
    assert journal.food_log.understand("1 cup milk", None, DAY).food.food_id == other


def test_bad_amounts_store_nothing(journal: Journal) -> None:
    for amount in ("-3 large", "2 buckets", "9 kg", "1/0 cup", "0.0001 g"):
        with pytest.raises(AmountError):
            journal.log_food("01123", amount, DAY)
    assert journal.entries(DAY) == []


def test_log_many_is_all_or_nothing(journal: Journal) -> None:
    items = [("01123", "1 large", DAY, None), ("09040", "1 medium", DAY, None), ("01123", "2 buckets", DAY, None)]
    with pytest.raises(AmountError, match="buckets"):
        journal.log_many(items)
    assert journal.entries(DAY) == []
    assert len(journal.log_many(items[:2])) == 2


def test_profile_history_is_kept(journal: Journal) -> None:
    with pytest.raises(DataMissing, match="no profile yet"):
        journal.profile()
    journal.set_profile(Profile(sex="female", age_years=34, weight_kg=64, height_cm=168), dt.date(2026, 1, 1))
    journal.set_profile(Profile(sex="female", age_years=34, weight_kg=61, height_cm=168), dt.date(2026, 6, 1))
    assert journal.profile(dt.date(2026, 3, 1)).weight_kg == 64
    assert journal.profile(dt.date(2026, 7, 1)).weight_kg == 61
    assert journal.profile(dt.date(2025, 7, 1)).weight_kg == 64
    assert len(journal.profile_history()) == 2
    assert journal.targets(dt.date(2026, 7, 1))["phe_tyr_mg"].rda == pytest.approx(33 * 61, abs=0.5)


def test_delete_entry(journal: Journal) -> None:
    entry = journal.log_food("01123", "1 large", DAY)
    journal.delete_entry(entry.id)
    assert journal.entries(DAY) == []
    with pytest.raises(NotFound):
        journal.delete_entry(entry.id)


def test_sample_journal_loads_two_weeks_and_reloads_cleanly(journal: Journal) -> None:
    end = dt.date(2026, 11, 25)
    first = load_sample(journal, end)
    assert len(first) == len(sample_rows())
    start = end - dt.timedelta(days=SAMPLE_DAYS - 1)
    assert {e.date for e in journal.entries(start, end)} == {start + dt.timedelta(days=i) for i in range(SAMPLE_DAYS)}
    load_sample(journal, end)
    assert len(journal.entries(start, end)) == len(first)
    days = summarize(journal, start, end)
    assert all(d.food is not None for d in days)
    energy = [d.food.totals["energy_kcal"] for d in days if d.food]
    assert 1100 < min(energy) and max(energy) < 3000
    assert any(d.food.shortfalls for d in days if d.food)


def test_sample_lifestyle_loads_once_and_shows_in_the_day(journal: Journal) -> None:
    from norepi.journal.sample import sample_lifestyle_rows

    end = dt.date(2026, 11, 25)
    start = end - dt.timedelta(days=SAMPLE_DAYS - 1)
    for _ in range(2):  # a reload replaces, never duplicates
        load_sample(journal, end)
    rows = sample_lifestyle_rows()
    assert len(journal.lifestyle.sessions(start, end)) == sum(r["kind"] == "exercise" for r in rows)
    assert len(journal.lifestyle.sleep_periods(start, end)) == sum(r["kind"] == "sleep" for r in rows)
    last = summarize_day(journal, end)
    assert last.sleep and last.rating("focus") is not None
    assert last.stress is not None and last.stress.pss10 is not None and last.stress.pss10.total == 23
