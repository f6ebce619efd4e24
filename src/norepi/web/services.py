"""What the routes call: one library call each, plus the few web-only pieces (uploads, trends, caches)."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path
from typing import IO, Any

from norepi.errors import DataMissing, DateError, ImportFormatError, InputError, NorepiError
from norepi.foods.amounts import PortionOption
from norepi.journal.journal import Journal
from norepi.nutrition.nutrients import BY_KEY
from norepi.profile import Profile
from norepi.web.errors import WebError
from norepi.web.state import AppState

# the targets shown on Today, in order (Phe+Tyr first: the precursor need)
TODAY_KEYS = ("phe_tyr_mg", "protein_g", "vitamin_c_mg", "copper_mg", "vitamin_b6_mg", "folate_dfe_ug",
              "magnesium_mg", "iron_mg")
def upload_suffixes() -> dict[str, tuple[str, ...]]:
    """The file name endings each import kind takes (from the importers themselves)."""
    from norepi.importers import KINDS, importer

    return {kind: importer(kind).suffixes for kind in KINDS}
MODEL_DAYS = 7  # the model runs over the last week to show today's indices


def day_json(st: AppState, journal: Journal, on: dt.date) -> str:
    """The JSON of a day, computed again only after the person wrote something (or the food release changed):
    one small query when nothing changed."""
    from norepi.days import summarize_day
    from norepi.web.contract import day_out

    key = (journal.person_id, on, journal.scope.data_version(), journal.foods.release())
    return st.day_cache.get(key, lambda: day_out(summarize_day(journal, on)).model_dump_json())


def food_pool(st: AppState, journal: Journal) -> Any:
    """The planner's food list, built once per food release and shared by every request."""
    from norepi.operations.plans import food_pool as build

    release = journal.foods.release()
    return st.model_cache.get(("food pool", release), lambda: build(journal))


def plan(st: AppState, journal: Journal, body: Any) -> dict[str, Any]:
    """Plan and save from a plan form or request body (``PlanIn``); the plan's record with its id."""
    from norepi.operations.plan_record import plan_json
    from norepi.operations.plans import plan_and_save
    from norepi.planning.plan import PlanRequest

    request = PlanRequest(start=body.start or dt.date.today(), days=body.days, objective=body.objective,
                          diet=body.diet, exclusions=tuple(body.exclusions) if body.exclusions is not None else None,
                          dislikes=tuple(body.dislikes), energy_kcal=body.energy_kcal,
                          max_uses_per_week=body.max_uses_per_week)
    saved = plan_and_save(journal, request, tuple(body.pins), pool=food_pool(st, journal))
    return {**plan_json(saved.plan, saved.id), "accepted_at": None}


def saved_plan(journal: Journal, plan_id: int | None) -> dict[str, Any]:
    """A saved plan's record, with when it was accepted."""
    saved = journal.plans.get(plan_id)
    return {**saved.plan, "id": saved.id, "accepted_at": saved.accepted_at.isoformat() if saved.accepted_at else None}


def portion_label(p: PortionOption) -> str:
    return f"{p.amount:g} {p.description}"


def check_range(start: dt.date, end: dt.date, max_days: int) -> None:
    if end < start:
        raise DateError(f"range ends ({end}) before it starts ({start})", field="end")
    if (end - start).days + 1 > max_days:
        raise DateError(f"range of {(end - start).days + 1} days is longer than {max_days} days", field="end")


def recent_foods(journal: Journal, today: dt.date, days: int = 30, limit: int = 12) -> list[dict[str, Any]]:
    """Distinct foods (by NDB number and amount) logged in the last ``days`` days, newest first."""
    seen: set[tuple[str, float]] = set()
    out: list[dict[str, Any]] = []
    for e in reversed(journal.entries(today - dt.timedelta(days=days), today)):
        key = (e.ndb_no, round(e.grams, 1))
        if key in seen:
            continue
        seen.add(key)
        out.append({"ndb_no": e.ndb_no, "description": e.description, "grams": e.grams,
                    "portion_text": e.portion_text, "amount": _relog_amount(journal, e.ndb_no, e.portion_text, e.grams),
                    "last_date": e.date})
        if len(out) >= limit:
            break
    return out


def _relog_amount(journal: Journal, ndb_no: str, text: str, grams: float) -> str:
    """The amount to log the same food again: the text as typed when it still gives the same grams
    ("2 large"), else the grams (a whole phrase such as "2 large eggs" was typed)."""
    from norepi.foods.amounts import to_grams

    try:
        info = journal.food(ndb_no)
        if abs(to_grams(text, info.portions, info.description) - grams) < 0.05:
            return text
    except NorepiError:
        pass
    return f"{grams:g} g"


def gap_foods(st: AppState, journal: Journal, key: str, limit: int) -> list[dict[str, Any]]:
    """Foods that would close a shortfall of ``key`` (cached per profile: the ranking does not depend on the day)."""
    if key not in BY_KEY or key == "energy_kcal":
        raise InputError(f"no gap foods for {key!r}; one of {', '.join(TODAY_KEYS)}", field="nutrient")
    from norepi.operations.gaps import gap_foods as ranked

    profile = journal.profile()
    return st.gap_cache.get((key, profile, limit), lambda: [
        {"ndb_no": g.ndb_no, "description": g.description, "portion": g.portion, "portion_g": g.portion_g,
         "per_portion": g.per_portion, "per_100kcal": g.per_100kcal, "per_portion_pct": g.per_portion_pct,
         "per_100kcal_pct": g.per_100kcal_pct, "estimated": g.estimated}
        for g in ranked(journal, key, profile, limit)
    ])


