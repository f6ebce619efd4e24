"""Multi-user mode: sign-up, login, logout, rate limit, CSRF, and one user never reaching another's data."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from webutil import make_client

from norepi.journal.journal import Journal

TODAY = dt.date.today().isoformat()
PROFILE = {"sex": "male", "age_years": 40, "weight_kg": 80, "height_cm": 180, "effective_on": "2000-01-01"}


@pytest.fixture
def multi(any_db: str) -> Iterator[tuple[str, TestClient, TestClient]]:
    with make_client(any_db, multi_user=True, login_max_failures=3) as a, \
            make_client(any_db, multi_user=True, login_max_failures=3) as b:
        yield any_db, a, b


def signup(c: TestClient, email: str, password: str = "correct horse battery") -> dict:  # type: ignore[type-arg]
    r = c.post("/api/v1/auth/signup", json={"email": email, "password": password})
    assert r.status_code == 201, r.text
    body = r.json()
    c.headers["X-CSRF-Token"] = body["csrf_token"]
    return body  # type: ignore[no-any-return]


def test_signup_login_logout(multi: tuple[str, TestClient, TestClient]) -> None:
    db, a, _ = multi
    assert a.get("/api/v1/today").status_code == 401
    assert a.get("/", follow_redirects=False).headers["location"] == "/login?next=/"
    me = signup(a, "Ann@Example.org")
    assert me["user_id"] >= 2 and me["email"] == "ann@example.org"  # user 1 is the single-user journal
    cookie = a.cookies.get("norepi_session")
    assert cookie
    raw = a.post("/api/v1/auth/signup", json={"email": "ann@example.org", "password": "another password"})
    assert raw.status_code == 409 and raw.json()["field"] == "email"
    assert a.post("/api/v1/auth/signup", json={"email": "bob@example.org", "password": "short"}).json()[
        "field"] == "password"
    assert a.post("/api/v1/auth/signup", json={"email": "not-an-email", "password": "long enough"}).json()[
        "field"] == "email"
    with Journal(db) as j:
        from sqlalchemy import text

        with j.database.db.transaction() as s:
            stored = s.execute(text("SELECT password_hash FROM user_account WHERE email = 'ann@example.org'")
                               ).scalar_one()
    assert stored.startswith("$argon2id$") and "correct horse" not in stored
    assert a.put("/api/v1/profile", json=PROFILE).status_code == 200
    assert a.get("/api/v1/today").status_code == 200
    assert a.post("/api/v1/auth/logout").status_code == 204
    assert a.get("/api/v1/today").status_code == 401
    a.cookies.set("norepi_session", cookie)  # a copied cookie no longer works after logout
    assert a.get("/api/v1/today").status_code == 401
    a.cookies.clear()
    bad = a.post("/api/v1/auth/login", json={"email": "ann@example.org", "password": "wrong password"})
    assert bad.status_code == 401 and bad.json()["detail"] == "wrong e-mail or password"
    good = a.post("/api/v1/auth/login", json={"email": "ANN@example.org", "password": "correct horse battery"})
    assert good.status_code == 200 and good.json()["user_id"] == me["user_id"]
    assert a.get("/api/v1/profile").json()["sex"] == "male"


def test_session_cookie_flags_and_api_csrf(any_db: str) -> None:
    with make_client(any_db, multi_user=True, secure_cookies=True) as c:
        r = c.post("/api/v1/auth/signup", json={"email": "c@example.org", "password": "long enough pw"})
        flags = r.headers["set-cookie"].lower()
        assert "httponly" in flags and "samesite=lax" in flags and "secure" in flags
    with make_client(any_db, multi_user=True) as c:
        r = c.post("/api/v1/auth/signup", json={"email": "d@example.org", "password": "long enough pw"})
        no_token = c.put("/api/v1/profile", json=PROFILE)
        assert no_token.status_code == 403 and no_token.json()["field"] == "csrf_token"
        ok = c.put("/api/v1/profile", json=PROFILE, headers={"X-CSRF-Token": r.json()["csrf_token"]})
        assert ok.status_code == 200


@pytest.mark.parametrize("same_worker", [True, False], ids=["same worker", "another worker"])
def test_login_is_rate_limited(multi: tuple[str, TestClient, TestClient], same_worker: bool) -> None:
    """The two apps on one database stand for two uvicorn workers: the failures one counts limit the other."""
    _, a, b = multi
    signup(a, "eve@example.org")
    for _ in range(3):
        assert b.post("/api/v1/auth/login", json={"email": "eve@example.org", "password": "guess guess"}
                      ).status_code == 401
    limited = (b if same_worker else a).post("/api/v1/auth/login", json={"email": "eve@example.org",
                                                                          "password": "correct horse battery"})
    assert limited.status_code == 429 and int(limited.headers["retry-after"]) > 0
    assert "too many" in limited.json()["detail"]


def test_pages_signup_login_logout(any_db: str) -> None:
    with make_client(any_db, multi_user=True) as c:
        page = c.get("/signup")
        token = re.search(r'name="csrf_token" value="([0-9a-f]+)"', page.text).group(1)  # type: ignore[union-attr]
        assert c.post("/signup", data={"email": "f@example.org", "password": "pw"}).status_code == 403
        short = c.post("/signup", data={"csrf_token": token, "email": "f@example.org", "password": "pw"})
        assert short.status_code == 422 and 'data-field="password"' in short.text
        r = c.post("/signup", data={"csrf_token": token, "email": "f@example.org", "password": "long enough pw",
                                    "next": "//evil.example/"}, follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"] == "/"
        today = c.get("/")
        assert "Set your profile first" in today.text and "f@example.org" in today.text
        token = re.search(r'name="csrf_token" value="([0-9a-f]+)"', today.text).group(1)  # type: ignore[union-attr]
        assert c.post("/logout", data={"csrf_token": token}, follow_redirects=False).status_code == 303
        assert c.get("/log", follow_redirects=False).headers["location"] == "/login?next=/log"
        page = c.get("/login")
        token = re.search(r'name="csrf_token" value="([0-9a-f]+)"', page.text).group(1)  # type: ignore[union-attr]
        bad = c.post("/login", data={"csrf_token": token, "email": "f@example.org", "password": "nope nope"})
        assert bad.status_code == 401 and "wrong e-mail or password" in bad.text
        ok = c.post("/login", data={"csrf_token": token, "email": "f@example.org", "password": "long enough pw",
                                    "next": "/log"}, follow_redirects=False)
        assert ok.status_code == 303 and ok.headers["location"] == "/log"


def test_no_user_reaches_another_users_data(multi: tuple[str, TestClient, TestClient]) -> None:
    db, a, b = multi
    ann, bob = signup(a, "ann@example.org"), signup(b, "bob@example.org")
    for c in (a, b):
        assert c.put("/api/v1/profile", json=PROFILE).status_code == 200
    entry = a.post("/api/v1/entries", json={"food": "01123", "amount": "2 large"}).json()
    a.post("/api/v1/exercise", json={"activity": "run", "duration_min": 30})
    a.put("/api/v1/ratings", json={"focus": 9})
    with Journal(db, user=ann["user_id"]) as j:
        plan_id = j.plans.save(dt.date.today(), 1, {}, {"start_date": TODAY, "days": [], "shopping_list": [],
                                                            "relaxed": [], "notes": [], "objective": "usual"})
    # by id, through every endpoint and form that takes one: 404, and nothing changes
    assert b.delete(f"/api/v1/entries/{entry['id']}").status_code == 404
    assert b.get(f"/api/v1/plans/{plan_id}").status_code == 404
    assert b.get("/api/v1/plans/latest").status_code == 404
    assert b.post(f"/api/v1/plans/{plan_id}/accept", json={}).status_code == 404
    b_page = b.get("/log").text
    token = re.search(r'name="csrf_token" value="([0-9a-f]+)"', b_page).group(1)  # type: ignore[union-attr]
    assert b.post(f"/log/entries/{entry['id']}/delete", data={"csrf_token": token}).status_code == 404
    assert b.post(f"/plan/{plan_id}/accept", data={"csrf_token": token}).status_code == 404
    # lists and days show only one's own
    assert b.get("/api/v1/entries").json() == [] and b.get("/api/v1/entries/recent").json() == []
    bday = b.get("/api/v1/today").json()
    assert bday["entries"] == [] and bday["exercise"] == [] and bday["ratings"] == {}
    assert "Egg, whole" not in b.get("/log").text and "Egg, whole" not in b.get("/").text
    assert b.get("/api/v1/trends", params={"start": TODAY, "end": TODAY}).json()["coverage_pct"]["protein_g"] == [
        None]
    # another user's CSRF token does not work with my session
    a_token = a.headers["X-CSRF-Token"]
    assert b.put("/api/v1/ratings", json={"focus": 1}, headers={"X-CSRF-Token": a_token}).status_code == 403
    assert b.put("/api/v1/ratings", json={"focus": 2}).status_code == 200
    # ann's data is intact
    aday = a.get("/api/v1/today").json()
    assert [e["id"] for e in aday["entries"]] == [entry["id"]] and aday["ratings"]["focus"] == 9
    assert a.get(f"/api/v1/plans/{plan_id}").status_code == 200
    assert bob["user_id"] != ann["user_id"]
    with Journal(db, user=1) as single:  # the single-user journal is nobody's account
        assert single.entries(dt.date.today()) == []

