"""The JSON API under /api/v1: every route parses, makes one library call, returns JSON."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Path, Query, Request, Response, UploadFile

from norepi.days import summarize
from norepi.errors import InputError
from norepi.journal.journal import Journal
from norepi.journal.lifestyle import aware
from norepi.profile import Profile
from norepi.web import auth, services
from norepi.web.contract import DayOut, day_out
from norepi.web.deps import api_journal, current_user, state
from norepi.web.errors import ERROR_RESPONSES, WebError
from norepi.web.schemas import (
    Created,
    EntryIn,
    EntryOut,
    ExerciseIn,
    FoodOut,
    GapFoodOut,
    GapKey,
    HealthOut,
    HitOut,
    ImportKind,
    ImportOut,
    LoginIn,
    MeOut,
    ModelOut,
    PlanAcceptIn,
    PlanIn,
    PracticeIn,
    ProfileIn,
    ProfileOut,
    Pss10In,
    Pss10Out,
    RatingsIn,
    RatingsOut,
    RecentFood,
    SafeDate,
    SignupIn,
    SleepIn,
    StressEventIn,
    TrendsOut,
)

router = APIRouter(prefix="/api/v1", responses=ERROR_RESPONSES)
J = Annotated[Journal, Depends(api_journal)]
Id = Annotated[int, Path(ge=1, le=2**31 - 1, description="an id (32-bit, as stored)")]
DateQ = Annotated[SafeDate | None, Query(description="YYYY-MM-DD, default today")]
Plain = dict[str, Any]


def _today() -> dt.date:
    return dt.date.today()


def _aware(t: dt.datetime | None) -> dt.datetime:
    return aware(t) if t is not None else dt.datetime.now().astimezone()


# ---- meta -------------------------------------------------------------------------------------------------------
@router.get("/health", response_model=HealthOut, tags=["meta"])
def health(request: Request) -> Plain:
    """Liveness: the food release loaded, the mode, the optional parts installed."""
    st = state(request)
    return {"status": "ok", "foods": st.pool.database.foods.release(), "multi_user": st.config.multi_user,
            "features": st.features}


# ---- foods ------------------------------------------------------------------------------------------------------
@router.get("/foods/search", response_model=list[HitOut], tags=["foods"])
def search_foods(journal: J, q: Annotated[str, Query(min_length=1, max_length=200)],
                 limit: Annotated[int, Query(ge=1, le=50)] = 10) -> list[Any]:
    """Foods matching ``q``, best first (the CLI's ranking)."""
    return journal.search_foods(q, limit)


@router.get("/foods/{ndb_no}", response_model=FoodOut, tags=["foods"])
def food(journal: J, ndb_no: Annotated[str, Path(pattern=r"^[0-9]{1,5}$")]) -> Plain:
    """One food by NDB number with its USDA household portions."""
    info = journal.food(ndb_no.zfill(5))
    return {"ndb_no": info.ndb_no, "description": info.description, "group": info.group,
            "group_code": info.group_code,
            "portions": [{"amount": p.amount, "description": p.description, "grams": p.grams,
                          "label": services.portion_label(p)} for p in info.portions]}


@router.get("/gap-foods/{nutrient}", response_model=list[GapFoodOut], tags=["foods"])
def gap_foods(request: Request, journal: J, nutrient: GapKey,  # type: ignore[valid-type]
              limit: Annotated[int, Query(ge=1, le=20)] = 5
              ) -> list[Plain]:
    """Foods that best close a shortfall of ``nutrient`` (e.g. copper_mg), for the profile's diet."""
    return services.gap_foods(state(request), journal, nutrient, limit)


# ---- days -------------------------------------------------------------------------------------------------------
def _json(body: DayOut | list[DayOut]) -> Response:
    # serialised once (FastAPI would validate it again against response_model)
    if isinstance(body, list):
        text = "[" + ",".join(d.model_dump_json() for d in body) + "]"
    else:
        text = body.model_dump_json()
    return Response(text, media_type="application/json")


@router.get("/today", response_model=DayOut, tags=["days"])
def today(request: Request, journal: J) -> Response:
    """Today's analysis: totals, targets, coverage, shortfalls, upper limits, entries, lifestyle."""
    return Response(services.day_json(state(request), journal, _today()), media_type="application/json")


@router.get("/days/{date}", response_model=DayOut, tags=["days"])
def day(request: Request, journal: J, date: SafeDate) -> Response:
    """One day's analysis (the same JSON as ``norepi day --json``)."""
    return Response(services.day_json(state(request), journal, date), media_type="application/json")


@router.get("/days", response_model=list[DayOut], tags=["days"])
def days(request: Request, journal: J, start: SafeDate, end: SafeDate) -> Response:
    """Day analyses for every date from ``start`` to ``end`` (at most a year)."""
    services.check_range(start, end, state(request).config.max_range_days)
    return _json([day_out(d) for d in summarize(journal, start, end)])


@router.get("/trends", response_model=TrendsOut, tags=["days"])
def trends(request: Request, journal: J, start: SafeDate, end: SafeDate) -> Plain:
    """Series for charts: coverage per nutrient, sleep hours, vigorous minutes, PSS-10, ratings, weekly sums."""
    return services.trends(state(request), journal, start, end)


@router.get("/model", response_model=ModelOut, tags=["days"])
def model(request: Request, journal: J, end: DateQ = None,
          days: Annotated[int, Query(ge=1, le=31)] = services.MODEL_DAYS) -> Plain:
    """The NE model over the journal's last ``days`` days up to ``end`` (from the first of them with food
    logged): daily store %, release capacity % and plasma NE."""
    end = end or _today()
    return services.model_days(state(request), journal, end - dt.timedelta(days=days - 1), end)


# ---- food log ---------------------------------------------------------------------------------------------------
@router.get("/entries", response_model=list[EntryOut], tags=["log"])
def entries(request: Request, journal: J, start: DateQ = None, end: DateQ = None) -> list[Any]:
    """Your food entries from ``start`` to ``end`` (default today)."""
    start = start or _today()
    end = end or start
    services.check_range(start, end, state(request).config.max_range_days)
    return journal.entries(start, end)


@router.post("/entries", response_model=EntryOut, status_code=201, tags=["log"])
def log_food(journal: J, body: EntryIn) -> Any:
    """Log a food. 422 names the field (food, amount) when it is not understood; nothing is stored then."""
    return journal.log_food(body.food, body.amount, body.date or _today(), body.time)


@router.delete("/entries/{entry_id}", status_code=204, tags=["log"])
def delete_entry(journal: J, entry_id: Id) -> Response:
    """Remove one of your food entries (404 if it is not yours)."""
    journal.delete_entry(entry_id)
    return Response(status_code=204)


@router.get("/entries/recent", response_model=list[RecentFood], tags=["log"])
def recent(journal: J, limit: Annotated[int, Query(ge=1, le=50)] = 12) -> list[Plain]:
    """Foods you logged in the last 30 days (for quick re-logging), newest first."""
    return services.recent_foods(journal, _today(), limit=limit)


# ---- profile ----------------------------------------------------------------------------------------------------
@router.get("/profile", response_model=ProfileOut, tags=["profile"])
def get_profile(journal: J, on: DateQ = None) -> Plain:
    """The profile in effect on ``on`` (404-like 409 when none is set yet)."""
    return services.profile_dict(journal.profile(on))


@router.put("/profile", response_model=ProfileOut, tags=["profile"])
def set_profile(journal: J, body: ProfileIn) -> Plain:
    """Record a new profile version from ``effective_on`` (history is kept)."""
    profile = Profile.of(**body.model_dump(exclude={"effective_on"}))
    journal.set_profile(profile, body.effective_on)
    return services.profile_dict(profile)


# ---- lifestyle --------------------------------------------------------------------------------------------------
@router.post("/exercise", response_model=Created, status_code=201, tags=["lifestyle"])
def log_exercise(journal: J, body: ExerciseIn) -> Plain:
    """Log an exercise session (type, start, minutes, and any of heart rate, RPE, power)."""
    from norepi.lifestyle.exercise import ExerciseSession

    session = ExerciseSession(body.activity, _aware(body.start), body.duration_min, body.avg_hr_bpm,
                              body.max_hr_bpm, (), body.rpe_cr10, body.avg_power_w)
    return {"id": journal.lifestyle.log_exercise(session)}


@router.post("/sleep", response_model=Created, status_code=201, tags=["lifestyle"])
def log_sleep(journal: J, body: SleepIn) -> Plain:
    """Log a night's sleep from bed to wake time."""
    from norepi.lifestyle.sleep import SleepPeriod

    period = SleepPeriod(_aware(body.bed), _aware(body.wake), asleep_min=body.asleep_min, nap=body.nap)
    return {"id": journal.lifestyle.log_sleep(period, "replace" if body.replace else "refuse")}


@router.post("/practices", response_model=Created, status_code=201, tags=["lifestyle"])
def log_practice(journal: J, body: PracticeIn) -> Plain:
    """Log a practice: meditation, slow breathing or time in nature."""
    from norepi.lifestyle.stress import Practice

    return {"id": journal.lifestyle.log_practice(Practice(body.kind, _aware(body.start), body.duration_min))}


@router.post("/stress-events", response_model=Created, status_code=201, tags=["lifestyle"])
def log_stress_event(journal: J, body: StressEventIn) -> Plain:
    """Log an acute stress event (intensity 1-10)."""
    from norepi.lifestyle.stress import StressEvent

    return {"id": journal.lifestyle.log_stress_event(StressEvent(_aware(body.at), body.intensity, body.note))}


@router.put("/ratings", response_model=RatingsOut, tags=["lifestyle"])
def log_ratings(journal: J, body: RatingsIn) -> Plain:
    """Set the day's self-ratings (focus, energy, mood, motivation: 1-10); ratings not sent are kept."""
    on = body.date or _today()
    values = body.model_dump(exclude={"date"}, exclude_none=True)
    if not values:
        raise InputError("give at least one of focus, energy, mood, motivation", field="ratings")
    return {"date": on, "ratings": journal.lifestyle.log_ratings(on, values)}


@router.post("/pss10", response_model=Pss10Out, status_code=201, tags=["lifestyle"])
def log_pss10(journal: J, body: Pss10In) -> Plain:
    """Record a completed PSS-10 (ten answers 0-4); returns the total and its band."""
    on = body.date or _today()
    result = journal.lifestyle.log_pss10(body.answers, on)
    return {"date": on, "total": result.total, "band": result.band}


@router.post("/imports/{kind}", response_model=ImportOut, status_code=201, tags=["lifestyle"])
def import_file(request: Request, journal: J, kind: ImportKind, file: Annotated[UploadFile, File()]) -> Plain:
    """Import a file: ``fit`` (.fit), ``apple-health`` (.xml/.zip), ``cronometer`` (.csv), ``csv`` (.csv).
    Wrong kind or too large: 4xx and nothing is stored; a file imported before adds nothing."""
    return services.import_upload(state(request), journal, kind, file.filename, file.file)


# ---- meal plans -------------------------------------------------------------------------------------------------
@router.post("/plans", status_code=201, tags=["plans"])
def create_plan(request: Request, journal: J, body: PlanIn) -> Plain:
    """Plan 1-7 days that reach every target with realistic portions (saved; see GET /plans/latest)."""
    return services.plan(state(request), journal, body)


@router.get("/plans/latest", tags=["plans"])
def latest_plan(journal: J) -> Plain:
    """Your newest saved plan (404 when none)."""
    return services.saved_plan(journal, None)


@router.get("/plans/{plan_id}", tags=["plans"])
def get_plan(journal: J, plan_id: Id) -> Plain:
    """One of your saved plans (404 if it is not yours)."""
    return services.saved_plan(journal, plan_id)


@router.post("/plans/{plan_id}/accept", response_model=list[EntryOut], tags=["plans"])
def accept_plan(journal: J, plan_id: Id, body: PlanAcceptIn) -> list[Any]:
    """Log a saved plan's foods (source "plan"; accepting again replaces them)."""
    from norepi.operations.plans import accept_plan as accept

    return accept(journal, plan_id, body.start)


# ---- accounts ---------------------------------------------------------------------------------------------------
def _require_multi(request: Request) -> None:
    if not state(request).config.multi_user:
        raise WebError(404, "accounts are off: start the server with --multi-user", "mode")


@router.get("/auth/me", response_model=MeOut, tags=["accounts"])
def me(request: Request) -> Plain:
    """Who you are; in multi-user mode also the CSRF token to send as X-CSRF-Token on writes."""
    st = state(request)
    uid = current_user(request)
    if uid is None:
        raise WebError(401, "not logged in", "session")
    seed = request.cookies.get(auth.SESSION_COOKIE)
    email = st.accounts.email(uid) if st.config.multi_user else None
    return {"user_id": uid, "email": email, "multi_user": st.config.multi_user,
            "csrf_token": auth.csrf_token_for(st.config.secret_key, seed) if seed else None}


def _login_response(request: Request, response: Response, uid: int) -> Plain:
    st = state(request)
    token = st.accounts.start_session(uid, st.config.session_days)
    auth.set_session_cookie(response, token, st.config.secure_cookies, st.config.session_days)
    return {"user_id": uid, "email": st.accounts.email(uid), "multi_user": True,
            "csrf_token": auth.csrf_token_for(st.config.secret_key, token)}


@router.post("/auth/signup", response_model=MeOut, status_code=201, tags=["accounts"])
def signup(request: Request, response: Response, body: SignupIn) -> Plain:
    """Create an account (argon2id hash) and log in: the session cookie is set."""
    _require_multi(request)
    uid = auth.create_user(state(request).accounts, body.email, body.password)
    return _login_response(request, response, uid)


@router.post("/auth/login", response_model=MeOut, tags=["accounts"])
def login(request: Request, response: Response, body: LoginIn) -> Plain:
    """Log in (sets the session cookie). Too many failures from one address or for one e-mail: 429."""
    _require_multi(request)
    st = state(request)
    uid = auth.login(st.accounts, st.limiter, body.email, body.password,
                     request.client.host if request.client else "?")
    return _login_response(request, response, uid)


@router.post("/auth/logout", status_code=204, tags=["accounts"])
def logout(request: Request) -> Response:
    """End this session (the cookie stops working, also if it was copied)."""
    _require_multi(request)
    st = state(request)
    token = request.cookies.get(auth.SESSION_COOKIE)
    if token:
        auth.check_csrf(request, st.config.secret_key, request.headers.get(auth.CSRF_HEADER))
        st.accounts.end_session(token)
    response = Response(status_code=204)
    response.delete_cookie(auth.SESSION_COOKIE, path="/")
    return response

