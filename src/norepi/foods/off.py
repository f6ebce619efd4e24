"""Open Food Facts exports (the official TSV ``.csv``, Parquet and JSONL, plain or gzipped) -> :class:`FoodRecord`.

Open Food Facts writes every ``*_100g`` value in grams per 100 g (energy in kcal or kJ), whatever unit the
label used; each is converted to the SR unit of its SR number (iron 0.00318 g -> 3.18 mg, nutrient "303").
A value that is not a number, is negative, or is impossible per 100 g (more than 100 g of a nutrient, more
than 900 kcal or 3,800 kJ) is dropped and named in :attr:`OffRead.notes` by line and column; a row without a
product code is dropped the same way. Codes are kept as written; ``barcode`` is the GTIN-14 when the code's
check digit is valid. Open Food Facts carries no amino acids: see :mod:`norepi.foods.estimates`.

The data is under the Open Database License: every place that shows it shows :data:`ODBL_ATTRIBUTION`.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import math
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from norepi.errors import ImportFormatError
from norepi.foods.amounts import PortionOption
from norepi.foods.gtin import normalize_gtin
from norepi.foods.records import ODBL, DataType, FoodRecord, NutrientAmount

ODBL_ATTRIBUTION = (
    "Contains data from Open Food Facts (world.openfoodfacts.org), available under the Open Database License "
    "(ODbL 1.0); individual contents under the Database Contents License (DbCL 1.0)."
)
ODBL_URL = "https://opendatacommons.org/licenses/odbl/1-0/"
# Open Food Facts nutrient name -> (SR number, SR unit, factor from OFF's per-100 g value)
NUTRIENTS: dict[str, tuple[str, str, float]] = {
    "energy-kcal": ("208", "kcal", 1.0),
    "energy-kj": ("268", "kJ", 1.0),
    "proteins": ("203", "g", 1.0),
    "fat": ("204", "g", 1.0),
    "carbohydrates": ("205", "g", 1.0),
    "sugars": ("269", "g", 1.0),
    "fiber": ("291", "g", 1.0),
    "saturated-fat": ("606", "g", 1.0),
    "monounsaturated-fat": ("645", "g", 1.0),
    "polyunsaturated-fat": ("646", "g", 1.0),
    "trans-fat": ("605", "g", 1.0),
    "cholesterol": ("601", "mg", 1e3),
    "sodium": ("307", "mg", 1e3),
    "potassium": ("306", "mg", 1e3),
    "calcium": ("301", "mg", 1e3),
    "phosphorus": ("305", "mg", 1e3),
    "iron": ("303", "mg", 1e3),
    "magnesium": ("304", "mg", 1e3),
    "zinc": ("309", "mg", 1e3),
    "copper": ("312", "mg", 1e3),
    "manganese": ("315", "mg", 1e3),
    "selenium": ("317", "µg", 1e6),
    "vitamin-c": ("401", "mg", 1e3),
    "vitamin-b1": ("404", "mg", 1e3),
    "vitamin-b2": ("405", "mg", 1e3),
    "vitamin-pp": ("406", "mg", 1e3),
    "pantothenic-acid": ("410", "mg", 1e3),
    "vitamin-b6": ("415", "mg", 1e3),
    "folates": ("417", "µg", 1e6),
    "vitamin-b9": ("417", "µg", 1e6),
    "vitamin-b12": ("418", "µg", 1e6),
    "vitamin-a": ("320", "µg", 1e6),
    "vitamin-d": ("328", "µg", 1e6),
    "vitamin-e": ("323", "mg", 1e3),
    "vitamin-k": ("430", "µg", 1e6),
    "caffeine": ("262", "mg", 1e3),
}
MAX_PER_100G = {"g": 100.0, "mg": 100_000.0, "µg": 100_000_000.0, "kcal": 900.0, "kJ": 3800.0}
MAX_NOTES = 25


@dataclass(frozen=True)
class OffRead:
    """Products read from an export, and one line per value or row dropped (the first :data:`MAX_NOTES`,
    then a count)."""

    foods: list[FoodRecord]
    notes: tuple[str, ...]
    attribution: str = ODBL_ATTRIBUTION


def read_off(path: Path | str, release: str | None = None) -> OffRead:
    """Read an Open Food Facts export: TSV (``.csv``/``.tsv``), Parquet (``.parquet``) or JSONL (``.jsonl``,
    ``.jsonl.gz``). ``release`` defaults to the file's name."""
    path = Path(path)
    if not path.is_file():
        raise ImportFormatError("no such file", path=path)
    name = path.name.lower()
    if name.endswith(".parquet"):
        rows = _parquet_rows(path)
    elif name.endswith((".jsonl", ".jsonl.gz", ".json.gz", ".ndjson")):
        rows = _jsonl_rows(path)
    elif name.endswith((".csv", ".tsv", ".csv.gz", ".tsv.gz")):
        rows = _tsv_rows(path)
    else:
        raise ImportFormatError("not an Open Food Facts export (.csv TSV, .parquet or .jsonl)", path=path)
    notes: list[str] = []
    dropped = 0
    foods: list[FoodRecord] = []
    for line, row in rows:
        record, problems = _record(row, release or path.name)
        for p in problems:
            dropped += 1
            if len(notes) < MAX_NOTES:
                notes.append(f"{path.name}:{line}: {p}")
        if record is not None:
            foods.append(record)
    if dropped > MAX_NOTES:
        notes.append(f"{path.name}: {dropped - MAX_NOTES} more values dropped")
    return OffRead(foods, tuple(notes))


