"""The food list prepared for planning (:class:`FoodPool`) and a person's candidate foods
(:func:`select_candidates`), by the rules of :mod:`.candidates`.

What does not depend on the person (skip rules, servings, raw/cooked pairs) is worked out once per food list in
the pool, which the caller builds once and keeps (a process, or a web worker, per food release).
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from norepi.errors import InputError
from norepi.foods.catalogue import CatalogueFood
from norepi.nutrition.targets import Target
from norepi.planning.candidates import (
    LOW_KCAL_OK,
    MIN_KCAL_PER_100G,
    Candidate,
    density_score,
    diet_reason,
    disliked,
    skip_reason,
    to_candidate,
)
from norepi.planning.forms import FormIndex, needs_cooking
from norepi.profile import Profile


@dataclass(frozen=True)
class CandidateSet:
    """The candidates; for the record, how many foods each rule removed; and the usual or pinned foods planned
    in the form they are eaten ((food id as logged or pinned, food id planned), e.g. raw egg -> hard-boiled)."""

    foods: tuple[Candidate, ...]
    removed: Mapping[str, int] = field(default_factory=dict)
    eaten_forms: tuple[tuple[str, str], ...] = ()


class FoodPool:
    """A food list prepared for planning: foods by id, what of each does not depend on the person (why a food is
    skipped, its candidate form) and the raw/cooked pairs (:class:`.forms.FormIndex`).

    Build it once per food list and keep it (a process or a web worker per food release). It is immutable to its
    users; what it works out lazily (the skip rules, candidate forms, diet rules per diet, pairs) it keeps, and it
    may be shared between threads (at worst a value is worked out twice)."""

    def __init__(self, catalogue: Iterable[CatalogueFood]) -> None:
        self.foods: dict[str, CatalogueFood] = {f.food_id: f for f in catalogue}
        self.forms = FormIndex(self.foods.values())
        self._skip: dict[str, str | None] = {}
        self._base: dict[str, Candidate] = {}
        self._common: tuple[str, ...] | None = None
        self._skipped: dict[str, int] | None = None
        self._diet: dict[tuple[str, tuple[str, ...]], dict[str, str | None]] = {}

    def warm(self) -> FoodPool:
        """Work out now what the first plan would (the skip rules and candidate form of every common food), e.g.
        when a web worker starts; returns the pool."""
        for fid in self.common_ids:
            self.base_candidate(fid)
        return self

    @property
    def common_ids(self) -> tuple[str, ...]:
        """Ids of the survey foods that pass the person-independent rules (:func:`skip_reason`)."""
        if self._common is None:
            self._common = tuple(fid for fid, f in self.foods.items() if f.survey and self.skip_reason(fid) is None)
        return self._common

    @property
    def skipped(self) -> Mapping[str, int]:
        """How many survey foods each person-independent rule leaves out (by the reason's first words)."""
        if self._skipped is None:
            counts: dict[str, int] = defaultdict(int)
            for fid, f in self.foods.items():
                reason = self.skip_reason(fid) if f.survey else None
                if reason:
                    counts[reason.split(":")[0]] += 1
            self._skipped = dict(counts)
        return self._skipped

    def skip_reason(self, food_id: str) -> str | None:
        """:func:`skip_reason` of a food, worked out once."""
        if food_id not in self._skip:
            self._skip[food_id] = skip_reason(self.foods[food_id])
        return self._skip[food_id]

    def base_candidate(self, food_id: str) -> Candidate:
        """:func:`to_candidate` of a food (no person's familiarity, pin or price), worked out once."""
        hit = self._base.get(food_id)
        if hit is None:
            hit = self._base[food_id] = to_candidate(self.foods[food_id])
        return hit

    def diet_reason(self, food_id: str, diet: str, exclusions: Sequence[str]) -> str | None:
        """:func:`diet_reason` of a food for a diet and exclusions, worked out once per diet and exclusions."""
        memo = self._diet.setdefault((diet, tuple(sorted(exclusions))), {})
        if food_id not in memo:
            memo[food_id] = diet_reason(self.foods[food_id], diet, exclusions)
        return memo[food_id]


def as_pool(foods: FoodPool | Iterable[CatalogueFood]) -> FoodPool:
    """``foods`` as a :class:`FoodPool` (prepared now when given as a sequence of foods)."""
    return foods if isinstance(foods, FoodPool) else FoodPool(foods)


def eaten_forms(pool: FoodPool, familiarity: Mapping[str, float], pins: Sequence[str]
                ) -> tuple[dict[str, float], list[str], list[tuple[str, str]], dict[str, int]]:
    """Usual and pinned foods in the form they are eaten: (familiarity, pins, swaps (from, to), removed).

    A raw or dry food people cook (:func:`.forms.needs_cooking`) is replaced by the cooked food of its pair; its
    share of days carries over (the larger of the two). A usual food with no cooked form is dropped; a pinned one,
    or a pin not in the food list, is an error."""
    usual: dict[str, float] = {}
    swaps: list[tuple[str, str]] = []
    removed: dict[str, int] = defaultdict(int)
    for fid, share in familiarity.items():
        food = pool.foods.get(fid)
        if food is None or share <= 0:
            continue
        if needs_cooking(food):
            cooked = pool.forms.eaten_form(food)
            if cooked is None:
                removed["usual food eaten cooked, with no cooked form in the food list"] += 1
                continue
            swaps.append((fid, cooked.food_id))
            fid = cooked.food_id
        usual[fid] = max(usual.get(fid, 0.0), min(1.0, share))
    pinned: list[str] = []
    missing = [p for p in pins if p not in pool.foods]
    if missing:
        raise InputError(f"pinned food(s) {', '.join(sorted(missing))} not in the food database", field="pin")
    for fid in pins:
        food = pool.foods[fid]
        if needs_cooking(food):
            cooked = pool.forms.eaten_form(food)
            if cooked is None:
                raise InputError(f"pinned food {fid} {food.description!r} is eaten cooked and the food database has "
                                 "no cooked form of it; pin a cooked food", field="pin")
            swaps.append((fid, cooked.food_id))
            fid = cooked.food_id
        if fid not in pinned:
            pinned.append(fid)
    return usual, pinned, swaps, dict(removed)


def select_candidates(foods: FoodPool | Iterable[CatalogueFood], profile: Profile, targets: Mapping[str, Target],
                      energy_kcal: float, *, familiarity: Mapping[str, float] | None = None,
                      pins: Sequence[str] = (), dislikes: Sequence[str] = (),
                      prices: Mapping[str, float] | None = None, per_group: int = 6,
                      require_price: bool = False) -> CandidateSet:
    """Filter and rank the food list into the planner's candidates (pure).

    ``familiarity`` maps food id -> share of logged days the food was eaten (0-1, :mod:`.familiarity`); ``pins``
    are food ids that must be kept; ``prices`` are per 100 g by food id; with ``require_price`` unpriced foods
    are dropped. Usual and pinned foods are taken in the form they are eaten (:func:`eaten_forms`)."""
    pool = as_pool(foods)
    prices = prices or {}
    usual, pin_ids, swaps, early = eaten_forms(pool, familiarity or {}, pins)
    pinned = set(pin_ids)
    removed: dict[str, int] = defaultdict(int, early)
    for why, n in pool.skipped.items():  # survey foods left out whoever the person ...
        removed[why] += n
    for fid in {*pin_ids, *usual}:  # ... but for their usual and pinned foods, which these rules do not apply to
        skipped = pool.skip_reason(fid) if pool.foods[fid].survey else None
        if skipped:
            key = skipped.split(":")[0]
            removed[key] -= 1
            if not removed[key]:
                del removed[key]
    kept: list[tuple[float, Candidate]] = []
    exclusions = tuple(profile.exclusions)
    ids = dict.fromkeys((*pin_ids, *usual, *pool.common_ids))
    for fid in ids:
        food = pool.foods[fid]
        is_pin, is_usual = fid in pinned, usual.get(fid, 0.0) > 0
        reason = pool.diet_reason(fid, profile.diet, exclusions)
        if reason is None and disliked(food.description, fid, dislikes):
            reason = "disliked"
        if reason and is_pin:
            raise InputError(f"pinned food {fid} {food.description!r} is not allowed ({reason})", field="pin")
        if reason is None and not (is_pin or is_usual):
            reason = pool.skip_reason(fid)
        kcal = food.per_100g.get("208", 0.0)
        if reason is None and kcal <= 0:
            reason = "no energy value"
        if reason is None and not is_pin and kcal < MIN_KCAL_PER_100G and food.group_code not in LOW_KCAL_OK:
            reason = "under 15 kcal per 100 g"  # coffee, tea, broth: no target nutrient, even if usual
        if reason is None and require_price and fid not in prices and not is_pin:
            reason = "no price"
        if reason:
            removed[reason.split(":")[0]] += 1
            continue
        candidate = pool.base_candidate(fid)
        if candidate.serving.label == "g" and not (is_pin or is_usual):
            removed["no household portion"] += 1
            continue
        score = density_score(candidate, targets, energy_kcal)
        kept.append((score, dataclasses.replace(candidate, familiarity=usual.get(fid, 0.0), pinned=is_pin,
                                                price_per_100g=prices.get(fid), score=score)))
    # one food per kind (best score; usual and pinned foods first), then the best few per food group
    kept.sort(key=lambda t: (not t[1].pinned, -t[1].familiarity, -t[0], t[1].food_id))
    by_kind: dict[str, Candidate] = {}
    chosen: list[Candidate] = []
    per_group_count: dict[str, int] = defaultdict(int)
    for _score, cand in kept:
        must = cand.pinned or cand.familiarity > 0
        if cand.kind in by_kind and not must:
            removed["same kind"] += 1
            continue
        if not must and per_group_count[cand.group_code] >= per_group:
            removed["not among the densest of its group"] += 1
            continue
        by_kind.setdefault(cand.kind, cand)
        per_group_count[cand.group_code] += 1
        chosen.append(cand)
    chosen.sort(key=lambda f: (f.group_code, f.food_id))
    planned = {f.food_id for f in chosen}
    return CandidateSet(tuple(chosen), dict(removed), tuple((a, b) for a, b in swaps if b in planned))


def day_subset(foods: Sequence[Candidate], blocked: frozenset[str], per_group: int) -> tuple[Candidate, ...]:
    """The foods one day's model sees: pinned and usual foods, then the ``per_group`` best-scoring foods of
    each food group that are not ``blocked`` (so a week rotates through a larger pool)."""
    count: dict[str, int] = defaultdict(int)
    out: list[Candidate] = []
    for food in sorted(foods, key=lambda f: (not f.pinned, -f.familiarity, -f.score, f.food_id)):
        if food.food_id in blocked:
            continue
        if food.pinned or food.familiarity > 0 or count[food.group_code] < per_group:
            count[food.group_code] += 1
            out.append(food)
    return tuple(sorted(out, key=lambda f: (f.group_code, f.food_id)))
