"""Server-rendered pages: Today, Log, Trends, Plan, and login/sign-up (multi-user mode).

Forms post to these routes, are validated with the API's Pydantic models, and redirect back (303)
with a message; a wrong value re-renders the page with the message naming the field (4xx).
"""

from __future__ import annotations

import datetime as dt
import json
import secrets
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar
from urllib.parse import quote, urlsplit

from fastapi import APIRouter, Request
from fastapi import Path as PathParam
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from pydantic import BaseModel, ValidationError

from norepi.errors import DataMissing, InputError, NorepiError
from norepi.journal.journal import Journal
from norepi.journal.lifestyle import aware
from norepi.nutrition.nutrients import BY_KEY
from norepi.profile import ACTIVITIES, ALLERGENS, DIETS, LIFE_STAGES, Profile
from norepi.web import auth, charts, services
from norepi.web.deps import current_user, page_journal, state
from norepi.web.errors import WebError, error_body, status_of, validation_message
from norepi.web.schemas import (
    MAX_DATE,
    MIN_DATE,
    EntryIn,
    ExerciseIn,
    LoginIn,
    PlanIn,
    PracticeIn,
    ProfileIn,
    RatingsIn,
    SignupIn,
    SleepIn,
)

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))
M = TypeVar("M", bound=BaseModel)


# ---- rendering --------------------------------------------------------------------------------------------------
def _csrf(request: Request) -> tuple[str, str | None]:
    """(token for the forms, a new seed to set as cookie or None)."""
    seed = auth.csrf_seed(request)
    new = None
    if seed is None:
        seed = new = secrets.token_urlsafe(32)
    return auth.csrf_token_for(state(request).config.secret_key, seed), new


def render(request: Request, name: str, ctx: dict[str, Any], status: int = 200) -> Response:
    st = state(request)
    token, new_seed = _csrf(request)
    uid = current_user(request)
    base = {
        "request": request,
        "csrf_token": token,
        "multi_user": st.config.multi_user,
        "user_email": st.accounts.email(uid) if st.config.multi_user and uid else None,
        "logged_in": uid is not None,
        "features": st.features,
        "message": _flash(request),
        "error": None,
        "error_field": None,
    }
    response = templates.TemplateResponse(request, name, {**base, **ctx}, status_code=status)
    if new_seed:
        response.set_cookie(auth.CSRF_COOKIE, new_seed, httponly=True, samesite="lax",
                            secure=st.config.secure_cookies, path="/")
    response.headers["Cache-Control"] = "no-store"
    return response


def error_page(request: Request, status: int, message: str) -> Response:
    return render(request, "error.html", {"status": status, "error": message}, status)


def redirect(request: Request, path: str, msg: str | None = None) -> RedirectResponse:
    """303 to ``path``; ``msg`` travels in the query with an HMAC so that only the server's own messages show
    (a crafted link cannot put its words in the page's flash)."""
    if not msg:
        return RedirectResponse(path, status_code=303)
    sig = auth.flash_signature(state(request).config.secret_key, msg)
    return RedirectResponse(f"{path}?msg={quote(msg)}&sig={sig}", status_code=303)


def _flash(request: Request) -> str | None:
    """The redirect's message, if the server signed it."""
    msg, sig = request.query_params.get("msg"), request.query_params.get("sig")
    if not msg or not sig:
        return None
    return msg if auth.flash_is_genuine(state(request).config.secret_key, msg, sig) else None


async def form(request: Request) -> dict[str, Any]:
    """The posted form (CSRF checked), blank fields dropped."""
    values: dict[str, Any] = {}
    async with request.form() as data:  # closes any uploaded file parts
        for key in data:
            items = [v for v in data.getlist(key) if isinstance(v, str)]
            if key.endswith("[]"):
                values[key[:-2]] = [v for v in items if v.strip()]
            elif items and items[-1].strip():
                values[key] = items[-1]
    auth.check_csrf(request, state(request).config.secret_key, values.pop("csrf_token", None))
    return values


