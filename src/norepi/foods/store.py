"""The food database of a norepi database: import a release, search, look foods up, read their values.

Shared by every person of the database (it holds no personal data). Reads are cached per process until the next
import: the USDA tables do not change within a release.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select

from norepi.db.engine import Database
from norepi.errors import AmbiguousFood, DataMissing, InputError, NotFound
from norepi.foods.amounts import PortionOption
from norepi.foods.catalogue import CatalogueFood
from norepi.foods.importer import ImportResult, Progress, import_release
from norepi.foods.search import FoodIndex, Hit, SearchableFood, _has_brand, top_choices
from norepi.foods.tables import Food, FoodGroup, FoodNutrient, FoodRelease, Portion

MIN_MATCH_SCORE = 0.6  # below this, a text query did not really match the food
NO_FOODS = "no food database yet: import the USDA SR28 release (or download it) first"


@dataclass(frozen=True)
class FoodInfo:
    """A food and its household portions."""

    ndb_no: str
    description: str
    group: str
    group_code: str
    portions: tuple[PortionOption, ...]


def usual_portion(portions: Sequence[PortionOption]) -> PortionOption | None:
    """The portion to show as "usual": the first between 10 and 300 g, else the first."""
    for p in portions:
        if 10.0 <= p.grams <= 300.0:
            return p
    return portions[0] if portions else None


class FoodStore:
    """The food tables of ``db``."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self._lock = threading.Lock()
        self._clear()

    def _clear(self) -> None:
        self._index: FoodIndex | None = None
        self._values: dict[tuple[str, ...], dict[str, dict[str, float]]] = {}
        self._catalogue: dict[tuple[str, ...], dict[str, CatalogueFood]] = {}
        self._names: dict[str, str] | None = None
        self._release: str | None = None

    def import_release(self, folder: str | Path, progress: Progress | None = None) -> ImportResult:
        """Import a USDA SR ASCII release folder (one transaction; a no-op if already imported)."""
        result = import_release(self.db, Path(folder), progress)
        with self._lock:
            self._clear()
        return result

    def release(self) -> str | None:
        """The name of the imported food release, or None."""
        if self._release is None:
            with self.db.transaction() as s:
                self._release = s.scalars(select(FoodRelease.name).order_by(FoodRelease.id.desc()).limit(1)).first()
        return self._release

    def require(self) -> None:
        """DataMissing when no food release has been imported."""
        if self.release() is None:
            raise DataMissing(NO_FOODS)

    def index(self) -> FoodIndex:
        """The search index over all foods (built on first use, ~0.2 s for SR28)."""
        if self._index is None:
            self.require()
            with self._lock:
                if self._index is None:
                    self._index = self._build_index()
        return self._index

    def _build_index(self) -> FoodIndex:
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
        return FoodIndex.build(
            SearchableFood(r[0], r[1], r[2], r[3], bool(r[4]), r[5] or "", r[6] or "", counts.get(r[0], 0))
            for r in rows
        )

    def search(self, query: str, limit: int = 10) -> list[Hit]:
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
                self.require()
                raise NotFound(f"no food with NDB number {ndb_no!r}")
            portions = s.execute(
                select(Portion.amount, Portion.description, Portion.grams)
                .where(Portion.ndb_no == ndb_no)
                .order_by(Portion.seq)
            ).all()
        return FoodInfo(row[0], row[1], row[2], row[3], tuple(PortionOption(*p) for p in portions))

    def resolve(self, ref: str) -> FoodInfo:
        """A food from an NDB number ("01123") or a description query; AmbiguousFood lists close choices."""
        ref = ref.strip()
        if not ref:
            raise InputError("no food given", field="food")
        if ref.isdigit():
            return self.food(ref.zfill(5))
        hits = self.search(ref, 8)
        if not hits or hits[0].score < MIN_MATCH_SCORE:
            raise NotFound(f"no food matches {ref!r}; try fewer words")
        close = top_choices(hits, margin=0.03)
        if len(close) > 1:
            raise AmbiguousFood(ref, [(h.ndb_no, h.description) for h in close[:6]])
        return self.food(hits[0].ndb_no)

    def descriptions(self) -> dict[str, str]:
        """Every food's description by NDB number (cached until the next import)."""
        if self._names is None:
            with self.db.transaction() as s:
                self._names = dict(s.execute(select(Food.ndb_no, Food.long_desc)).all())  # type: ignore[arg-type]
        return self._names

    def per_100g(self, ndb_nos: Iterable[str], numbers: Sequence[str]) -> dict[str, dict[str, float]]:
        """Values per 100 g of the nutrient ``numbers`` (source numbers and units; absent = unknown) of these
        foods, cached until the next import."""
        key = tuple(sorted(numbers))
        cache = self._values.setdefault(key, {})
        wanted = set(ndb_nos)
        missing = sorted(wanted - cache.keys())
        for i in range(0, len(missing), 900):
            chunk = missing[i : i + 900]
            values: dict[str, dict[str, float]] = {n: {} for n in chunk}
            with self.db.transaction() as s:
                for ndb, nutr, value in s.execute(
                    select(FoodNutrient.ndb_no, FoodNutrient.nutr_no, FoodNutrient.value).where(
                        FoodNutrient.ndb_no.in_(chunk), FoodNutrient.nutr_no.in_(key)
                    )
                ):
                    values[ndb][nutr] = value
            cache.update(values)
        return {n: cache[n] for n in wanted}

    def catalogue(self, numbers: Sequence[str], extra: Iterable[str] = (), *,
                  survey_only: bool = True) -> list[CatalogueFood]:
        """Foods as the science reads them (values per 100 g of the nutrient ``numbers``, portions): every survey
        food (USDA's FNDDS-linked set of commonly eaten foods) plus the ``extra`` NDB numbers, or every food with
        ``survey_only=False``. Cached until the next import."""
        key = tuple(sorted(numbers))
        if key not in self._catalogue:
            self.require()
            with self._lock:
                if key not in self._catalogue:
                    self._catalogue[key] = self._read_catalogue(key)
        extra_set = set(extra)
        return [f for f in self._catalogue[key].values() if not survey_only or f.survey or f.food_id in extra_set]

    def _read_catalogue(self, numbers: tuple[str, ...]) -> dict[str, CatalogueFood]:
        with self.db.transaction() as s:
            foods = s.execute(
                select(Food.ndb_no, Food.long_desc, Food.group_code, Food.survey, Food.manufacturer)
            ).all()
            values: dict[str, dict[str, float]] = defaultdict(dict)
            for ndb, nutr, value in s.execute(
                select(FoodNutrient.ndb_no, FoodNutrient.nutr_no, FoodNutrient.value).where(
                    FoodNutrient.nutr_no.in_(numbers)
                )
            ):
                values[ndb][nutr] = value
            portions: dict[str, list[PortionOption]] = defaultdict(list)
            for ndb, amount, desc, grams in s.execute(
                select(Portion.ndb_no, Portion.amount, Portion.description, Portion.grams).order_by(
                    Portion.ndb_no, Portion.seq
                )
            ):
                if amount and grams:
                    portions[ndb].append(PortionOption(amount, desc, grams))
        return {
            ndb: CatalogueFood(
                ndb,
                desc,
                group,
                bool(survey),
                bool(manufacturer) or _has_brand(desc),
                values.get(ndb, {}),
                tuple(portions.get(ndb, ())),
            )
            for ndb, desc, group, survey, manufacturer in foods
        }
