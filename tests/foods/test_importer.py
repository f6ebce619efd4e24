import gzip
import shutil
from pathlib import Path

import pytest
from sqlalchemy import func, select

from norepi.errors import ImportFormatError
from norepi.foods.tables import Food, FoodNutrient, FoodRelease, Portion
from norepi.journal.journal import Journal

SR = ("sr28", "sr_legacy_food")


def _counts(j: Journal) -> tuple[int, int, int, int]:
    """Foods, nutrient values, portions and releases of USDA SR (other sources, e.g. the composite drinks added
    beside it, are not counted)."""
    sr_foods = select(Food.ndb_no).where(Food.data_type.in_(SR))
    with j.database.db.transaction() as s:
        return (
            s.scalar(select(func.count()).select_from(Food).where(Food.data_type.in_(SR))),
            s.scalar(select(func.count()).select_from(FoodNutrient).where(FoodNutrient.ndb_no.in_(sr_foods))),
            s.scalar(select(func.count()).select_from(Portion).where(Portion.ndb_no.in_(sr_foods))),
            s.scalar(select(func.count()).select_from(FoodRelease).where(FoodRelease.data_type.in_(SR))),
        )


def test_full_release_counts_match_the_raw_files(journal: Journal, sr28_dir: Path) -> None:
    food_lines = len((sr28_dir / "FOOD_DES.txt").read_bytes().splitlines())
    with gzip.open(sr28_dir / "NUT_DATA.txt.gz", "rb") as handle:
        nut_lines = sum(1 for _ in handle)
    weight_lines = len((sr28_dir / "WEIGHT.txt").read_bytes().splitlines())
    assert _counts(journal) == (food_lines, nut_lines, weight_lines, 1)
    assert (food_lines, nut_lines) == (8789, 679045)
    assert journal.food_release() == "SR28"


def test_every_usda_nutrient_is_kept_with_its_unit(journal: Journal, raw_nut_data) -> None:  # type: ignore[no-untyped-def]
    per100 = journal.foods.per_100g(["01123"], list(raw_nut_data["01123"]))
    assert per100["01123"] == pytest.approx(raw_nut_data["01123"])
    assert len(per100["01123"]) > 60  # far more than the nutrients norepi tracks


def test_missing_values_are_unknown_not_zero(journal: Journal, raw_nut_data) -> None:  # type: ignore[no-untyped-def]
    lacking = next(ndb for ndb, v in raw_nut_data.items() if "508" not in v)
    assert "508" not in journal.foods.per_100g([lacking], ["508"]).get(lacking, {})


def test_reimport_same_release_changes_nothing(journal: Journal, sr28_dir: Path) -> None:
    before = _counts(journal)
    result = journal.import_foods(sr28_dir)
    assert result.unchanged
    assert _counts(journal) == before


def _copy_release(src: Path, dest: Path) -> Path:
    dest.mkdir()
    for f in src.iterdir():
        shutil.copy(f, dest / f.name)
        (dest / f.name).chmod(0o644)
    return dest


def test_broken_release_leaves_previous_tables_intact(journal: Journal, sr28_dir: Path, tmp_path: Path) -> None:
    broken = _copy_release(sr28_dir, tmp_path / "broken")
    lines = (broken / "WEIGHT.txt").read_bytes().splitlines(keepends=True)
    (broken / "WEIGHT.txt").write_bytes(b"".join(lines[:100]) + lines[100][:12] + b"\r\n")
    journal.log_food("01123", "2 large", __import__("datetime").date(2026, 11, 20))
    before = _counts(journal)
    with pytest.raises(ImportFormatError, match=r"WEIGHT.txt:101: WEIGHT row has"):
        journal.import_foods(broken)
    assert _counts(journal) == before
    assert journal.food("01123").description == "Egg, whole, raw, fresh"


def test_unknown_food_reference_in_nut_data_is_refused(journal: Journal, sr28_dir: Path, tmp_path: Path) -> None:
    bad = _copy_release(sr28_dir, tmp_path / "bad")
    (bad / "NUT_DATA.txt.gz").unlink()
    (bad / "NUT_DATA.txt").write_bytes(b"~99999~^~203~^1.0^1^^~1~^~~^~~^~~^^^^^^^~~^11/1976^\r\n")
    with pytest.raises(ImportFormatError, match=r"NUT_DATA.txt:1: NDB_No '99999' is not in FOOD_DES"):
        journal.import_foods(bad)


def test_changed_release_updates_and_keeps_logged_foods(journal: Journal, sr28_dir: Path, tmp_path: Path) -> None:
    import datetime as dt

    new = _copy_release(sr28_dir, tmp_path / "new")
    text = (new / "FOOD_DES.txt").read_bytes().replace(b"~Egg, whole, raw, fresh~", b"~Egg, whole, raw, fresh (v2)~")
    (new / "FOOD_DES.txt").write_bytes(text)
    journal.log_food("01123", "1 large", dt.date(2026, 11, 20))
    result = journal.import_foods(new)
    assert not result.unchanged and result.foods == 8789
    assert journal.food("01123").description == "Egg, whole, raw, fresh (v2)"
    assert journal.entries(dt.date(2026, 11, 20))[0].description == "Egg, whole, raw, fresh (v2)"
    assert _counts(journal)[3] == 2


def test_not_a_folder(journal: Journal, tmp_path: Path) -> None:
    with pytest.raises(ImportFormatError, match="missing FOOD_DES.txt"):
        journal.import_foods(tmp_path)
