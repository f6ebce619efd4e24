"""Food data and foods a person uses: import a release of any source, look a product up by barcode, log it, add a
recipe of one's own."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from norepi.checksums import file_sha256
from norepi.errors import ImportFormatError, InputError
from norepi.foods.importer import Progress
from norepi.foods.records import FoodRecord
from norepi.foods.understand import amount_for
from norepi.journal.food_log import LoggedFood, Resolved
from norepi.journal.journal import Journal

OFF_SUFFIXES = (".csv", ".tsv", ".parquet", ".jsonl", ".gz")


@dataclass(frozen=True)
class FoodImport:
    """What an import of food data did: the source, the release, foods stored, whether anything changed, notes
    (the quirks of the release the reader survived), and the licence line to show (Open Food Facts: ODbL)."""

    source: str
    release: str
    foods: int
    unchanged: bool
    notes: tuple[str, ...] = ()
    attribution: str = ""


def _checksum(path: Path) -> str:
    if path.is_file():
        return file_sha256(path)
    import hashlib

    h = hashlib.sha256()
    for p in sorted(path.rglob("*")):
        if p.is_file():
            h.update(p.name.encode() + file_sha256(p).encode())
    return h.hexdigest()


def import_food_data(journal: Journal, path: str | Path, progress: Progress | None = None) -> FoodImport:
    """Import food data from ``path``: a USDA SR ASCII folder (SR28, SR Legacy), a FoodData Central CSV release
    (zip or folder: Foundation, SR Legacy, FNDDS, Branded), or an Open Food Facts export (TSV/CSV, Parquet, JSONL).
    One transaction per release; the same release again changes nothing."""
    path = Path(path)
    if not path.exists():
        raise InputError(f"{path}: no such file or folder", field="path")
    if path.is_dir() and any((path / n).exists() or (path / f"{n}.gz").exists() for n in ("FOOD_DES.txt",)):
        r = journal.import_foods(path, progress)
        return FoodImport("USDA SR", r.release, r.foods, r.unchanged)
    if path.is_dir() or path.suffix.lower() == ".zip":
        from norepi.foods.fdc import open_fdc

        reader = open_fdc(path)
        result = journal.foods.import_records(reader.data_type, reader.release, _checksum(path), reader.foods(),
                                              reader.notes, progress)
        return FoodImport(f"FoodData Central {reader.data_type.value}", result.release, result.foods,
                          result.unchanged, tuple(result.notes))
    if path.name.lower().endswith(OFF_SUFFIXES):
        from norepi.foods.off import ODBL_ATTRIBUTION, read_off
        from norepi.foods.records import DataType

        read = read_off(path)
        release = f"Open Food Facts {path.name}"
        result = journal.foods.import_records(DataType.OPEN_FOOD_FACTS, release, _checksum(path), read.foods,
                                              read.notes, progress)
        return FoodImport("Open Food Facts", release, result.foods, result.unchanged, tuple(result.notes),
                          ODBL_ATTRIBUTION)
    raise ImportFormatError("not food data norepi reads: expected a USDA SR folder, a FoodData Central CSV release "
                            "(.zip) or an Open Food Facts export (.csv, .tsv, .parquet, .jsonl)", path=path)


def food_by_barcode(journal: Journal, code: str) -> FoodRecord:
    """The packaged food with barcode ``code`` (check digit validated)."""
    return journal.foods.by_barcode(code)


def log_barcode(journal: Journal, code: str, amount: str, date: dt.date,
                time: dt.time | None = None) -> tuple[LoggedFood, Resolved]:
    """Log ``amount`` ("2 slices", "150 g") of the product with barcode ``code``; (the entry, what was understood)."""
    record = food_by_barcode(journal, code)
    grams = amount_for(amount, record)
    item = Resolved(record, grams.grams, grams.label, date, time, f"barcode {code.strip()}")
    return journal.food_log.log_resolved(item), item


@dataclass(frozen=True)
class RecipeAdded:
    """A recipe stored as the person's own food: the food, its grams per serving, the ingredient lines that were
    not understood (line, phrase, why) and the nutrients some ingredient lacks."""

    food: FoodRecord
    serving_grams: float
    unknown: tuple[tuple[int, str, str], ...]
    incomplete: tuple[str, ...]


def add_recipe(journal: Journal, name: str, path: str | Path) -> RecipeAdded:
    """Read a recipe (ingredient phrases, one a line, and "serves N") from a text file and store it as the person's
    own food, so that "1 serving <name>" logs it."""
    from norepi.foods.recipes import read_recipe, recipe_totals

    recipe = read_recipe(path, name)
    totals = recipe_totals(recipe, journal.foods.person_index(journal.person_id),
                           lambda fid: journal.foods.record(fid, journal.person_id), journal.food_log.choices())
    if not totals.understood:
        raise ImportFormatError("no ingredient was understood: " + "; ".join(f"line {n}: {why}"
                                                                             for n, _, why in totals.unknown),
                                path=path)
    record = totals.record()
    slug = record.food_id.removeprefix("recipe:")
    record = dataclasses.replace(record, food_id=f"recipe:{journal.person_id}:{slug}")
    journal.foods.add_own_food(record, journal.person_id)
    return RecipeAdded(record, totals.serving_grams, totals.unknown, totals.incomplete)
