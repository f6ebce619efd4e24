"""Server-rendered pages and their forms (single-user mode, SQLite)."""

from __future__ import annotations

import datetime as dt
import re

from fastapi.testclient import TestClient

TODAY = dt.date.today().isoformat()


def csrf(html: str) -> str:
    m = re.search(r'name="csrf_token" value="([0-9a-f]+)"', html)
    assert m, "no CSRF token in the page"
    return m.group(1)


def test_today_shows_a_bar_for_every_target_with_upper_limits(sqlite_client: TestClient) -> None:
    html = sqlite_client.get("/").text
    for key in ("phe_tyr_mg", "protein_g", "vitamin_c_mg", "copper_mg", "vitamin_b6_mg", "folate_dfe_ug",
                "magnesium_mg", "iron_mg"):
        assert f'data-key="{key}"' in html, key
    for label in ("Phenylalanine + tyrosine", "Vitamin C", "Copper", "Magnesium", "Iron"):
        assert label in html
    assert html.count('class="ul"') >= 4  # vitamin C, copper, B6, folate, magnesium, iron have ULs
    assert "data-gap-key" not in html and "unknown, not zero" in html  # nothing logged: no gaps claimed
    assert 'id="model"' in html and 'id="lifestyle"' in html


def test_log_form_changes_today(sqlite_client: TestClient) -> None:
    page = sqlite_client.get("/log")
    assert page.status_code == 200 and 'id="food-input"' in page.text and 'id="import-form"' in page.text
    token = csrf(page.text)
    assert 'data-key="protein_g" data-pct=""' in sqlite_client.get("/").text  # not logged: unknown, not 0 %
    r = sqlite_client.post("/log/food", data={"csrf_token": token, "food": "01123", "amount": "2 large",
                                              "date": TODAY, "time": ""}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/log?msg=Logged")
    after = re.search(r'data-key="protein_g" data-pct="([\d.]+)"', sqlite_client.get("/").text)
    assert after and float(after.group(1)) > 10
    log = sqlite_client.get("/log").text
    assert "Egg, whole, raw, fresh" in log and "Again" in log  # entry listed, and offered for quick re-log
    entry_id = re.search(r'/log/entries/(\d+)/delete', log).group(1)  # type: ignore[union-attr]
    r = sqlite_client.post(f"/log/entries/{entry_id}/delete", data={"csrf_token": token}, follow_redirects=False)
    assert r.status_code == 303
    assert sqlite_client.get("/api/v1/today").json()["entries"] == []


def test_forms_need_the_csrf_token(sqlite_client: TestClient) -> None:
    sqlite_client.get("/log")
    for token in (None, "0" * 64):
        data = {"food": "01123", "amount": "2 large"} | ({"csrf_token": token} if token else {})
        r = sqlite_client.post("/log/food", data=data, follow_redirects=False)
        assert r.status_code == 403 and "CSRF" in r.text
    assert sqlite_client.get("/api/v1/today").json()["entries"] == []
    r = sqlite_client.post("/log/food", data={"csrf_token": csrf(sqlite_client.get("/log").text), "food": "01123",
                                              "amount": "1 large"}, headers={"Origin": "http://evil.example"})
    assert r.status_code == 403 and sqlite_client.get("/api/v1/today").json()["entries"] == []


def test_bad_form_input_rerenders_with_the_field(sqlite_client: TestClient) -> None:
    token = csrf(sqlite_client.get("/log").text)
    cases = [
        ("/log/food", {"food": "01123", "amount": "3 zorks"}, "amount"),
        ("/log/food", {"food": "01123", "amount": "1 g", "date": "yesterday-ish"}, "date"),
        ("/log/exercise", {"activity": "run", "duration_min": "-3"}, "duration_min"),
        ("/log/sleep", {"bed": "2026-11-20T23:00", "wake": "not a time"}, "wake"),
        ("/log/practice", {"kind": "shouting", "duration_min": "5"}, "kind"),
        ("/log/rating", {"focus": "11"}, "focus"),
        ("/log/pss10", {"answers": "1,2,3"}, "answers"),
    ]
    for path, data, field in cases:
        r = sqlite_client.post(path, data={"csrf_token": token, **data}, follow_redirects=False)
        assert r.status_code == 422, (path, r.status_code)
        assert f'data-field="{field}"' in r.text, (path, field)
    assert sqlite_client.get("/api/v1/today").json()["entries"] == []


def test_lifestyle_forms(sqlite_client: TestClient) -> None:
    token = csrf(sqlite_client.get("/log").text)
    day = dt.date.today()
    forms = [
        ("/log/exercise", {"activity": "cycling", "start": f"{day}T07:00", "duration_min": "45", "rpe_cr10": "6"}),
        ("/log/sleep", {"bed": f"{day - dt.timedelta(days=1)}T23:00", "wake": f"{day}T07:00"}),
        ("/log/practice", {"kind": "slow_breathing", "start": f"{day}T12:00", "duration_min": "10"}),
        ("/log/rating", {"energy": "6", "date": str(day)}),
        ("/log/pss10", {"answers": "1,1,1,1,1,1,1,1,1,1", "date": str(day)}),
    ]
    for path, data in forms:
        r = sqlite_client.post(path, data={"csrf_token": token, **data}, follow_redirects=False)
        assert r.status_code == 303, (path, r.text[:300])
    d = sqlite_client.get("/api/v1/today").json()
    assert d["exercise"][0]["type"] == "cycling" and d["sleep"][0]["duration_min"] == 480
    assert d["practices"][0]["kind"] == "slow_breathing" and d["ratings"]["energy"] == 6
    html = sqlite_client.get("/").text
    assert "cycling 45 min" in html and "8.0 h" in html and "slow breathing 10 min" in html


def test_trends_page_uses_plotly_served_locally(sqlite_client: TestClient) -> None:
    html = sqlite_client.get("/trends", params={"start": "2026-01-01", "end": "2026-01-28"}).text
    for chart in ("chart-coverage", "chart-sleep", "chart-vigorous", "chart-pss10", "chart-ratings"):
        assert f'id="{chart}"' in html
    assert '<script src="/vendor/plotly.min.js">' in html and "cdn" not in html.lower()
    js = sqlite_client.get("/vendor/plotly.min.js")
    assert js.status_code == 200 and len(js.content) > 1_000_000 and b"plotly" in js.content[:2000].lower()
    bad = sqlite_client.get("/trends", params={"start": "2026-02-01", "end": "2026-01-01"})
    assert bad.status_code == 422 and 'data-field="end"' in bad.text
    assert sqlite_client.get("/trends", params={"start": "nope"}).status_code == 422
    for page in ("/", "/log", "/trends"):
        for param in ("date", "start", "end"):
            r = sqlite_client.get(page, params={param: "0001-01-01"})
            assert r.status_code in (200, 422), (page, param, r.status_code)


def test_plan_page_shows_a_saved_plan(sqlite_client: TestClient, sqlite_db: str) -> None:
    from norepi.journal.journal import Journal

    assert "No plan yet" in sqlite_client.get("/plan").text
    plan = {"start_date": TODAY, "objective": "usual", "relaxed": [], "notes": ["a note"], "candidates": 1,
            "days": [{"date": TODAY, "meals": [{"name": "breakfast", "time": "08:00", "items": [
                {"ndb_no": "01123", "description": "Egg, whole, raw, fresh", "grams": 100.0, "portion": "2 large"}]}],
                "totals": {"protein_g": 12.6}, "targets": {"protein_g": {"rda": 46.0, "ul": None}},
                "coverage_pct": {"protein_g": 27.4}, "lower_bound": [], "over_ul": [], "incomplete": [],
                "objective_value": 0.0, "solve_seconds": 0.1, "status": "time limit", "gap_pct": 1.46}],
            "shopping_list": [{"ndb_no": "01123", "description": "Egg, whole, raw, fresh", "grams": 100.0,
                               "portion": "2 large"}]}
    with Journal(sqlite_db) as j:
        pid = j.plans.save(dt.date.today(), 1, {}, plan)
    html = sqlite_client.get("/plan").text
    assert f"Plan {pid}" in html and "2 large" in html and 'id="shopping-list"' in html
    assert "Best plan found in the time allowed, within 1.5 % of the best possible" in html
    r = sqlite_client.post(f"/plan/{pid}/accept", data={"csrf_token": csrf(html)}, follow_redirects=False)
    assert r.status_code == 303
    assert [e["grams"] for e in sqlite_client.get("/api/v1/today").json()["entries"]] == [100.0]
    assert sqlite_client.post("/plan/999/accept", data={"csrf_token": csrf(html)}).status_code == 404


def test_accounts_are_off_in_single_user_mode(sqlite_client: TestClient) -> None:
    assert sqlite_client.get("/login").status_code == 404
    assert sqlite_client.post("/api/v1/auth/signup", json={"email": "a@b.cd", "password": "x" * 10}
                              ).status_code == 404
    assert sqlite_client.get("/api/v1/auth/me").json()["user_id"] == 1


def test_user_text_is_escaped(sqlite_client: TestClient) -> None:
    token = csrf(sqlite_client.get("/log").text)
    r = sqlite_client.post("/log/food", data={"csrf_token": token, "food": "01123",
                                              "amount": "1 <script>alert(1)</script>"})
    assert r.status_code == 422
    assert "<script>alert" not in r.text and "&lt;script&gt;alert" in r.text  # the message quotes what was typed
    # a flash the server signed (an imported file's name can carry markup) is shown escaped
    from norepi.web.auth import flash_signature

    msg = "Imported <img src=x onerror=alert(1)>.csv"
    sig = flash_signature(sqlite_client.app.state.web.config.secret_key, msg)  # type: ignore[attr-defined]
    page = sqlite_client.get("/log", params={"msg": msg, "sig": sig})
    assert "<img src=x" not in page.text and "&lt;img src=x" in page.text


def test_plan_form_and_api_run_the_planner(sqlite_client: TestClient) -> None:
    token = csrf(sqlite_client.get("/plan").text)
    r = sqlite_client.post("/plan", data={"csrf_token": token, "days": "1", "objective": "usual",
                                          "dislikes": "liver, tofu"}, follow_redirects=False)
    assert r.status_code == 303 and "saved" in r.headers["location"]
    html = sqlite_client.get("/plan").text
    view = html[html.index('id="plan-view"'):]
    assert "breakfast" in view and "liver" not in view.lower()
    bad = sqlite_client.post("/plan", data={"csrf_token": token, "days": "9"})
    assert bad.status_code == 422 and 'data-field="days"' in bad.text
    api = sqlite_client.post("/api/v1/plans", json={"days": 1, "diet": "vegan"})
    assert api.status_code == 201, api.text
    plan = api.json()
    assert plan["id"] and plan["days"][0]["meals"] and sqlite_client.get("/api/v1/plans/latest").json()["id"] == plan[
        "id"]
    accepted = sqlite_client.post(f"/api/v1/plans/{plan['id']}/accept", json={})
    assert accepted.status_code == 200 and len(accepted.json()) == sum(
        len(m["items"]) for m in plan["days"][0]["meals"])
    assert sqlite_client.post("/api/v1/plans", json={"days": 1, "diet": "carnivore"}).json()["field"] == "diet"


def test_flash_shows_only_the_servers_own_messages(sqlite_client: TestClient) -> None:
    token = csrf(sqlite_client.get("/log").text)
    r = sqlite_client.post("/log/food", data={"csrf_token": token, "food": "01123", "amount": "2 large",
                                              "date": TODAY, "time": ""}, follow_redirects=False)
    genuine = sqlite_client.get(r.headers["location"]).text
    assert 'class="flash ok"' in genuine and "Logged 2 large" in genuine
    crafted = sqlite_client.get("/log?msg=Your%20account%20is%20locked%3A%20call%20555-0100").text
    forged = sqlite_client.get("/log?msg=Your%20account%20is%20locked&sig=" + "0" * 32).text
    for page in (crafted, forged):
        assert "account is locked" not in page and 'class="flash ok"' not in page
