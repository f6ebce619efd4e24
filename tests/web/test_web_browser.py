"""Browser tests: Playwright (Python) driving Debian's chromium against a live uvicorn server.

Screenshots of every page land in tests/web/artifacts/ (git-ignored).
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from webutil import ARTIFACTS, LiveServer

from norepi.journal.journal import Journal

CHROMIUM = os.environ.get("NOREPI_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-sync", "--disable-dev-shm-usage"]

playwright_api = pytest.importorskip("playwright.sync_api")
if not Path(CHROMIUM).exists():
    pytest.skip(f"no chromium at {CHROMIUM} (apt-get install chromium, or set NOREPI_CHROMIUM)",
                allow_module_level=True)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    ARTIFACTS.mkdir(exist_ok=True)
    with playwright_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=shutil.which(CHROMIUM) or CHROMIUM, headless=True, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    context.set_default_timeout(20_000)
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    yield pg
    context.close()
    assert errors == [], f"JavaScript errors: {errors}"


def shot(page, name: str) -> None:  # type: ignore[no-untyped-def]
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def pct(page, key: str) -> float:  # type: ignore[no-untyped-def]
    return float(page.locator(f'tr[data-key="{key}"]').get_attribute("data-pct"))


def test_search_log_food_and_today_bars_change(live_server: LiveServer, page) -> None:  # type: ignore[no-untyped-def]
    page.goto(live_server.url + "/")
    assert page.locator('tr[data-key="protein_g"]').get_attribute("data-pct") == ""  # nothing logged: unknown
    page.goto(live_server.url + "/log")
    page.fill("#food-input", "egg whole raw")
    first = page.locator("#search-results li").first
    first.wait_for()
    assert "Egg, whole, raw, fresh" in first.inner_text()  # the CLI's ranking: best match first
    first.click()
    page.locator("#portion-select option", has_text="1 large").wait_for(state="attached")
    page.select_option("#portion-select", label="1 large (50 g)")
    assert page.input_value("#amount-input") == "1 large"
    page.fill("#amount-input", "2 large")
    shot(page, "log-search")
    page.click("#log-food-button")
    page.wait_for_url("**/log?msg=*")
    assert "Logged 2 large Egg, whole, raw, fresh (100 g)" in page.locator(".flash.ok").inner_text()
    page.goto(live_server.url + "/")
    assert pct(page, "protein_g") > 20 and pct(page, "phe_tyr_mg") > 0
    page.locator("#store-index").wait_for()  # the model's indices, fetched after the page
    page.locator("[data-gap-key='vitamin_c_mg'] li:not(.hint)").first.wait_for()
    assert "store" in page.locator("#store-index").inner_text()
    shot(page, "today")
    # quick re-log from "Again"
    page.goto(live_server.url + "/log")
    page.locator(".recent button.chip").first.click()
    page.wait_for_url("**/log?msg=*")
    assert page.locator("table.entries tr").count() == 2
    assert "Logged 2 large Egg, whole, raw, fresh (100 g)" in page.locator(".flash.ok").inner_text()
    shot(page, "log")


def test_bad_amount_is_shown_next_to_the_form(live_server: LiveServer, page) -> None:  # type: ignore[no-untyped-def]
    page.goto(live_server.url + "/log")
    page.fill("#food-input", "01123")
    page.fill("#amount-input", "3 zorks")
    page.click("#log-food-button")
    err = page.locator(".flash.err")
    assert "amount" in err.inner_text() and err.get_attribute("data-field") == "amount"
    shot(page, "log-error")


def test_upload_a_file(live_server: LiveServer, page, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    day = dt.date.today()
    csv = tmp_path / "sleep.csv"
    csv.write_text(f"bed,wake,date,focus,mood\n{day - dt.timedelta(days=1)}T23:15,{day}T07:05,{day},7,8\n")
    page.goto(live_server.url + "/log")
    page.select_option("#import-form select[name=kind]", "csv")
    page.set_input_files("#import-form input[type=file]", str(csv))
    page.click("#import-form button[type=submit]")
    page.wait_for_url("**/log?msg=*")
    assert "Imported sleep.csv: 2 ratings, 1 sleep." in page.locator(".flash.ok").inner_text()
    wrong = tmp_path / "photo.jpg"
    wrong.write_bytes(b"\xff\xd8\xff\xe0" + b"\0" * 100)
    page.set_input_files("#import-form input[type=file]", str(wrong))
    page.click("#import-form button[type=submit]")
    assert "a fit import takes .fit or .zip files, not 'photo.jpg'" in page.locator(".flash.err").inner_text()
    page.goto(live_server.url + "/")
    assert "7.8 h" in page.locator("#lifestyle").inner_text()
    shot(page, "today-after-import")


def test_trends_charts_render(live_server: LiveServer, page) -> None:  # type: ignore[no-untyped-def]
    j = Journal(live_server.db)
    today = dt.date.today()
    try:
        foods = [("01123", "2 large"), ("20038", "80 g"), ("09200", "150 g"), ("05062", "120 g")] * 3
        for i, (ndb, amount) in enumerate(foods):
            j.log_food(ndb, amount, today - dt.timedelta(days=i))
        for i in range(12):
            j.lifestyle.log_ratings(today - dt.timedelta(days=i), {"focus": 5 + i % 4, "mood": 6 + i % 3})
    finally:
        j.close()
    page.goto(f"{live_server.url}/trends?start={today - dt.timedelta(days=20)}&end={today}")
    page.locator("section.chart.rendered").nth(4).wait_for()
    assert page.locator("section.chart .main-svg").count() >= 5  # drawn by plotly.js, served locally
    shot(page, "trends")


def test_plan_page(live_server: LiveServer, page) -> None:  # type: ignore[no-untyped-def]
    from norepi.operations.plans import plan_and_save
    from norepi.planning.plan import PlanRequest

    with Journal(live_server.db) as j:
        plan_and_save(j, PlanRequest(start=dt.date.today(), days=2))
    page.goto(live_server.url + "/plan")
    assert page.locator("#plan-view table.plan").count() == 2 and page.locator("#shopping-list li").count() > 0
    shot(page, "plan")


def test_sign_up_and_log_in(live_multi_server: LiveServer, page) -> None:  # type: ignore[no-untyped-def]
    base = live_multi_server.url
    page.goto(base + "/")
    page.wait_for_url("**/login?next=/")
    shot(page, "login")
    page.click("text=Sign up")
    page.fill("input[name=email]", "ann@example.org")
    page.fill("input[name=password]", "correct horse battery")
    shot(page, "signup")
    page.click("#signup-form button[type=submit]")
    page.wait_for_url(base + "/")
    assert "Set your profile first" in page.content() and "ann@example.org" in page.locator(".who").inner_text()
    page.fill("#profile-form input[name=age_years]", "35")
    page.fill("#profile-form input[name=weight_kg]", "60")
    page.fill("#profile-form input[name=height_cm]", "165")
    page.click("#profile-form button[type=submit]")
    page.wait_for_url("**/?msg=*")
    assert page.locator("tr.bar-row").count() == 8
    cookie = next(c for c in page.context.cookies() if c["name"] == "norepi_session")
    assert cookie["httpOnly"] and cookie["sameSite"] == "Lax"
    page.click("header button:has-text('Log out')")
    page.wait_for_url("**/login?msg=*")
    page.fill("input[name=email]", "ann@example.org")
    page.fill("input[name=password]", "wrong password")
    page.click("#login-form button[type=submit]")
    assert "wrong e-mail or password" in page.locator(".flash.err").inner_text()
    page.fill("input[name=password]", "correct horse battery")
    page.click("#login-form button[type=submit]")
    page.wait_for_url(base + "/")
    assert page.locator("tr.bar-row").count() == 8
    shot(page, "today-multi-user")
