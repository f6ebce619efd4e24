"""The JSON API, run against SQLite and a real PostgreSQL server (same tests, `any_db` fixture)."""

from __future__ import annotations

import datetime as dt

from fastapi.testclient import TestClient
from webutil import make_client

from norepi.journal.journal import Journal

TODAY = dt.date.today().isoformat()
TODAY_KEYS = ("phe_tyr_mg", "protein_g", "vitamin_c_mg", "copper_mg", "vitamin_b6_mg", "folate_dfe_ug",
              "magnesium_mg", "iron_mg")


def test_health_and_openapi(client: TestClient) -> None:
    health = client.get("/api/v1/health").json()
    assert health["status"] == "ok" and health["foods"] == "SR28" and health["multi_user"] is False
    schema = client.get("/openapi.json").json()
    paths = schema["paths"]
    for path in ("/api/v1/today", "/api/v1/entries", "/api/v1/entries/{entry_id}", "/api/v1/foods/search",
                 "/api/v1/trends", "/api/v1/profile", "/api/v1/imports/{kind}", "/api/v1/auth/login"):
        assert path in paths, path
    assert not any(not p.startswith("/api/v1/") for p in paths), "pages are not part of the API schema"


def test_search_uses_the_cli_ranking_and_portions(client: TestClient, any_db: str) -> None:
    hits = client.get("/api/v1/foods/search", params={"q": "egg whole raw", "limit": 5}).json()
    with Journal(any_db) as j:
        expected = [h.ndb_no for h in j.search_foods("egg whole raw", 5)]
    assert [h["ndb_no"] for h in hits] == expected and hits[0]["ndb_no"] == "01123"
    food = client.get("/api/v1/foods/1123").json()
    assert food["description"] == "Egg, whole, raw, fresh"
    assert {"amount": 1.0, "description": "large", "grams": 50.0, "label": "1 large"} in food["portions"]
    assert client.get("/api/v1/foods/99999").status_code == 404
    assert client.get("/api/v1/foods/abc").status_code == 422


def test_log_food_changes_today_and_delete(client: TestClient) -> None:
    before = client.get("/api/v1/today").json()
    assert before["date"] == TODAY and set(TODAY_KEYS) <= set(before["targets"])
    assert before["food_logged"] is False and before["totals"] is None  # nothing logged: unknown, not zero
    r = client.post("/api/v1/entries", json={"food": "01123", "amount": "2 large"})
    assert r.status_code == 201, r.text
    entry = r.json()
    assert entry["grams"] == 100.0 and entry["portion_text"] == "2 large" and entry["date"] == TODAY
    phrase = client.post("/api/v1/entries", json={"food": "1 cup oats", "time": "08:00"})
    assert phrase.status_code == 201, phrase.text
    after = client.get("/api/v1/today").json()
    assert after["food_logged"] and after["totals"]["protein_g"] > 10
    assert after["coverage_pct"]["phe_tyr_mg"] > 0
    assert {e["id"] for e in after["entries"]} == {entry["id"], phrase.json()["id"]}
    assert client.get(f"/api/v1/days/{TODAY}").json() == after
    listed = client.get("/api/v1/entries", params={"start": TODAY, "end": TODAY}).json()
    # same entries on both backends (the order of untimed entries differs: SQLite sorts NULL times first)
    assert sorted(e["id"] for e in listed) == sorted([phrase.json()["id"], entry["id"]])
    recent = client.get("/api/v1/entries/recent").json()
    assert {r["ndb_no"] for r in recent} == {"01123", phrase.json()["ndb_no"]}
    amounts = {r["ndb_no"]: r["amount"] for r in recent}
    assert amounts["01123"] == "2 large"  # as typed
    assert amounts[phrase.json()["ndb_no"]] == "1 cup"  # a whole phrase: the amount understood from it
    assert client.delete(f"/api/v1/entries/{entry['id']}").status_code == 204
    gone = client.delete(f"/api/v1/entries/{entry['id']}")
    assert gone.status_code == 404 and gone.json()["detail"] == f"no food entry {entry['id']}"


