"""Open Food Facts: the real 1,000-product sample (TSV and Parquet), a JSONL made from it, barcodes."""

from __future__ import annotations

import csv
import gzip
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from norepi.errors import ImportFormatError, InputError, NotFound
from norepi.foods.gtin import check_digit, normalize_gtin
from norepi.foods.off import ODBL_ATTRIBUTION, OffRead, by_barcode, lookup_barcode, read_off
from norepi.foods.records import DataType, FoodRecord
from norepi.foods.search import FoodIndex
from norepi.foods.understand import amount_for, understand

OFF = Path(__file__).resolve().parents[3] / "shared" / "data" / "openfoodfacts-sample"


def _tsv() -> tuple[list[str], list[list[str]]]:
    csv.field_size_limit(1 << 26)
    with open(OFF / "products.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    return rows[0], rows[1:]


def test_every_sample_barcode_resolves(off_sample: OffRead) -> None:
    header, rows = _tsv()
    codes = [r[header.index("code")] for r in rows]
    products = by_barcode(off_sample.foods)
    valid = [c for c in codes if normalize_gtin(c, strict=False)]
    assert len(valid) >= 990
    for code in valid:
        assert lookup_barcode(code, products).source_id == code


def test_the_issue_product_and_its_units(off_sample: OffRead) -> None:
    bread = lookup_barcode("0000236555909", by_barcode(off_sample.foods))
    assert bread.description == "Bakers Best, White Bread" and bread.brand == "Wise Woodworks"
    assert bread.data_type is DataType.OPEN_FOOD_FACTS and bread.licence == "ODbL-1.0"
    # OFF writes grams per 100 g: iron 0.00318 g -> 3.18 mg under SR number 303
    assert bread.nutrients["303"].unit == "mg" and bread.value("303") == pytest.approx(3.18)
    assert bread.value("203") == pytest.approx(8.82) and bread.value("208") == pytest.approx(235)
    assert bread.portions[0].grams == 34.0


def test_tsv_and_parquet_agree(off_sample: OffRead) -> None:
    tsv = {f.food_id: f for f in read_off(OFF / "products.csv").foods}
    assert set(tsv) == {f.food_id for f in off_sample.foods}
    header, rows = _tsv()
    protein = header.index("proteins_100g")
    for r in rows:
        if r[protein]:
            food = tsv["off:" + r[header.index("code")]]
            assert food.value("203") == pytest.approx(float(r[protein]))
    both = [f for f in off_sample.foods if f.value("203") is not None and tsv[f.food_id].value("203") is not None]
    assert len(both) > 100
    assert all(f.value("203") == pytest.approx(tsv[f.food_id].value("203"), rel=1e-5, abs=1e-6) for f in both)


def test_jsonl_export_reads_the_same(tmp_path: Path, off_sample: OffRead) -> None:
    path = tmp_path / "openfoodfacts-products.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as out:
        for f in off_sample.foods[:50]:
            nutriments = {"proteins_100g": f.value("203"), "energy-kcal_100g": f.value("208")}
            out.write(json.dumps({"code": f.source_id, "product_name": f.description, "brands": f.brand,
                                  "nutriments": {k: v for k, v in nutriments.items() if v is not None}}) + "\n")
    read = read_off(path)
    assert [f.food_id for f in read.foods] == [f.food_id for f in off_sample.foods[:50]]
    assert all(a.value("203") == b.value("203") for a, b in zip(read.foods, off_sample.foods, strict=False))


def test_garbage_numbers_are_dropped_with_a_line_each(tmp_path: Path, off_sample: OffRead) -> None:
    # the real Parquet sample itself has impossible values (510 g of fat per 100 g)
    assert any("fat_100g 510.0 is impossible per 100 g; dropped" in n for n in off_sample.notes)
    header, rows = _tsv()
    row = list(rows[0])
    row[header.index("proteins_100g")] = "12,x"
    row[header.index("iron_100g")] = "-3"
    row[header.index("energy-kcal_100g")] = "nan"
    path = tmp_path / "bad.csv"
    path.write_text("\t".join(header) + "\n" + "\t".join(row) + "\n", encoding="utf-8")
    read = read_off(path)
    assert len(read.foods) == 1 and read.foods[0].value("203") is None and read.foods[0].value("303") is None
    assert "bad.csv:2: proteins_100g '12,x' is not a number; dropped" in read.notes
    assert "bad.csv:2: iron_100g '-3' is impossible per 100 g; dropped" in read.notes
    assert "bad.csv:2: energy-kcal_100g 'nan' is not a number; dropped" in read.notes


def test_malformed_exports_are_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "x.csv"
    bad.write_text("a\tb\n1\t2\n", encoding="utf-8")
    with pytest.raises(ImportFormatError, match="x.csv:1: no 'code' column"):
        read_off(bad)
    short = tmp_path / "short.csv"
    short.write_text("code\tproduct_name\n123\n", encoding="utf-8")
    with pytest.raises(ImportFormatError, match="short.csv:2: row has 1 fields, the header 2"):
        read_off(short)
    latin = tmp_path / "latin.csv"
    latin.write_bytes("code\tproduct_name\n123\tcr\xe8me\n".encode("latin-1"))
    with pytest.raises(ImportFormatError, match="latin.csv:.*not UTF-8"):
        read_off(latin)
    with pytest.raises(ImportFormatError, match="not a Parquet file"):
        read_off(tmp_path.joinpath("p.parquet").write_bytes(b"nope") and tmp_path / "p.parquet")


def test_barcode_errors_are_clear(off_sample: OffRead) -> None:
    products = by_barcode(off_sample.foods)
    with pytest.raises(InputError, match=r"wrong check digit 8 \(expected 9\)"):
        lookup_barcode("0000236555908", products)
    with pytest.raises(NotFound, match="no product with barcode 4006381333931"):
        lookup_barcode("4006381333931", products)  # a valid EAN-13 not in the sample
    with pytest.raises(InputError, match="has 5 digits"):
        lookup_barcode("12345", products)
    with pytest.raises(InputError, match="not all digits"):
        lookup_barcode("12a45678", products)


def test_upc_a_and_its_ean13_are_one_barcode() -> None:
    assert normalize_gtin("036000291452") == normalize_gtin("0036000291452") == "00036000291452"
    assert normalize_gtin("9638-5074") == "00000096385074"  # EAN-8 with a dash


@given(st.text(alphabet="0123456789", min_size=7, max_size=13))
def test_check_digit_round_trip(body: str) -> None:
    code = body + str(check_digit(body))
    if len(code) in (8, 12, 13, 14):
        assert normalize_gtin(code) == code.zfill(14)
        wrong = code[:-1] + str((int(code[-1]) + 1) % 10)
        assert normalize_gtin(wrong, strict=False) is None


def test_logging_a_packaged_food_by_barcode(off_sample: OffRead, index: FoodIndex,
                                           all_foods: dict[str, FoodRecord]) -> None:
    bread = lookup_barcode("0000236555909", by_barcode(off_sample.foods))
    got = understand(f"{bread.food_id} 2 slices", index, all_foods.get)
    assert got.grams == 68.0 and "label serving (34 g) taken as 1 slice" in got.basis
    assert amount_for("2 slices", bread).grams == 68.0  # `log food --barcode 0000236555909 "2 slices"`
    assert amount_for("50", bread).grams == 50.0
    assert "Open Database License" in ODBL_ATTRIBUTION and "Open Food Facts" in ODBL_ATTRIBUTION
