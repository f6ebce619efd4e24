"""The food database of a norepi database: import a release, search, look foods up, read their values.

Shared by every person of the database (it holds no personal data). Reads are cached per process until the next
import: the USDA tables do not change within a release.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from norepi.db.engine import Database
from norepi.errors import DataMissing, InputError, NotFound
from norepi.foods.amounts import PortionOption
from norepi.foods.catalogue import CatalogueFood
from norepi.foods.gtin import normalize_gtin
from norepi.foods.importer import ImportResult, Progress, import_release
from norepi.foods.record_store import RecordImport, checksum_of, store_estimates, store_records
from norepi.foods.records import CC0, DataType, Estimate, FoodRecord, NutrientAmount
from norepi.foods.search import FoodIndex, FoodKind, Hit, SearchableFood, _has_brand
from norepi.foods.tables import Food, FoodEstimate, FoodGroup, FoodNutrient, FoodRelease, Nutrient, Portion
from norepi.foods.understand import Understood, choose_food, understand

_KIND = {DataType.BRANDED.value: FoodKind.BRANDED, DataType.OPEN_FOOD_FACTS.value: FoodKind.BRANDED}


class _Index:
    """The shared index and a person's own foods searched as one (what ``understand`` needs of an index)."""

    def __init__(self, store: FoodStore, owner: int | None) -> None:
        self.store, self.owner = store, owner

    def search(self, query: str, limit: int = 10, chosen: Mapping[str, str] | None = None) -> list[Hit]:
        return self.store.search(query, limit, chosen, self.owner)

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
        self._records: dict[str, tuple[FoodRecord, int | None] | None] = {}
        self._estimates: dict[str, dict[str, float]] = {}
        self._index: FoodIndex | None = None
        self._values: dict[tuple[str, ...], dict[str, dict[str, float]]] = {}
        self._catalogue: dict[tuple[str, ...], dict[str, CatalogueFood]] = {}
        self._names: dict[str, str] | None = None
        self._release: str | None = None

    def import_release(self, folder: str | Path, progress: Progress | None = None) -> ImportResult:
        """Import a USDA SR ASCII release folder (one transaction; a no-op if already imported), then the estimated
        phenylalanine and tyrosine of its foods that lack them, and the composite drinks SR has no entry for
        (latte, cappuccino)."""
        result = import_release(self.db, Path(folder), progress)
        if not result.unchanged:
            from norepi.foods.estimates import AminoEstimator, add_estimates
            from norepi.foods.recipes import composite_records
            from norepi.foods.sr_records import read_sr_release

            sr = read_sr_release(folder).foods
            store_estimates(self.db, [f for f in add_estimates(sr, AminoEstimator(sr)) if f.estimates])
            composites = composite_records({f.food_id: f for f in sr})
            store_records(self.db, DataType.RECIPE, "composites", checksum_of(composites), composites)
        with self._lock:
            self._clear()
        return result

    def import_records(self, data_type: DataType, release: str, checksum: str, records: Iterable[FoodRecord],
                       notes: Iterable[str] = (), progress: Progress | None = None) -> RecordImport:
        """Store foods of another source (FDC, Open Food Facts) in one transaction, with estimated phenylalanine
        and tyrosine where they lack them; a no-op for a release already there."""
        from norepi.foods.estimates import AminoEstimator, add_estimates

        self.require()
        result = store_records(self.db, data_type, release, checksum,
                               add_estimates(records, AminoEstimator(self._amino_references())), notes, progress)
        with self._lock:
            self._clear()
        return result

    def _amino_references(self) -> list[FoodRecord]:
        """The SR foods as records holding only protein, phenylalanine and tyrosine: what the estimator reads
        (two queries, not one per food)."""
        from norepi.foods.estimates import PHE, PROTEIN, TYR

        sr_types = ("sr28", "sr_legacy_food")
        with self.db.transaction() as s:
            foods = s.execute(select(Food.ndb_no, Food.long_desc, Food.group_code, FoodGroup.description,
                                     Food.data_type, Food.ingredients)
                              .join(FoodGroup, FoodGroup.code == Food.group_code)
                              .where(Food.data_type.in_(sr_types), Food.owner_id.is_(None))).all()
            amounts: dict[str, dict[str, NutrientAmount]] = {}
            for ndb, nutr, value, unit in s.execute(
                    select(FoodNutrient.ndb_no, FoodNutrient.nutr_no, FoodNutrient.value, Nutrient.unit)
                    .join(Nutrient, Nutrient.nutr_no == FoodNutrient.nutr_no)
                    .join(Food, Food.ndb_no == FoodNutrient.ndb_no)
                    .where(FoodNutrient.nutr_no.in_((PHE, TYR, PROTEIN)), Food.data_type.in_(sr_types),
                           Food.owner_id.is_(None))):
                amounts.setdefault(ndb, {})[nutr] = NutrientAmount(value, unit)
        return [FoodRecord(food_id=ndb, data_type=DataType(kind), release="", source_id=ndb, description=desc,
                           nutrients=amounts.get(ndb, {}), group=group, group_code=code, ingredients=ingr or "")
                for ndb, desc, code, group, kind, ingr in foods]

    def add_own_food(self, record: FoodRecord, owner: int) -> FoodRecord:
        """Store a person's own food or recipe (only they see it); replaces one with the same id."""
        store_records(self.db, record.data_type, f"own:{owner}", checksum_of([record]), [record], owner=owner,
                      replace_release=False)
        self._records.pop(record.food_id, None)
        return record

    def release(self) -> str | None:
        """The name of the USDA SR release the food database rests on (else of its newest release), or None."""
        if self._release is None:
            with self.db.transaction() as s:
                newest = select(FoodRelease.name).order_by(FoodRelease.id.desc()).limit(1)
                self._release = (s.scalars(newest.where(FoodRelease.data_type.in_(("sr28", "sr_legacy_food"))))
                                 .first() or s.scalars(newest).first())
        return self._release

    def releases(self) -> list[tuple[str, str, int]]:
        """(data type, release name, foods) of every release stored, newest first."""
        with self.db.transaction() as s:
            return [(t, n, c) for t, n, c in s.execute(
                select(FoodRelease.data_type, FoodRelease.name, FoodRelease.food_count)
                .order_by(FoodRelease.id.desc()))]

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
        return FoodIndex.build(self._searchable(Food.owner_id.is_(None)))

    def _searchable(self, where: Any) -> list[SearchableFood]:
        with self.db.transaction() as s:
            counts = dict(s.execute(select(Portion.ndb_no, func.count()).group_by(Portion.ndb_no)).all())
            rows = s.execute(
                select(Food.ndb_no, Food.long_desc, Food.group_code, FoodGroup.description, Food.survey,
                       Food.manufacturer, Food.common_name, Food.data_type, Food.link_ndb, Food.owner_id)
                .join(FoodGroup, FoodGroup.code == Food.group_code)
                .where(where)
            ).all()
        out = []
        for ndb, desc, group_code, group, survey, maker, common, data_type, link, owner in rows:
            kind = _KIND.get(data_type, FoodKind.GENERIC)
            if owner is not None:
                kind = FoodKind.RECIPE if data_type == DataType.RECIPE else FoodKind.OWN
            generic = kind is FoodKind.GENERIC
            out.append(SearchableFood(ndb, desc, group_code, group, bool(survey), (maker or "") if generic else "",
                                      common or "", counts.get(ndb, 0), kind, "" if generic else (maker or ""),
                                      link or ""))
        return out

    def person_index(self, owner: int | None) -> _Index:
        """The shared index and ``owner``'s own foods searched as one."""
        return _Index(self, owner)

    def own_index(self, owner: int) -> FoodIndex | None:
        """The search index over one person's own foods and recipes (None when they have none)."""
        foods = self._searchable(Food.owner_id == owner)
        return FoodIndex.build(foods) if foods else None

    def search(self, query: str, limit: int = 10, chosen: Mapping[str, str] | None = None,
               owner: int | None = None) -> list[Hit]:
        """Foods matching ``query``, best first: the person's (``owner``) own foods and recipes and earlier choices
        (``chosen``: query key -> food id) first, then generic foods unless a brand is named."""
        hits = self.index().search(query, limit, chosen)
        own = self.own_index(owner) if owner is not None else None
        if own is not None:
            mine = own.search(query, limit, chosen)
            hits = sorted([*mine, *hits], key=lambda h: -h.score)[:limit]
        return hits

    def record(self, food_id: str, owner: int | None = None) -> FoodRecord | None:
        """The food as its source gave it (every nutrient with its unit, portions, estimates, provenance); None when
        there is no such food, or it is another person's own food."""
        if food_id not in self._records:
            self._records[food_id] = self._read_record(food_id)
            while len(self._records) > 4096:
                self._records.pop(next(iter(self._records)))
        rec, rec_owner = self._records[food_id] or (None, None)
        if rec is None or (rec_owner is not None and rec_owner != owner):
            return None
        return rec

    def _read_record(self, food_id: str) -> tuple[FoodRecord, int | None] | None:
        with self.db.transaction() as s:
            row = s.execute(select(Food, FoodGroup.description).join(FoodGroup, FoodGroup.code == Food.group_code)
                            .where(Food.ndb_no == food_id)).first()
            if row is None:
                return None
            food, group = row
            nutrients = {n: NutrientAmount(v, u) for n, v, u in s.execute(
                select(FoodNutrient.nutr_no, FoodNutrient.value, Nutrient.unit)
                .join(Nutrient, Nutrient.nutr_no == FoodNutrient.nutr_no).where(FoodNutrient.ndb_no == food_id))}
            units = dict(s.execute(select(Nutrient.nutr_no, Nutrient.unit)).all())
            estimates = {e.nutr_no: Estimate(e.value, e.low, e.high, units.get(e.nutr_no, ""), e.basis)
                         for e in s.scalars(select(FoodEstimate).where(FoodEstimate.ndb_no == food_id))}
            portions = tuple(PortionOption(a, d, g) for a, d, g in s.execute(
                select(Portion.amount, Portion.description, Portion.grams).where(Portion.ndb_no == food_id)
                .order_by(Portion.seq)))
            release = s.scalar(select(FoodRelease.name).where(FoodRelease.id == food.release_id)) or ""
        try:
            data_type = DataType(food.data_type)
        except ValueError:
            data_type = DataType.SR28
        return FoodRecord(
            food_id=food.ndb_no, data_type=data_type, release=release, source_id=food.source_id or food.ndb_no,
            description=food.long_desc, nutrients=nutrients, portions=portions, ndb_no=food.link_ndb,
            group=group, group_code=food.group_code, brand=food.manufacturer or "", barcode=food.barcode,
            ingredients=food.ingredients or "", common_name=food.common_name or "", survey=bool(food.survey),
            licence=food.licence or CC0, energy_basis=food.energy_basis or "", estimates=estimates,
        ), food.owner_id

    def by_barcode(self, code: str) -> FoodRecord:
        """The packaged food with this barcode (EAN-13, UPC-A, GTIN-14...): InputError when the check digit is
        wrong, NotFound when no imported product has it."""
        gtin = normalize_gtin(code)
        with self.db.transaction() as s:
            food_id = s.scalars(select(Food.ndb_no).where(Food.barcode == gtin, Food.owner_id.is_(None))).first()
        record = self.record(food_id) if food_id else None
        if record is None:
            self.require()
            raise NotFound(f"no product with barcode {code.strip()} in the imported food data (import Open Food "
                           "Facts or FDC Branded foods to look products up)")
        return record

    def understand(self, text: str, chosen: Mapping[str, str] | None = None, owner: int | None = None) -> Understood:
        """A typed phrase ("1 cup milk", "chicken breast 150g") as a food and its grams, with two alternatives."""
        self.require()
        return understand(text, _Index(self, owner), lambda fid: self.record(fid, owner), chosen)

    def choose(self, ref: str, chosen: Mapping[str, str] | None = None, owner: int | None = None) -> FoodRecord:
        """The food of a food id ("01123", "fdc:2345678") or a name (the person's earlier choice, the usual food
        for a common word, else the best match)."""
        ref = ref.strip()
        if not ref:
            raise InputError("no food given", field="food")
        if ref.isdigit() and len(ref) <= 5:
            ref = ref.zfill(5)
        direct = self.record(ref, owner)
        if direct is not None:
            return direct
        self.require()
        if ref.isdigit() or ":" in ref:
            raise NotFound(f"no food with id {ref!r}")
        return choose_food(ref, _Index(self, owner), lambda fid: self.record(fid, owner), chosen)[0]

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

    def estimates_per_100g(self, ndb_nos: Iterable[str]) -> dict[str, dict[str, float]]:
        """Estimated values per 100 g (the nutrients' units) of these foods, for what their sources do not give."""
        wanted = sorted(set(ndb_nos) - self._estimates.keys())
        for i in range(0, len(wanted), 900):
            chunk = wanted[i : i + 900]
            found: dict[str, dict[str, float]] = {n: {} for n in chunk}
            with self.db.transaction() as s:
                for ndb, nutr, value in s.execute(select(FoodEstimate.ndb_no, FoodEstimate.nutr_no, FoodEstimate.value)
                                                  .where(FoodEstimate.ndb_no.in_(chunk))):
                    found[ndb][nutr] = value
            self._estimates.update(found)
        return {n: self._estimates[n] for n in set(ndb_nos)}

    def descriptions(self) -> dict[str, str]:
        """Every food's description by id (cached until the next import)."""
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
                  survey_only: bool = True, estimates: bool = False) -> list[CatalogueFood]:
        """Foods as the science reads them (values per 100 g of the nutrient ``numbers``, portions): every survey
        food (USDA's FNDDS-linked set of commonly eaten foods) plus the ``extra`` NDB numbers, or every food with
        ``survey_only=False``. With ``estimates``, a value the source lacks is filled from its estimate and named in
        ``CatalogueFood.estimated``; without, only measured values. Cached until the next import."""
        key = tuple(sorted(numbers))
        if key not in self._catalogue:
            self.require()
            with self._lock:
                if key not in self._catalogue:
                    self._catalogue[key] = self._read_catalogue(key)
        foods = self._catalogue[key].values()
        if estimates:
            foods = self._with_estimates(key).values()
        extra_set = set(extra)
        return [f for f in foods if not survey_only or f.survey or f.food_id in extra_set]

    def _with_estimates(self, numbers: tuple[str, ...]) -> dict[str, CatalogueFood]:
        cache_key = ("estimated", *numbers)
        if cache_key not in self._catalogue:
            with self._lock, self.db.transaction() as s:
                found: dict[str, dict[str, float]] = defaultdict(dict)
                for ndb, nutr, value in s.execute(select(FoodEstimate.ndb_no, FoodEstimate.nutr_no, FoodEstimate.value)
                                                  .where(FoodEstimate.nutr_no.in_(numbers))):
                    found[ndb][nutr] = value
                merged = dict(self._catalogue[numbers])
                for ndb, values in found.items():
                    food = merged.get(ndb)
                    missing = {n: v for n, v in values.items() if food is not None and n not in food.per_100g}
                    if food is not None and missing:
                        merged[ndb] = replace(food, per_100g={**food.per_100g, **missing},
                                              estimated=food.estimated | frozenset(missing))
                self._catalogue[cache_key] = merged
        return self._catalogue[cache_key]

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
