import gzip
import shutil
from pathlib import Path

import pytest

from norepi.errors import ImportFormatError
from norepi.foods.sr_ascii import content_sha256, read_rows


def test_reads_food_des_with_tilde_and_latin1(sr28_dir: Path) -> None:
    rows = list(read_rows(sr28_dir / "FOOD_DES.txt", "FOOD_DES"))
    assert len(rows) == 8789
    egg = next(r for r in rows if r.text(0) == "01123")
    assert egg.text(2) == "Egg, whole, raw, fresh"
    assert egg.number(10, "N_Factor") == pytest.approx(6.25)


def test_micro_sign_is_decoded_from_latin1(sr28_dir: Path) -> None:
    units = {r.text(1) for r in read_rows(sr28_dir / "NUTR_DEF.txt", "NUTR_DEF")}
    assert "µg" in units


def test_wrong_field_count_names_file_and_line(tmp_path: Path, sr28_dir: Path) -> None:
    lines = (sr28_dir / "FD_GROUP.txt").read_bytes().splitlines(keepends=True)
    bad = tmp_path / "FD_GROUP.txt"
    bad.write_bytes(b"".join(lines[:3]) + b"~0400~\r\n" + b"".join(lines[3:]))
    with pytest.raises(ImportFormatError, match=r"FD_GROUP.txt:4: FD_GROUP row has 1 fields, expected 2"):
        list(read_rows(bad, "FD_GROUP"))


def test_truncated_gzip_is_reported(tmp_path: Path, sr28_dir: Path) -> None:
    data = (sr28_dir / "NUT_DATA.txt.gz").read_bytes()
    bad = tmp_path / "NUT_DATA.txt.gz"
    bad.write_bytes(data[: len(data) // 3])
    with pytest.raises(ImportFormatError, match=r"NUT_DATA.txt.gz:\d+: (cannot read|NUT_DATA row has)"):
        for _ in read_rows(bad, "NUT_DATA"):
            pass


def test_bad_number_names_field(tmp_path: Path) -> None:
    path = tmp_path / "WEIGHT.txt"
    path.write_bytes(b"~01001~^1^1^~pat~^five^^\r\n")
    row = next(read_rows(path, "WEIGHT"))
    with pytest.raises(ImportFormatError, match=r"WEIGHT.txt:1: field Gm_Wgt is not a number: 'five'"):
        row.number(4, "Gm_Wgt")


def test_checksum_is_of_uncompressed_content(tmp_path: Path, sr28_dir: Path) -> None:
    plain = tmp_path / "FD_GROUP.txt"
    shutil.copy(sr28_dir / "FD_GROUP.txt", plain)
    packed = tmp_path / "FD_GROUP.txt.gz"
    packed.write_bytes(gzip.compress(plain.read_bytes()))
    assert content_sha256(plain) == content_sha256(packed)
