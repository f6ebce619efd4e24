"""The food database's tables: USDA (or other) releases, nutrients, foods, values per 100 g, household portions.

Food values are stored per 100 g edible portion exactly as the source gives them, in the source's own unit
(``nutrient.unit``); a nutrient the source has no value for has no row (unknown, never 0). These tables are shared
by every person of the database: they hold no personal data.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, DateTime, Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from norepi.db.base import Base


class FoodRelease(Base):
    """One imported USDA release; ``checksum`` identifies its content so re-imports are no-ops."""

    __tablename__ = "food_release"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(64))
    checksum: Mapped[str] = mapped_column(String(64))
    imported_at: Mapped[dt.datetime] = mapped_column(DateTime)
    food_count: Mapped[int] = mapped_column(Integer)
    nutrient_rows: Mapped[int] = mapped_column(Integer)
    data_type: Mapped[str] = mapped_column(String(24), default="sr28")  # foods.records.DataType


class FoodGroup(Base):
    __tablename__ = "food_group"
    code: Mapped[str] = mapped_column(String(4), primary_key=True)
    description: Mapped[str] = mapped_column(String(80))


class Nutrient(Base):
    __tablename__ = "nutrient"
    nutr_no: Mapped[str] = mapped_column(String(3), primary_key=True)
    unit: Mapped[str] = mapped_column(String(8))
    tagname: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(80))
    num_dec: Mapped[int] = mapped_column(Integer)


class Food(Base):
    """A food of any source. ``ndb_no`` is the food id (an SR NDB number, "fdc:<id>", "off:<code>",
    "recipe:<person>:<name>"); ``owner_id`` is set for a person's own food (a recipe): only they see it."""

    __tablename__ = "food"
    ndb_no: Mapped[str] = mapped_column(String(64), primary_key=True)
    group_code: Mapped[str] = mapped_column(ForeignKey("food_group.code"))
    long_desc: Mapped[str] = mapped_column(String(200))
    short_desc: Mapped[str] = mapped_column(String(60))
    common_name: Mapped[str] = mapped_column(String(100), default="")
    manufacturer: Mapped[str] = mapped_column(String(65), default="")
    survey: Mapped[bool] = mapped_column(Boolean, default=False)
    refuse_desc: Mapped[str] = mapped_column(String(135), default="")
    refuse_pct: Mapped[float | None] = mapped_column(Float, nullable=True)
    sci_name: Mapped[str] = mapped_column(String(65), default="")
    n_factor: Mapped[float | None] = mapped_column(Float, nullable=True)
    release_id: Mapped[int] = mapped_column(ForeignKey("food_release.id"))
    data_type: Mapped[str] = mapped_column(String(24), default="sr28")
    source_id: Mapped[str] = mapped_column(String(64), default="")
    link_ndb: Mapped[str | None] = mapped_column(String(5), nullable=True)  # the SR food an FDC food continues
    barcode: Mapped[str | None] = mapped_column(String(14), nullable=True, index=True)  # GTIN-14
    ingredients: Mapped[str] = mapped_column(Text, default="")
    licence: Mapped[str] = mapped_column(String(16), default="CC0-1.0")
    energy_basis: Mapped[str] = mapped_column(String(160), default="")
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), nullable=True,
                                                 index=True)


class FoodEstimate(Base):
    """An estimated value per 100 g (the nutrient's unit) with its plausible range and how it was made; kept
    apart from measured values, never mixed silently."""

    __tablename__ = "food_estimate"
    ndb_no: Mapped[str] = mapped_column(ForeignKey("food.ndb_no"), primary_key=True)
    nutr_no: Mapped[str] = mapped_column(String(3), primary_key=True)
    value: Mapped[float] = mapped_column(Float)
    low: Mapped[float] = mapped_column(Float)
    high: Mapped[float] = mapped_column(Float)
    basis: Mapped[str] = mapped_column(Text)


class FoodNutrient(Base):
    """A nutrient value per 100 g edible portion, in ``nutrient.unit``."""

    __tablename__ = "food_nutrient"
    ndb_no: Mapped[str] = mapped_column(String(64), ForeignKey("food.ndb_no"), primary_key=True)
    nutr_no: Mapped[str] = mapped_column(ForeignKey("nutrient.nutr_no"), primary_key=True)
    value: Mapped[float] = mapped_column(Float)
    data_points: Mapped[int | None] = mapped_column(Integer, nullable=True)
    std_error: Mapped[float | None] = mapped_column(Float, nullable=True)
    src_cd: Mapped[str] = mapped_column(String(2), default="")
    deriv_cd: Mapped[str] = mapped_column(String(4), default="")


class Portion(Base):
    """A household measure from USDA WEIGHT: ``amount`` x ``description`` weighs ``grams``."""

    __tablename__ = "portion"
    ndb_no: Mapped[str] = mapped_column(String(64), ForeignKey("food.ndb_no"), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, primary_key=True)
    amount: Mapped[float] = mapped_column(Float)
    description: Mapped[str] = mapped_column(String(84))
    grams: Mapped[float] = mapped_column(Float)