def profile_dict(p: Profile) -> dict[str, Any]:
    return {"sex": p.sex, "age_years": p.age_years, "weight_kg": p.weight_kg, "height_cm": p.height_cm,
            "activity": p.activity, "life_stage": p.life_stage, "pregnancy_trimester": p.pregnancy_trimester,
            "diet": p.diet, "exclusions": list(p.exclusions)}


def model_days(st: AppState, journal: Journal, start: dt.date, end: dt.date) -> dict[str, Any]:
    """The model over the person's days (each index with its interval, what was assumed), as JSON values;
    computed again only after the person wrote something."""
    if not st.features["model"]:
        raise DataMissing("the model is not installed")
    from norepi.operations.model import run_model
    from norepi.web.model_contract import model_plain

    check_range(start, end, 31)
    key = ("model", journal.person_id, start, end, journal.scope.data_version(), journal.foods.release())
    return st.model_cache.get(key, lambda: model_plain(run_model(journal, start, end)))  # type: ignore[return-value]


def trends(st: AppState, journal: Journal, start: dt.date, end: dt.date) -> dict[str, Any]:
    """Series for the Trends charts: coverage per nutrient, time asleep, vigorous minutes, PSS-10, ratings, weeks
    (None where nothing was logged)."""
    from norepi.days import summarize
    from norepi.days.week import WEEK_DAYS, summarize_week
    from norepi.vocab import IntensityBand
    from norepi.web.contract import week_json

    check_range(start, end, st.config.max_range_days)
    span_end = end + dt.timedelta(days=WEEK_DAYS)
    days = summarize(journal, start, span_end)
    shown = [d for d in days if d.date <= end]
    coverage = {k: [None if d.food is None else d.food.coverage_pct.get(k) for d in shown] for k in TODAY_KEYS}
    names = sorted({n for d in shown for n in d.ratings}, key=lambda n: (n not in _DEFAULT_RATINGS, n))
    ratings = {n: [d.rating(n) for d in shown] for n in (names or list(_DEFAULT_RATINGS))}
    sleep_h = [None if d.time_asleep_min is None else round(d.time_asleep_min / 60, 2) for d in shown]
    vigorous = [round(sum(e.minutes_by_band.get(IntensityBand.VIGOROUS, 0.0) for e in d.exercise), 1)
                for d in shown]
    pss = [d.stress.pss10.total if d.stress and d.stress.pss10 else None for d in shown]
    need = journal.lifestyle.heart_profile(end).sleep_need_h
    weeks = []
    w = start
    while w <= end:
        weeks.append(week_json(summarize_week(days, w, need)))
        w += dt.timedelta(days=WEEK_DAYS)
    return {"start": start, "end": end, "dates": [d.date.isoformat() for d in shown], "coverage_pct": coverage,
            "sleep_h": sleep_h, "vigorous_min": vigorous, "pss10": pss, "ratings": ratings, "weeks": weeks}


_DEFAULT_RATINGS = ("focus", "energy", "mood", "motivation")


def _sniff(kind: str, path: Path, name: str) -> None:
    with path.open("rb") as f:
        head = f.read(4096)
    suffix = Path(name).suffix.lower()
    ok = True
    if kind == "fit":
        ok = len(head) >= 12 and head[8:12] == b".FIT"
    elif suffix == ".zip":
        ok = head.startswith(b"PK\x03\x04")
    elif suffix == ".xml":
        ok = head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<")
    else:  # CSV: text, no NUL bytes
        try:
            head.decode("utf-8")
        except UnicodeDecodeError as exc:
            ok = exc.start >= len(head) - 4  # a multi-byte character cut at the 4 KiB boundary
        ok = ok and b"\x00" not in head
    if not ok:
        raise InputError(f"{name!r} does not look like a {kind} file", field="file")


def import_upload(st: AppState, journal: Journal, kind: str, filename: str | None, stream: IO[bytes]) -> dict[str, Any]:
    """Store an uploaded file with the importer of ``kind`` (one transaction: all or nothing)."""
    if not st.features["imports"]:
        raise DataMissing("file imports are not installed")
    from norepi.importers import KINDS, importer

    if kind not in KINDS:
        raise InputError(f"{kind!r} is not one of {', '.join(KINDS)}", field="kind")
    name = Path((filename or "").replace("\\", "/")).name.strip()
    if not name:
        raise InputError("no file chosen", field="file")
    suffixes = importer(kind).suffixes
    if suffixes and not name.lower().endswith(suffixes):
        raise InputError(f"a {kind} import takes {' or '.join(suffixes)} files, not {name!r}", field="file")
    limit = st.config.max_upload_bytes
    with tempfile.TemporaryDirectory(prefix="norepi-upload-") as tmp:
        path = Path(tmp) / ("upload" + Path(name).suffix.lower())
        size = 0
        with path.open("wb") as out:
            while chunk := stream.read(1 << 20):
                size += len(chunk)
                if size > limit:
                    raise WebError(413, f"{name!r} is larger than the {limit / 1e6:g} MB upload limit; nothing was "
                                   "stored", "file")
                out.write(chunk)
        if size == 0:
            raise InputError(f"{name!r} is empty", field="file")
        _sniff(kind, path, name)
        try:
            result = journal.imports.import_file(path, importer(kind))
        except ImportFormatError as exc:
            raise InputError(str(exc).replace(str(path), name) + "; nothing was stored", field="file") from None
        except NorepiError:
            raise
        except (ValueError, OSError, EOFError) as exc:  # a malformed file the importer did not name
            raise InputError(f"{name!r} could not be read as a {kind} file ({type(exc).__name__}); nothing was "
                             "stored", field="file") from None
    return {"kind": kind, "filename": name, "added": dict(result.added), "unchanged": result.unchanged,
            "linked_foods": result.linked_foods, "unlinked_foods": result.unlinked_foods}