def test_bad_input_names_the_field_and_stores_nothing(client: TestClient) -> None:
    cases = [
        ({"food": "01123", "amount": "2 zorks"}, "amount"),
        ({"food": "01123", "amount": "-5 g"}, "amount"),
        ({"food": ""}, "food"),
        ({"amount": "1 g"}, "food"),
        ({"food": "01123", "amount": "1 g", "date": "2026-13-01"}, "date"),
        ({"food": "01123", "amount": "1 g", "time": "25:00"}, "time"),
        ({"food": "01123", "amount": "1 g", "colour": "red"}, "colour"),
        ({"food": "xqzzyv plonk", "amount": "1 g"}, None),
    ]
    for body, field in cases:
        r = client.post("/api/v1/entries", json=body)
        assert 400 <= r.status_code < 500, (body, r.status_code, r.text)
        detail = r.json()
        assert detail["detail"] and isinstance(detail["detail"], str)
        if field:
            assert detail["field"] == field, (body, detail)
            assert field in detail["detail"]
    assert client.post("/api/v1/entries", content=b"{not json", headers={"content-type": "application/json"}
                       ).status_code == 422
    ambiguous = client.post("/api/v1/entries", json={"food": "milk", "amount": "1 cup"})
    if ambiguous.status_code == 422 and ambiguous.json()["field"] == "food":
        assert ambiguous.json().get("choices") is None or len(ambiguous.json()["choices"]) > 1
    assert client.get("/api/v1/today").json()["entries"] == [e for e in client.get("/api/v1/today").json()["entries"]
                                                               if e["description"].startswith("Milk")]


def test_profile_roundtrip_and_validation(client: TestClient) -> None:
    assert client.get("/api/v1/profile").json()["sex"] == "female"
    new = {"sex": "male", "age_years": 40, "weight_kg": 80, "height_cm": 180, "diet": "vegetarian",
           "exclusions": ["peanuts"], "effective_on": TODAY}
    r = client.put("/api/v1/profile", json=new)
    assert r.status_code == 200 and r.json()["diet"] == "vegetarian"
    assert client.get("/api/v1/profile").json()["exclusions"] == ["peanuts"]
    bad = client.put("/api/v1/profile", json={**new, "life_stage": "pregnant"})
    assert bad.status_code == 422 and bad.json()["field"] == "life_stage"
    bad = client.put("/api/v1/profile", json={**new, "age_years": 0})
    assert bad.status_code == 422 and bad.json()["field"] == "age_years"


def test_lifestyle_logging_shows_in_the_day(client: TestClient) -> None:
    day = dt.date.today()
    at = f"{day.isoformat()}T07:00"
    assert client.post("/api/v1/exercise", json={"activity": "run", "start": at, "duration_min": 30,
                                                 "avg_hr_bpm": 160}).status_code == 201
    bed = (day - dt.timedelta(days=1)).isoformat() + "T23:00"
    assert client.post("/api/v1/sleep", json={"bed": bed, "wake": f"{day.isoformat()}T06:30"}).status_code == 201
    assert client.post("/api/v1/practices", json={"kind": "meditation", "start": f"{day.isoformat()}T21:00",
                                                  "duration_min": 15}).status_code == 201
    r = client.put("/api/v1/ratings", json={"focus": 7, "mood": 8})
    assert r.status_code == 200 and r.json()["ratings"] == {"focus": 7, "mood": 8}
    r = client.post("/api/v1/pss10", json={"answers": [2, 3, 1, 3, 2, 1, 2, 3, 1, 2]})
    assert r.status_code == 201 and r.json()["total"] > 0
    assert client.post("/api/v1/stress-events", json={"intensity": 6, "note": "deadline"}).status_code == 201
    d = client.get("/api/v1/today").json()
    assert d["exercise"][0]["type"] == "run" and d["exercise"][0]["duration_min"] == 30
    assert d["sleep"][0]["duration_min"] == 450
    assert d["practices"][0]["kind"] == "meditation"
    assert d["ratings"]["focus"] == 7 and d["stress"]["pss10"] == r.json()["total"]
    for path, body, field in [
        ("/api/v1/exercise", {"activity": "run", "duration_min": 0}, "duration_min"),
        ("/api/v1/exercise", {"activity": "run", "duration_min": 30, "avg_hr_bpm": 400}, "avg_hr_bpm"),
        ("/api/v1/sleep", {"bed": f"{day.isoformat()}T07:00", "wake": f"{day.isoformat()}T06:00"}, None),
        ("/api/v1/practices", {"kind": "yelling", "duration_min": 5}, "kind"),
        ("/api/v1/pss10", {"answers": [5] * 10}, "answers"),
        ("/api/v1/pss10", {"answers": [1] * 9}, "answers"),
        ("/api/v1/stress-events", {"intensity": 11}, "intensity"),
    ]:
        r = client.request("PUT" if path.endswith("ratings") else "POST", path, json=body)
        assert r.status_code == 422, (path, body, r.text)
        if field:
            assert r.json()["field"] == field, (path, r.json())
    r = client.put("/api/v1/ratings", json={"focus": 0})
    assert r.status_code == 422 and r.json()["field"] == "focus"
    r = client.put("/api/v1/ratings", json={})
    assert r.status_code == 422 and r.json()["field"] == "ratings"