def _open(path: Path) -> io.TextIOBase:
    raw = gzip.open(path, "rb") if path.suffix == ".gz" else open(path, "rb")  # noqa: SIM115
    return io.TextIOWrapper(raw, encoding="utf-8", newline="", errors="strict")


def _tsv_rows(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """The official TSV: tab-separated, no quoting, a header of column names."""
    csv.field_size_limit(1 << 26)
    line = 1
    try:
        with _open(path) as handle:
            reader = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
            header = next(reader, None)
            if not header or "code" not in header:
                raise ImportFormatError("no 'code' column: not an Open Food Facts TSV export", path=path, line=1)
            for line, fields in enumerate(reader, start=2):
                if len(fields) != len(header):
                    raise ImportFormatError(
                        f"row has {len(fields)} fields, the header {len(header)}", path=path, line=line
                    )
                row = dict(zip(header, fields, strict=True))
                yield line, {
                    "code": row["code"],
                    "name": row.get("product_name", ""),
                    "brands": row.get("brands", ""),
                    "category": row.get("main_category_en") or _last(row.get("categories_en", "")),
                    "ingredients": row.get("ingredients_text", ""),
                    "serving_size": row.get("serving_size", ""),
                    "serving_quantity": row.get("serving_quantity", ""),
                    "nutrients": {k[:-5]: v for k, v in row.items() if k.endswith("_100g") and v != ""},
                }
    except UnicodeDecodeError as exc:
        raise ImportFormatError(f"not UTF-8 ({exc.reason})", path=path, line=line + 1) from None


def _last(categories: str) -> str:
    return categories.split(",")[-1].strip() if categories else ""


def _text(value: Any) -> str:
    """Parquet writes localised text as [{lang, text}]: the main one, else English, else the first."""
    if isinstance(value, list):
        by_lang = {v.get("lang"): v.get("text") or "" for v in value if isinstance(v, dict)}
        return by_lang.get("main") or by_lang.get("en") or next(iter(by_lang.values()), "")
    return "" if value is None else str(value)


def _parquet_rows(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    import pyarrow.parquet as pq

    columns = ["code", "product_name", "brands", "categories", "ingredients_text", "serving_size",
               "serving_quantity", "nutriments"]
    try:
        handle = pq.ParquetFile(path)
    except Exception as exc:  # pyarrow raises ArrowInvalid and OSError subclasses for a bad file
        raise ImportFormatError(f"not a Parquet file ({exc})", path=path) from None
    missing = [c for c in columns if c not in handle.schema_arrow.names]
    if missing:
        raise ImportFormatError(f"missing column {', '.join(missing)}: not an Open Food Facts Parquet export",
                                path=path)
    line = 0
    for batch in handle.iter_batches(batch_size=4096, columns=columns):
        for row in batch.to_pylist():
            line += 1
            # Parquet stores float32 (8.82 reads 8.8199997): seven significant digits are what it holds
            nutrients = {n["name"]: _f32(n.get("100g")) for n in row.get("nutriments") or [] if n.get("name")}
            yield line, {
                "code": row.get("code") or "",
                "name": _text(row.get("product_name")),
                "brands": row.get("brands") or "",
                "category": _last(row.get("categories") or ""),
                "ingredients": _text(row.get("ingredients_text")),
                "serving_size": row.get("serving_size") or "",
                "serving_quantity": row.get("serving_quantity"),
                "nutrients": {k: v for k, v in nutrients.items() if v is not None},
            }


def _f32(value: float | None) -> float | None:
    return None if value is None or not math.isfinite(value) else float(f"{value:.7g}")


def _jsonl_rows(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """The official JSONL dump: one product object a line, ``nutriments`` holding ``<name>_100g`` keys."""
    line = 0
    try:
        with _open(path) as handle:
            for line, text in enumerate(handle, start=1):
                if not text.strip():
                    continue
                try:
                    product = json.loads(text)
                except json.JSONDecodeError as exc:
                    raise ImportFormatError(f"not JSON ({exc.msg})", path=path, line=line) from None
                if not isinstance(product, dict):
                    raise ImportFormatError("not a product object", path=path, line=line)
                nutriments = product.get("nutriments") or {}
                yield line, {
                    "code": str(product.get("code") or product.get("_id") or ""),
                    "name": _text(product.get("product_name")),
                    "brands": product.get("brands") or "",
                    "category": _last(product.get("categories") or ""),
                    "ingredients": _text(product.get("ingredients_text")),
                    "serving_size": product.get("serving_size") or "",
                    "serving_quantity": product.get("serving_quantity"),
                    "nutrients": {k[:-5]: v for k, v in nutriments.items() if k.endswith("_100g")},
                }
    except UnicodeDecodeError as exc:
        raise ImportFormatError(f"not UTF-8 ({exc.reason})", path=path, line=line + 1) from None


def _float(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    try:
        return float(str(value).strip().replace(",", "."))
    except ValueError:
        return None


def _record(row: Mapping[str, Any], release: str) -> tuple[FoodRecord | None, list[str]]:
    problems: list[str] = []
    code = str(row["code"]).strip()
    if not code.isdigit():
        return None, [f"product code {code!r} is not a number; row dropped"]
    values: dict[str, NutrientAmount] = {}
    for name, raw in row["nutrients"].items():
        target = NUTRIENTS.get(name)
        if target is None or (name == "vitamin-b9" and "folates" in row["nutrients"]):
            continue
        value = _float(raw)
        nbr, unit, factor = target
        if value is None or not math.isfinite(value):
            problems.append(f"{name}_100g {raw!r} is not a number; dropped")
            continue
        value *= factor
        if value < 0 or value > MAX_PER_100G[unit]:
            problems.append(f"{name}_100g {raw!r} is impossible per 100 g; dropped")
            continue
        values[nbr] = NutrientAmount(value, unit)
    if "208" not in values and "268" in values:
        values["208"] = NutrientAmount(values["268"].value / 4.184, "kcal")
    portions = _serving(row.get("serving_size") or "", row.get("serving_quantity"))
    name = (row.get("name") or "").strip() or f"Product {code}"
    brand = (row.get("brands") or "").split(",")[0].strip()
    return FoodRecord(
        food_id=f"off:{code}",
        data_type=DataType.OPEN_FOOD_FACTS,
        release=release,
        source_id=code,
        description=name,
        nutrients=values,
        portions=portions,
        group=(row.get("category") or "").strip(),
        brand=brand,
        barcode=normalize_gtin(code, strict=False),
        ingredients=(row.get("ingredients") or "").strip(),
        licence=ODBL,
    ), problems


def _serving(size: str, quantity: Any) -> tuple[PortionOption, ...]:
    """The label serving: ``serving_quantity`` grams, described by ``serving_size`` ("1 slice (34 g)")."""
    grams = _float(quantity)
    if grams is None or not 0 < grams <= 5000 or re.search(r"\bml\b", size.lower()):
        return ()
    words = re.sub(r"\([^)]*\)", " ", size.lower()).strip()
    match = re.match(r"^(\d+(?:[.,]\d+)?)\s+([a-z][a-z ]*)$", words)
    if match and not re.match(r"^(g|gr|grams?|oz|onz|ounces?)$", match.group(2).strip()):
        amount = float(match.group(1).replace(",", "."))
        if amount > 0:
            return (PortionOption(amount, match.group(2).strip(), grams), PortionOption(1.0, "serving", grams))
    return (PortionOption(1.0, "serving", grams),)


def by_barcode(foods: list[FoodRecord]) -> dict[str, FoodRecord]:
    """GTIN-14 -> product, for :func:`lookup_barcode`."""
    return {f.barcode: f for f in foods if f.barcode}


def lookup_barcode(code: str, products: Mapping[str, FoodRecord]) -> FoodRecord:
    """The product with barcode ``code`` among ``products`` (GTIN-14 -> record); InputError for a malformed
    code or a wrong check digit, NotFound for a valid code no loaded source knows."""
    from norepi.errors import NotFound

    key = normalize_gtin(code)
    assert key is not None
    found = products.get(key)
    if found is None:
        raise NotFound(f"no product with barcode {code.strip()} in the loaded foods (Open Food Facts, FDC Branded)")
    return found