def parse(model: type[M], data: dict[str, Any]) -> M:
    """Validate form values with an API model; InputError names the first wrong field."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        message, field = validation_message(exc)
        raise InputError(message.partition(": ")[2] or message, field=field) from None


T = TypeVar("T")


async def call(fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    return await run_in_threadpool(fn, *args, **kwargs)


def _today() -> dt.date:
    return dt.date.today()


def _date_param(request: Request, name: str, default: dt.date) -> dt.date:
    text = request.query_params.get(name)
    if not text:
        return default
    try:
        value = dt.date.fromisoformat(text)
    except ValueError:
        raise InputError(f"{text[:40]!r} is not a date (YYYY-MM-DD)", field=name) from None
    if not MIN_DATE <= value <= MAX_DATE:
        raise InputError(f"{value} is outside {MIN_DATE.year}-{MAX_DATE.year}", field=name)
    return value


# ---- Today ------------------------------------------------------------------------------------------------------
def today_context(request: Request, journal: Journal, on: dt.date) -> dict[str, Any]:
    ctx: dict[str, Any] = {"page": "today", "date": on, "profile_form": _profile_form_ctx(None)}
    try:
        profile = journal.profile(on)
        ctx["profile_form"] = _profile_form_ctx(profile)
    except DataMissing as exc:
        ctx["needs_profile"] = str(exc)
        return ctx
    from norepi.days import summarize_day
    from norepi.web.contract import day_out

    summary = summarize_day(journal, on)
    food = summary.food
    ctx.update(summary=day_out(summary), food=food, labels={k: BY_KEY[k].label for k in BY_KEY})
    bars = []
    for key in services.TODAY_KEYS:
        if key not in summary.targets:
            continue
        t = summary.targets[key]
        total = food.totals.get(key, 0.0) if food else None
        pct = food.coverage_pct.get(key) if food else None
        bars.append({
            "key": key, "label": BY_KEY[key].label, "unit": BY_KEY[key].unit, "role": BY_KEY[key].role,
            "total": total, "rda": t.rda, "ul": t.ul, "pct": pct,
            # the track spans 0-150 % of the target: the RDA tick sits at 2/3, the UL tick where it falls (or the end)
            "width": min(100.0, (pct or 0.0) / 1.5),
            "ul_pos": min(99.5, 100.0 * t.ul / (t.rda * 1.5)) if t.ul else None,
            "over_ul": bool(food) and any(o.key == key for o in food.over_ul),
            "lower_bound": bool(food) and key in food.lower_bound, "short": bool(food) and key in food.shortfalls,
        })
    ctx.update(bars=bars, shortfalls=[k for k in food.shortfalls if k in services.TODAY_KEYS] if food else [])
    return ctx


def _profile_form_ctx(profile: Profile | None) -> dict[str, Any]:
    return {"profile": profile, "activities": ACTIVITIES, "life_stages": LIFE_STAGES, "diets": DIETS,
            "allergens": ALLERGENS}


@router.get("/", response_class=HTMLResponse)
async def today_page(request: Request) -> Response:
    journal = page_journal(request)
    on = _date_param(request, "date", _today())
    ctx = await call(today_context, request, journal, on)
    return render(request, "today.html", ctx)


@router.post("/profile")
async def profile_post(request: Request) -> Response:
    journal = page_journal(request)
    data = await form(request)
    try:
        body = parse(ProfileIn, data)
        profile = Profile.of(**body.model_dump(exclude={"effective_on"}))
        await call(journal.set_profile, profile, body.effective_on)
    except NorepiError as exc:
        ctx = await call(today_context, request, journal, _today())
        return _with_error(request, "today.html", ctx, exc)
    return redirect(request, "/", "Profile saved.")


def _with_error(request: Request, name: str, ctx: dict[str, Any], exc: NorepiError) -> Response:
    body = error_body(exc)
    ctx = {**ctx, "error": body["detail"], "error_field": body["field"], "choices": body.get("choices")}
    return render(request, name, ctx, status_of(exc))


# ---- Log --------------------------------------------------------------------------------------------------------
def log_context(request: Request, journal: Journal, on: dt.date) -> dict[str, Any]:
    from norepi.lifestyle.exercise import ACTIVITIES as EXERCISES

    suffixes = services.upload_suffixes()
    ctx: dict[str, Any] = {"page": "log", "date": on, "entries": journal.entries(on),
                           "recent": services.recent_foods(journal, _today()), "exercises": list(EXERCISES),
                           "practices": ("meditation", "slow_breathing", "nature"),
                           "import_kinds": list(suffixes), "upload_suffixes": suffixes,
                           "max_upload_mb": state(request).config.max_upload_bytes / 1e6}
    return ctx


@router.get("/log", response_class=HTMLResponse)
async def log_page(request: Request) -> Response:
    journal = page_journal(request)
    on = _date_param(request, "date", _today())
    return render(request, "log.html", await call(log_context, request, journal, on))


async def _log_action(request: Request, action: Callable[[Journal, dict[str, Any]], str]) -> Response:
    """Run a Log form: CSRF, validate, one library call, redirect with a message (or the page with the error)."""
    journal = page_journal(request)
    try:
        data = await form(request)
        msg = await call(action, journal, data)
    except NorepiError as exc:
        ctx = await call(log_context, request, journal, _today())
        return _with_error(request, "log.html", ctx, exc)
    return redirect(request, "/log", msg)


@router.post("/log/food")
async def log_food_post(request: Request) -> Response:
    def action(journal: Journal, data: dict[str, Any]) -> str:
        body = parse(EntryIn, data)
        e = journal.log_food(body.food, body.amount, body.date or _today(), body.time)
        return f"Logged {e.portion_text} {e.description} ({e.grams:g} g)."

    return await _log_action(request, action)


@router.post("/log/entries/{entry_id}/delete")
async def delete_entry_post(request: Request, entry_id: Annotated[int, PathParam(ge=1, le=2**31 - 1)]
                            ) -> Response:
    def action(journal: Journal, data: dict[str, Any]) -> str:
        journal.delete_entry(entry_id)
        return "Entry removed."

    return await _log_action(request, action)


@router.post("/log/exercise")
async def log_exercise_post(request: Request) -> Response:
    def action(journal: Journal, data: dict[str, Any]) -> str:
        from norepi.lifestyle.exercise import ExerciseSession

        body = parse(ExerciseIn, data)
        start = aware(body.start) if body.start else dt.datetime.now().astimezone()
        journal.lifestyle.log_exercise(ExerciseSession(body.activity, start, body.duration_min, body.avg_hr_bpm,
                                                       body.max_hr_bpm, (), body.rpe_cr10, body.avg_power_w))
        return f"Logged {body.activity}, {body.duration_min:g} min."

    return await _log_action(request, action)


@router.post("/log/sleep")
async def log_sleep_post(request: Request) -> Response:
    def action(journal: Journal, data: dict[str, Any]) -> str:
        from norepi.lifestyle.sleep import SleepPeriod

        body = parse(SleepIn, data)
        period = SleepPeriod(aware(body.bed), aware(body.wake), asleep_min=body.asleep_min, nap=body.nap)
        journal.lifestyle.log_sleep(period, "replace" if body.replace else "refuse")
        return f"Logged sleep: {period.time_asleep_min / 60:.1f} h."

    return await _log_action(request, action)


@router.post("/log/practice")
async def log_practice_post(request: Request) -> Response:
    def action(journal: Journal, data: dict[str, Any]) -> str:
        from norepi.lifestyle.stress import Practice

        body = parse(PracticeIn, data)
        start = aware(body.start) if body.start else dt.datetime.now().astimezone()
        journal.lifestyle.log_practice(Practice(body.kind, start, body.duration_min))
        return f"Logged {body.kind.replace('_', ' ')}, {body.duration_min:g} min."

    return await _log_action(request, action)


@router.post("/log/rating")
async def log_rating_post(request: Request) -> Response:
    def action(journal: Journal, data: dict[str, Any]) -> str:
        body = parse(RatingsIn, data)
        values = body.model_dump(exclude={"date"}, exclude_none=True)
        if not values:
            raise InputError("give at least one of focus, energy, mood, motivation", field="focus")
        got = journal.lifestyle.log_ratings(body.date or _today(), values)
        return "Ratings saved: " + ", ".join(f"{k} {v:g}" for k, v in got.items()) + "."

    return await _log_action(request, action)


@router.post("/log/pss10")
async def log_pss10_post(request: Request) -> Response:
    def action(journal: Journal, data: dict[str, Any]) -> str:
        from norepi.lifestyle.stress import parse_answers

        answers = parse_answers(str(data.get("answers", "")))
        on = parse(RatingsIn, {"date": data["date"]} if "date" in data else {}).date or _today()
        result = journal.lifestyle.log_pss10(answers, on)
        return f"PSS-10 total {result.total} of 40: {result.band} perceived stress."

    return await _log_action(request, action)


@router.post("/log/import")
async def log_import_post(request: Request) -> Response:
    journal = page_journal(request)
    st = state(request)
    length = int(request.headers.get("content-length") or 0)
    try:
        if length > st.config.max_upload_bytes + 64 * 1024:
            raise WebError(413, f"the upload is larger than the {st.config.max_upload_bytes / 1e6:g} MB limit; "
                           "nothing was stored", "file")
        async with request.form(max_part_size=1024 * 1024) as data:
            auth.check_csrf(request, st.config.secret_key, data.get("csrf_token"))  # type: ignore[arg-type]
            upload = data.get("file")
            kind = str(data.get("kind") or "")
            if upload is None or isinstance(upload, str):
                raise InputError("no file chosen", field="file")
            result = await call(services.import_upload, st, journal, kind, upload.filename, upload.file)
    except (NorepiError, WebError) as exc:
        ctx = await call(log_context, request, journal, _today())
        if isinstance(exc, WebError):
            return render(request, "log.html", {**ctx, "error": exc.detail, "error_field": exc.field}, exc.status)
        return _with_error(request, "log.html", ctx, exc)
    if result["unchanged"]:
        return redirect(request, "/log", f"{result['filename']} was imported before: nothing changed.")
    added = ", ".join(f"{n:,} {k}" for k, n in result["added"].items()) or "nothing new"
    return redirect(request, "/log", f"Imported {result['filename']}: {added}.")


# ---- Trends -----------------------------------------------------------------------------------------------------
@router.get("/trends", response_class=HTMLResponse)
async def trends_page(request: Request) -> Response:
    journal = page_journal(request)
    end = _date_param(request, "end", _today())
    start = _date_param(request, "start", end - dt.timedelta(days=27))
    st = state(request)
    try:
        data = await call(services.trends, st, journal, start, end)
    except DataMissing as exc:
        return render(request, "trends.html", {"page": "trends", "start": start, "end": end,
                                               "needs_profile": str(exc), "charts": []})
    except NorepiError as exc:
        ctx = {"page": "trends", "start": start, "end": end, "charts": []}
        return _with_error(request, "trends.html", ctx, exc)
    figs = charts.trend_charts(data, {k: BY_KEY[k].label for k in BY_KEY})
    charts_json = json.dumps([f["figure"] for f in figs]).replace("</", "<\\/")  # safe inside <script>
    return render(request, "trends.html", {"page": "trends", "start": start, "end": end, "charts": figs,
                                           "charts_json": charts_json})


# ---- Plan -------------------------------------------------------------------------------------------------------
def plan_context(journal: Journal) -> dict[str, Any]:
    ctx: dict[str, Any] = {"page": "plan", "plan": None, "labels": {k: BY_KEY[k].label for k in BY_KEY},
                           "units": {k: BY_KEY[k].unit for k in BY_KEY}, "diets": DIETS}
    try:
        saved = journal.plans.get(None)
        ctx.update(plan={**saved.plan, "id": saved.id}, plan_id=saved.id, accepted=saved.accepted_at)
    except NorepiError:
        pass
    return ctx


@router.get("/plan", response_class=HTMLResponse)
async def plan_page(request: Request) -> Response:
    journal = page_journal(request)
    if not state(request).features["planning"]:
        return render(request, "plan.html", {"page": "plan", "plan": None, "unavailable": True})
    return render(request, "plan.html", await call(plan_context, journal))


@router.post("/plan")
async def plan_post(request: Request) -> Response:
    journal = page_journal(request)

    def action(data: dict[str, Any]) -> int:
        return int(services.plan(state(request), journal, parse(PlanIn, data))["id"])

    try:
        data = await form(request)
        if "dislikes" in data:
            data["dislikes"] = [w.strip() for w in str(data["dislikes"]).split(",") if w.strip()]
        pid = await call(action, data)
    except NorepiError as exc:
        return _with_error(request, "plan.html", await call(plan_context, journal), exc)
    return redirect(request, "/plan", f"Plan {pid} saved.")


@router.post("/plan/{plan_id}/accept")
async def plan_accept_post(request: Request, plan_id: Annotated[int, PathParam(ge=1, le=2**31 - 1)]) -> Response:
    journal = page_journal(request)

    def action() -> int:
        from norepi.operations.plans import accept_plan

        return len(accept_plan(journal, plan_id))

    try:
        await form(request)
        n = await call(action)
    except NorepiError as exc:
        return _with_error(request, "plan.html", await call(plan_context, journal), exc)
    return redirect(request, "/plan", f"Logged {n} foods from plan {plan_id}.")


# ---- accounts ---------------------------------------------------------------------------------------------------
def _safe_next(text: str | None) -> str:
    if not text or not text.startswith("/") or text.startswith("//") or urlsplit(text).netloc:
        return "/"
    return text


def _require_multi(request: Request) -> None:
    if not state(request).config.multi_user:
        raise WebError(404, "accounts are off: this server runs in single-user mode", "mode")


@router.get("/login", response_class=HTMLResponse)
async def login_page(request: Request) -> Response:
    _require_multi(request)
    return render(request, "login.html", {"page": "login", "mode": "login",
                                          "next": _safe_next(request.query_params.get("next"))})


@router.get("/signup", response_class=HTMLResponse)
async def signup_page(request: Request) -> Response:
    _require_multi(request)
    return render(request, "login.html", {"page": "signup", "mode": "signup", "next": "/"})


async def _account_post(request: Request, mode: str) -> Response:
    _require_multi(request)
    st = state(request)
    next_url = "/"
    email = ""
    try:
        data = await form(request)
        next_url = _safe_next(data.pop("next", None))
        email = str(data.get("email", ""))
        if mode == "signup":
            body = parse(SignupIn, data)
            uid = await call(auth.create_user, st.accounts, body.email, body.password)
        else:
            login = parse(LoginIn, data)
            uid = await call(auth.login, st.accounts, st.limiter, login.email, login.password,
                             request.client.host if request.client else "?")
    except (NorepiError, WebError) as exc:
        if isinstance(exc, WebError):
            detail, field, status = exc.detail, exc.field, exc.status
        else:
            detail, field, status = str(exc), getattr(exc, "field", None), status_of(exc)
        return render(request, "login.html", {"page": mode, "mode": mode, "next": next_url, "email": email,
                                              "error": detail, "error_field": field}, status)
    token = await call(st.accounts.start_session, uid, st.config.session_days)
    response = redirect(request, next_url)
    auth.set_session_cookie(response, token, st.config.secure_cookies, st.config.session_days)
    return response


@router.post("/login")
async def login_post(request: Request) -> Response:
    return await _account_post(request, "login")


@router.post("/signup")
async def signup_post(request: Request) -> Response:
    return await _account_post(request, "signup")


@router.post("/logout")
async def logout_post(request: Request) -> Response:
    _require_multi(request)
    await form(request)
    token = request.cookies.get(auth.SESSION_COOKIE)
    if token:
        await call(state(request).accounts.end_session, token)
    response = redirect(request, "/login", "Logged out.")
    response.delete_cookie(auth.SESSION_COOKIE, path="/")
    return response