def test_trends_model_gap_foods(client: TestClient) -> None:
    client.post("/api/v1/entries", json={"food": "01123", "amount": "2 large"})
    start = (dt.date.today() - dt.timedelta(days=13)).isoformat()
    t = client.get("/api/v1/trends", params={"start": start, "end": TODAY}).json()
    assert len(t["dates"]) == 14 and t["dates"][-1] == TODAY
    assert t["coverage_pct"]["protein_g"][-1] > 0 and t["coverage_pct"]["protein_g"][0] is None
    assert len(t["weeks"]) == 2 and len(t["sleep_h"]) == 14
    bad = client.get("/api/v1/trends", params={"start": TODAY, "end": start})
    assert bad.status_code == 422 and bad.json()["field"] == "end"
    too_long = client.get("/api/v1/trends", params={"start": "2000-01-01", "end": TODAY})
    assert too_long.status_code == 422 and "longer" in too_long.json()["detail"]
    gaps = client.get("/api/v1/gap-foods/vitamin_c_mg", params={"limit": 3}).json()
    assert len(gaps) == 3 and all(g["per_portion"] > 0 for g in gaps)
    assert client.get("/api/v1/gap-foods/energy_kcal").json()["field"] == "nutrient"
    model = client.get("/api/v1/model", params={"days": 2}).json()
    assert "not a diagnosis" in model["disclaimer"] and model["days"][-1]["date"] == TODAY
    assert 0 < model["days"][-1]["store_pct"]["value"] < 200 and model["days"][-1]["store_pct"]["text"]


def test_without_profile_or_foods_the_api_says_what_is_missing(any_db: str, tmp_path) -> None:  # type: ignore[no-untyped-def]
    with make_client(any_db) as c:
        r = c.get("/api/v1/today")
        assert r.status_code == 409 and "profile" in r.json()["detail"]
    with make_client(str(tmp_path / "empty.sqlite")) as c:
        r = c.get("/api/v1/foods/search", params={"q": "egg"})
        assert r.status_code == 409 and "food database" in r.json()["detail"]


def test_cross_site_writes_are_refused(client: TestClient) -> None:
    r = client.post("/api/v1/entries", json={"food": "01123", "amount": "1 large"},
                    headers={"Origin": "http://evil.example"})
    assert r.status_code == 403 and r.json()["field"] == "origin"
    r = client.post("/api/v1/entries", json={"food": "01123", "amount": "1 large"},
                    headers={"Sec-Fetch-Site": "cross-site"})
    assert r.status_code == 403
    ok = client.post("/api/v1/entries", json={"food": "01123", "amount": "1 large"},
                     headers={"Origin": "http://testserver"})
    assert ok.status_code == 201
    assert client.get("/api/v1/today").json()["entries"][0]["id"] == ok.json()["id"]


def test_ids_beyond_32_bits_are_refused_not_crashing(client: TestClient) -> None:
    for method, path in (("DELETE", "/api/v1/entries/9223372036854775808"), ("GET", "/api/v1/plans/99999999999"),
                         ("POST", "/api/v1/plans/0/accept")):
        r = client.request(method, path, json={} if method == "POST" else None)
        assert r.status_code == 422, (path, r.text)
