"""The journal: foods, profile history and food log in one database, behind a small API.

Every method that writes is one transaction: it lands whole or not at all.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from norepi.errors import AmbiguousFood, AmountError, DataMissing, InputError, NorepiError, NotFound
from norepi.foods.amounts import PortionOption, amount_splits, to_grams
from norepi.foods.importer import ImportResult, Progress, import_release
from norepi.foods.search import FoodIndex, Hit, SearchableFood, _has_brand, top_choices
from norepi.journal.db import Database
from norepi.journal.lifestyle_store import imported_servings, lifestyle_day
from norepi.journal.models import Food, FoodEntry, FoodGroup, FoodNutrient, FoodRelease, Portion, ProfileRecord
from norepi.nutrition.analysis import DaySummary, EntryFacts, analyze_day
from norepi.nutrition.gap_foods import FoodFacts, GapFood, rank_gap_foods
from norepi.nutrition.nutrients import BY_KEY, USDA_NUMBERS
from norepi.nutrition.targets import Target, targets_for
from norepi.profile import Profile
from norepi.units import known_unit

MIN_MATCH_SCORE = 0.6  # below this, a text query did not really match the food


@dataclass(frozen=True)
class FoodInfo:
    """A food and its household portions."""

    ndb_no: str
    description: str
    group: str
    group_code: str
    portions: tuple[PortionOption, ...]


@dataclass(frozen=True)
class LoggedFood:
    """A food-log entry as stored."""

    id: int
    date: dt.date
    time: dt.time | None
    ndb_no: str
    description: str
    grams: float
    portion_text: str


def usual_portion(portions: Sequence[PortionOption]) -> PortionOption | None:
    """The portion to show as "usual": the first between 10 and 300 g, else the first."""
    for p in portions:
        if 10.0 <= p.grams <= 300.0:
            return p
    return portions[0] if portions else None


class Journal:
    """A person's journal in a database (a SQLite file path or a SQLAlchemy URL; None = default)."""

    def __init__(self, db: str | Path | None = None, user_id: int = 1) -> None:
        self.db = Database(db)
        self.user_id = user_id
        self._index: FoodIndex | None = None
        self._gap_cache: Any = None

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---- foods -------------------------------------------------------------------------------
    def import_foods(self, folder: str | Path, progress: Progress | None = None) -> ImportResult:
        """Import a USDA SR ASCII release folder (one transaction; a no-op if already imported)."""
        result = import_release(self.db, Path(folder), progress)
        self._index = self._gap_cache = None
        return result

    def food_release(self) -> str | None:
        """The name of the imported food release, or None."""
        with self.db.transaction() as s:
            return s.scalars(select(FoodRelease.name).order_by(FoodRelease.id.desc()).limit(1)).first()

    def _require_foods(self) -> None:
        if self.food_release() is None:
            raise DataMissing("no food database yet: run `norepi foods import PATH` or `norepi foods download`")

    def index(self) -> FoodIndex:
        """The search index over all foods (built on first use, ~0.2 s)."""
        if self._index is None:
            self._require_foods()
            with self.db.transaction() as s:
                counts = dict(s.execute(select(Portion.ndb_no, func.count()).group_by(Portion.ndb_no)).all())
                rows = s.execute(
                    select(
                        Food.ndb_no,
                        Food.long_desc,
                        Food.group_code,
                        FoodGroup.description,
                        Food.survey,
                        Food.manufacturer,
                        Food.common_name,
                    ).join(FoodGroup, FoodGroup.code == Food.group_code)
                ).all()
            self._index = FoodIndex.build(
                SearchableFood(r[0], r[1], r[2], r[3], bool(r[4]), r[5] or "", r[6] or "", counts.get(r[0], 0))
                for r in rows
            )
        return self._index

    def search_foods(self, query: str, limit: int = 10) -> list[Hit]:
        """Foods matching ``query``, best first."""
        return self.index().search(query, limit)

    def food(self, ndb_no: str) -> FoodInfo:
        """One food by NDB number, with its portions; NotFound if absent."""
        with self.db.transaction() as s:
            row = s.execute(
                select(Food.ndb_no, Food.long_desc, FoodGroup.description, Food.group_code)
                .join(FoodGroup, FoodGroup.code == Food.group_code)
                .where(Food.ndb_no == ndb_no)
            ).first()
            if row is None:
                self._require_foods()
                raise NotFound(f"no food with NDB number {ndb_no!r}")
            portions = s.execute(
                select(Portion.amount, Portion.description, Portion.grams)
                .where(Portion.ndb_no == ndb_no)
                .order_by(Portion.seq)
            ).all()
        return FoodInfo(row[0], row[1], row[2], row[3], tuple(PortionOption(*p) for p in portions))

    def resolve_food(self, ref: str) -> FoodInfo:
        """A food from an NDB number ("01123") or a description query; AmbiguousFood lists close choices."""
        ref = ref.strip()
        if not ref:
            raise InputError("no food given", field="food")
        if ref.isdigit():
            return self.food(ref.zfill(5))
        hits = self.search_foods(ref, 8)
        if not hits or hits[0].score < MIN_MATCH_SCORE:
            raise NotFound(f"no food matches {ref!r}; try `norepi foods search` with fewer words")
        close = top_choices(hits, margin=0.03)
        if len(close) > 1:
            raise AmbiguousFood(ref, [(h.ndb_no, h.description) for h in close[:6]])
        return self.food(hits[0].ndb_no)

    def per_100g(self, ndb_nos: Sequence[str], nutr_nos: Sequence[str] = USDA_NUMBERS) -> dict[str, dict[str, float]]:
        """USDA values per 100 g for these foods and nutrient numbers (absent = unknown)."""
        out: dict[str, dict[str, float]] = defaultdict(dict)
        if not ndb_nos:
            return out
        with self.db.transaction() as s:
            rows = s.execute(
                select(FoodNutrient.ndb_no, FoodNutrient.nutr_no, FoodNutrient.value).where(
                    FoodNutrient.ndb_no.in_(sorted(set(ndb_nos))), FoodNutrient.nutr_no.in_(list(nutr_nos))
                )
            ).all()
        for ndb, nutr, value in rows:
            out[ndb][nutr] = value
        return out

    # ---- profile -----------------------------------------------------------------------------
    def set_profile(self, profile: Profile, effective_on: dt.date | None = None) -> None:
        """Record a new version of the profile from ``effective_on`` (default today); history is kept."""
        with self.db.transaction() as s:
            s.add(
                ProfileRecord(
                    user_id=self.user_id,
                    effective_on=effective_on or dt.date.today(),
                    recorded_at=dt.datetime.now(dt.UTC).replace(tzinfo=None),
                    **{**asdict(profile), "exclusions": list(profile.exclusions)},
                )
            )

    def profile_history(self) -> list[tuple[dt.date, Profile]]:
        """Every profile version, oldest first, with the date it takes effect."""
        with self.db.transaction() as s:
            rows = s.scalars(
                select(ProfileRecord)
                .where(ProfileRecord.user_id == self.user_id)
                .order_by(ProfileRecord.effective_on, ProfileRecord.id)
            ).all()
            return [(r.effective_on, _to_profile(r)) for r in rows]

    def profile(self, on: dt.date | None = None) -> Profile:
        """The profile in effect on ``on`` (default today); the earliest one for dates before it."""
        history = self.profile_history()
        if not history:
            raise DataMissing(
                "no profile yet: run `norepi profile set --sex ... --age ... --weight-kg ... --height-cm ...`"
            )
        return _profile_on(history, on or dt.date.today())

    def targets(self, on: dt.date | None = None) -> dict[str, Target]:
        """Daily targets from the profile in effect on ``on``."""
        return targets_for(self.profile(on))

    # ---- food log ----------------------------------------------------------------------------
    def log_food(
        self, food: str, amount: str | None, date: dt.date, time: dt.time | None = None, source: str = "manual"
    ) -> LoggedFood:
        """Log ``amount`` (e.g. "150g", "2 large") of ``food`` (NDB number or text), or a whole phrase
        ("2 large eggs") when ``amount`` is None. Raises before writing anything if unclear."""
        understood = self._understand_items([(food, amount, date, time)])
        with self.db.transaction() as s:
            return self._write_entries(s, understood, source, replace_source=False)[0]

    def log_many(
        self,
        items: Sequence[tuple[str, str | None, dt.date, dt.time | None]],
        source: str = "manual",
        replace_source: bool = False,
    ) -> list[LoggedFood]:
        """Log several foods (food, amount, date, time) in one transaction: all land or none.

        With ``replace_source``, entries from the same ``source`` on those dates are replaced."""
        understood = self._understand_items(items)
        with self.db.transaction() as s:
            return self._write_entries(s, understood, source, replace_source)

    def _understand_items(
        self, items: Sequence[tuple[str, str | None, dt.date, dt.time | None]]
    ) -> list[tuple[tuple[FoodInfo, float, str], dt.date, dt.time | None]]:
        """Each item (food, amount, date, time) resolved to (food, grams, amount text), date, time; raises on the
        first one that is unclear, before anything is written."""
        return [(self._understand(food, amount), date, time) for food, amount, date, time in items]

    def _write_entries(
        self,
        s: Session,
        understood: Sequence[tuple[tuple[FoodInfo, float, str], dt.date, dt.time | None]],
        source: str,
        replace_source: bool,
    ) -> list[LoggedFood]:
        """Write understood entries in the caller's transaction ``s`` (see ``log_many``)."""
        now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        if replace_source and understood:
            dates = sorted({date for _, date, _ in understood})
            for old in s.scalars(
                select(FoodEntry).where(
                    FoodEntry.user_id == self.user_id, FoodEntry.source == source, FoodEntry.date.in_(dates)
                )
            ):
                s.delete(old)
        rows = [
            FoodEntry(
                user_id=self.user_id,
                date=date,
                time=time,
                ndb_no=info.ndb_no,
                grams=grams,
                portion_text=text,
                source=source,
                created_at=now,
            )
            for (info, grams, text), date, time in understood
        ]
        s.add_all(rows)
        s.flush()
        return [
            LoggedFood(r.id, r.date, r.time, info.ndb_no, info.description, r.grams, r.portion_text)
            for r, ((info, _, _), _, _) in zip(rows, understood, strict=True)
        ]

    def _understand(self, food: str, amount: str | None) -> tuple[FoodInfo, float, str]:
        if amount is not None:
            info = self.resolve_food(food)
            return info, to_grams(amount, info.portions, info.description), amount.strip()
        errors: list[NorepiError] = []
        # readings whose amount is a plain unit ("150 g", "1 cup") first: their errors are the ones to show
        splits = sorted(amount_splits(food), key=lambda sp: known_unit(sp[0].partition(" ")[2]) is None)
        for amount_text, food_text in splits:
            if not amount_text:
                raise AmountError(
                    f"{food!r} has no amount; write e.g. '2 large eggs' or give an amount", field="amount"
                )
            try:
                info = self.resolve_food(food_text)
                return info, to_grams(amount_text, info.portions, info.description), food.strip()
            except NorepiError as exc:
                errors.append(exc)
        raise errors[0]

    def entries(self, start: dt.date, end: dt.date | None = None) -> list[LoggedFood]:
        """Food entries from ``start`` to ``end`` inclusive, in date and time order."""
        end = end or start
        with self.db.transaction() as s:
            rows = s.execute(
                select(FoodEntry, Food.long_desc)
                .join(Food, Food.ndb_no == FoodEntry.ndb_no)
                .where(FoodEntry.user_id == self.user_id, FoodEntry.date >= start, FoodEntry.date <= end)
                .order_by(FoodEntry.date, FoodEntry.time.asc().nulls_first(), FoodEntry.id)
            ).all()
        return [LoggedFood(e.id, e.date, e.time, e.ndb_no, desc, e.grams, e.portion_text) for e, desc in rows]

    def delete_entry(self, entry_id: int) -> None:
        """Remove one food entry; NotFound if it is not this person's."""
        with self.db.transaction() as s:
            entry = s.get(FoodEntry, entry_id)
            if entry is None or entry.user_id != self.user_id:
                raise NotFound(f"no food entry {entry_id}")
            s.delete(entry)

    # ---- analysis ----------------------------------------------------------------------------
    def day(self, date: dt.date) -> DaySummary:
        """The day's analysis against the profile's targets (see ``DaySummary``)."""
        return self.days(date, date)[0]

    def days(self, start: dt.date, end: dt.date) -> list[DaySummary]:
        """Day analyses for every date from ``start`` to ``end`` inclusive (a few queries for the whole range)."""
        if end < start:
            raise InputError(f"range ends ({end}) before it starts ({start})", field="dates")
        history = self.profile_history()
        if not history:
            self.profile()  # raises DataMissing with the how-to
        logged = self.entries(start, end)
        values = self.per_100g([e.ndb_no for e in logged])
        by_date: dict[dt.date, list[EntryFacts]] = defaultdict(list)
        for e in logged:
            by_date[e.date].append(
                EntryFacts(e.id, e.ndb_no, e.description, e.grams, e.time, e.portion_text, values.get(e.ndb_no, {}))
            )
        # servings imported from another app carry that app's own values; unmatched ones still count
        where = {f.entry_id: (date, i) for date, facts in by_date.items() for i, f in enumerate(facts)}
        for served in imported_servings(self, start, end):
            if served.entry_id in where:
                date, i = where[served.entry_id]
                by_date[date][i] = replace(by_date[date][i], given=served.amounts)
            else:
                by_date[served.date].append(
                    EntryFacts(
                        None,
                        "",
                        f"{served.name} (imported, no USDA match)",
                        0.0,
                        served.time,
                        served.amount,
                        {},
                        served.amounts,
                    )
                )
        summaries = []
        for i in range((end - start).days + 1):
            date = start + dt.timedelta(days=i)
            summary = analyze_day(date, by_date.get(date, []), targets_for(_profile_on(history, date)))
            summaries.append(summary.model_copy(update=lifestyle_day(self, date)))
        return summaries

    def _gap_candidates(
        self,
    ) -> tuple[list[tuple[str, str, str, bool, bool, PortionOption | None]], dict[str, dict[str, float]]]:
        """All foods (ndb, description, group, branded, survey, usual portion) and their tracked values, cached."""
        if self._gap_cache is None:
            with self.db.transaction() as s:
                portions: dict[str, list[PortionOption]] = defaultdict(list)
                rows = s.execute(
                    select(Portion.ndb_no, Portion.amount, Portion.description, Portion.grams).order_by(
                        Portion.ndb_no, Portion.seq
                    )
                )
                for ndb, amount, desc, grams in rows:
                    portions[ndb].append(PortionOption(amount, desc, grams))
                foods = [
                    (
                        ndb,
                        desc,
                        group,
                        bool(manufacturer) or _has_brand(desc),
                        bool(survey),
                        usual_portion(portions.get(ndb, [])),
                    )
                    for ndb, desc, group, manufacturer, survey in s.execute(
                        select(Food.ndb_no, Food.long_desc, Food.group_code, Food.manufacturer, Food.survey)
                    )
                ]
                values: dict[str, dict[str, float]] = defaultdict(dict)
                wanted = [*USDA_NUMBERS, "208"]
                for ndb, nutr, value in s.execute(
                    select(FoodNutrient.ndb_no, FoodNutrient.nutr_no, FoodNutrient.value).where(
                        FoodNutrient.nutr_no.in_(wanted)
                    )
                ):
                    values[ndb][nutr] = value
            self._gap_cache = (foods, values)
        return self._gap_cache

    def gap_foods(self, key: str, profile: Profile | None = None, limit: int = 5) -> list[GapFood]:
        """Foods that best close a shortfall of nutrient ``key``, filtered by the profile's diet."""
        if key not in BY_KEY or key == "energy_kcal":
            raise InputError(f"no gap foods for {key!r}", field="nutrient")
        self._require_foods()
        profile = profile or self.profile()
        target = targets_for(profile)[key]
        nutrient = BY_KEY[key]
        numbers = ("508", "509") if key == "phe_tyr_mg" else (nutrient.usda_nutr_no or "",)
        foods, values = self._gap_candidates()
        candidates = []
        for ndb, desc, group, branded, survey, portion in foods:
            v = values.get(ndb, {})
            if "208" not in v or any(n not in v for n in numbers):
                continue
            candidates.append(
                FoodFacts(
                    ndb,
                    desc,
                    group,
                    sum(v[n] for n in numbers) * nutrient.factor,
                    v["208"],
                    f"{portion.amount:g} {portion.description}" if portion else None,
                    portion.grams if portion else None,
                    branded,
                    survey,
                )
            )
        return rank_gap_foods(candidates, target.rda, diet=profile.diet, exclusions=profile.exclusions, limit=limit)

    # ---- meal plans (norepi.planning) --------------------------------------------------------
    def save_meal_plan(self, start: dt.date, days: int, request: dict, plan: dict) -> int:  # type: ignore[type-arg]
        """Store a meal plan (the planner's JSON and its request); returns its id."""
        from norepi.journal.models import MealPlanRecord

        with self.db.transaction() as s:
            record = MealPlanRecord(
                user_id=self.user_id,
                created_at=dt.datetime.now(dt.UTC).replace(tzinfo=None),
                start_date=start,
                days=days,
                request=request,
                plan=plan,
            )
            s.add(record)
            s.flush()
            return record.id

    def meal_plan(self, plan_id: int | None = None) -> tuple[int, dict, dt.datetime | None]:  # type: ignore[type-arg]
        """A saved plan (id, plan JSON, accepted_at): by id, or the newest; NotFound if none."""
        from norepi.journal.models import MealPlanRecord

        with self.db.transaction() as s:
            query = select(MealPlanRecord).where(MealPlanRecord.user_id == self.user_id)
            query = (
                query.where(MealPlanRecord.id == plan_id)
                if plan_id is not None
                else query.order_by(MealPlanRecord.id.desc()).limit(1)
            )
            record = s.scalars(query).first()
            if record is None:
                raise NotFound(f"no meal plan {plan_id}" if plan_id is not None else "no meal plan saved yet")
            return record.id, {**record.plan, "id": record.id}, record.accepted_at

    def accept_meal_plan(
        self, plan_id: int | None, items: Sequence[tuple[str, str | None, dt.date, dt.time | None]]
    ) -> list[LoggedFood]:
        """Log a plan's foods (``items`` as for ``log_many``, source "plan", replacing planned entries already
        logged on those dates) and mark the plan accepted, in one transaction: both or neither."""
        from norepi.journal.models import MealPlanRecord

        plan_id, _, _ = self.meal_plan(plan_id)
        understood = self._understand_items(items)
        with self.db.transaction() as s:
            logged = self._write_entries(s, understood, "plan", replace_source=True)
            record = s.get(MealPlanRecord, plan_id)
            assert record is not None
            record.accepted_at = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        return logged


def _profile_on(history: Sequence[tuple[dt.date, Profile]], on: dt.date) -> Profile:
    """The profile in effect on ``on``: the newest taking effect by then, else the earliest."""
    current = history[0][1]
    for effective, prof in history:
        if effective <= on:
            current = prof
    return current


def _to_profile(r: ProfileRecord) -> Profile:
    return Profile.of(
        sex=r.sex,
        age_years=r.age_years,
        weight_kg=r.weight_kg,
        height_cm=r.height_cm,
        activity=r.activity,
        life_stage=r.life_stage,
        diet=r.diet,
        exclusions=r.exclusions or (),
    )


def open_journal(db: str | Path | None = None) -> Journal:
    """Open (creating and migrating if needed) the journal at ``db``: a SQLite path or database URL."""
    return Journal(db)
