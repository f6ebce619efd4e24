"""File uploads: the importers behind a form and an endpoint; wrong kind, too large or malformed stores nothing."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from webutil import make_client, with_profile

DAY = dt.date.today()
CSV = (f"bed,wake,date,focus,mood\n{DAY - dt.timedelta(days=1)}T23:00,{DAY}T07:00,{DAY},7,8\n").encode()


@pytest.fixture
def small(sqlite_db: str) -> Iterator[TestClient]:
    with make_client(with_profile(sqlite_db), max_upload_bytes=2000) as c:
        yield c


def counts(c: TestClient) -> tuple[int, dict]:  # type: ignore[type-arg]
    d = c.get("/api/v1/today").json()
    return len(d["sleep"]), {k: v for k, v in d["ratings"].items() if v is not None}


def test_upload_csv_then_again_adds_nothing(small: TestClient) -> None:
    r = small.post("/api/v1/imports/csv", files={"file": ("sleep.csv", CSV, "text/csv")})
    assert r.status_code == 201, r.text
    assert r.json()["added"] == {"sleep": 1, "ratings": 2} and r.json()["filename"] == "sleep.csv"  # two values
    assert counts(small) == (1, {"focus": 7, "mood": 8})
    again = small.post("/api/v1/imports/csv", files={"file": ("renamed.csv", CSV, "text/csv")})
    assert again.status_code == 201 and again.json()["unchanged"] is True
    assert counts(small) == (1, {"focus": 7, "mood": 8})


@pytest.mark.parametrize(("kind", "name", "content", "status", "words"), [
    ("csv", "sleep.exe", CSV, 422, "takes .csv"),
    ("fit", "sleep.csv", CSV, 422, "takes .fit"),
    ("fit", "ride.fit", b"this is not a fit file at all", 422, "does not look like a fit file"),
    ("apple-health", "export.zip", b"not a zip", 422, "does not look like"),
    ("csv", "binary.csv", b"\x00\x01\x02\xff\xfe" * 10, 422, "does not look like a csv file"),
    ("csv", "empty.csv", b"", 422, "is empty"),
    ("csv", "big.csv", CSV + b"x" * 3000, 413, "upload limit"),
    ("csv", "bad.csv", CSV + b"yesterday,today,,,\n", 422, "nothing was stored"),
    ("mp3", "song.csv", CSV, 422, "kind"),
])
def test_refused_uploads_store_nothing(small: TestClient, kind: str, name: str, content: bytes, status: int,
                                       words: str) -> None:
    r = small.post(f"/api/v1/imports/{kind}", files={"file": (name, content, "application/octet-stream")})
    assert r.status_code == status, r.text
    assert words in r.json()["detail"] and r.json()["field"] in ("file", "kind")
    if name == "bad.csv":
        assert "bad.csv:3" in r.json()["detail"] and "/tmp" not in r.json()["detail"]
    assert counts(small) == (0, {})


def test_upload_form(small: TestClient) -> None:
    page = small.get("/log").text
    token = re.search(r'name="csrf_token" value="([0-9a-f]+)"', page).group(1)  # type: ignore[union-attr]
    r = small.post("/log/import", data={"csrf_token": token, "kind": "csv"},
                   files={"file": ("sleep.csv", CSV, "text/csv")}, follow_redirects=False)
    assert r.status_code == 303 and "Imported%20sleep.csv" in r.headers["location"]
    bad = small.post("/log/import", data={"csrf_token": token, "kind": "fit"},
                     files={"file": ("sleep.csv", CSV, "text/csv")})
    assert bad.status_code == 422 and "takes .fit" in bad.text and 'data-field="file"' in bad.text
    big = small.post("/log/import", data={"csrf_token": token, "kind": "csv"},
                     files={"file": ("big.csv", CSV + b"x" * 100_000, "text/csv")})
    assert big.status_code == 413 and "upload limit" in big.text or "larger than" in big.text
    no_csrf = small.post("/log/import", data={"kind": "csv"}, files={"file": ("s2.csv", CSV + b"\n", "text/csv")})
    assert no_csrf.status_code == 403
    assert counts(small) == (1, {"focus": 7, "mood": 8})
