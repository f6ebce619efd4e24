"""SQLAlchemy 2 models: the USDA food tables and the person's journal.

Food values are stored per 100 g edible portion exactly as USDA gives them, in USDA's own unit
(``nutrient.unit``); a nutrient USDA has no value for has no row (unknown, never 0).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    Time,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class FoodRelease(Base):
    """One imported USDA release; ``checksum`` identifies its content so re-imports are no-ops."""

    __tablename__ = "food_release"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(64))
    checksum: Mapped[str] = mapped_column(String(64))
    imported_at: Mapped[dt.datetime] = mapped_column(DateTime)
    food_count: Mapped[int] = mapped_column(Integer)
    nutrient_rows: Mapped[int] = mapped_column(Integer)


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
    __tablename__ = "food"
    ndb_no: Mapped[str] = mapped_column(String(5), primary_key=True)
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


class FoodNutrient(Base):
    """A nutrient value per 100 g edible portion, in ``nutrient.unit``."""

    __tablename__ = "food_nutrient"
    ndb_no: Mapped[str] = mapped_column(ForeignKey("food.ndb_no"), primary_key=True)
    nutr_no: Mapped[str] = mapped_column(ForeignKey("nutrient.nutr_no"), primary_key=True)
    value: Mapped[float] = mapped_column(Float)
    data_points: Mapped[int | None] = mapped_column(Integer, nullable=True)
    std_error: Mapped[float | None] = mapped_column(Float, nullable=True)
    src_cd: Mapped[str] = mapped_column(String(2), default="")
    deriv_cd: Mapped[str] = mapped_column(String(4), default="")


class Portion(Base):
    """A household measure from USDA WEIGHT: ``amount`` x ``description`` weighs ``grams``."""

    __tablename__ = "portion"
    ndb_no: Mapped[str] = mapped_column(ForeignKey("food.ndb_no"), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, primary_key=True)
    amount: Mapped[float] = mapped_column(Float)
    description: Mapped[str] = mapped_column(String(84))
    grams: Mapped[float] = mapped_column(Float)


class ProfileRecord(Base):
    """One version of the person's profile; the history is kept (weight changes over time)."""

    __tablename__ = "profile"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(Integer, default=1, index=True)
    effective_on: Mapped[dt.date] = mapped_column(Date)
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime)
    sex: Mapped[str] = mapped_column(String(6))
    age_years: Mapped[int] = mapped_column(Integer)
    weight_kg: Mapped[float] = mapped_column(Float)
    height_cm: Mapped[float] = mapped_column(Float)
    activity: Mapped[str] = mapped_column(String(16))
    life_stage: Mapped[str] = mapped_column(String(10), default="none")
    diet: Mapped[str] = mapped_column(String(12), default="omnivore")
    exclusions: Mapped[list[str]] = mapped_column(JSON, default=list)


class FoodEntry(Base):
    """A food eaten: when, what, how many grams, and the amount text the person gave."""

    __tablename__ = "food_entry"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(Integer, default=1)
    date: Mapped[dt.date] = mapped_column(Date)
    time: Mapped[dt.time | None] = mapped_column(Time, nullable=True)
    ndb_no: Mapped[str] = mapped_column(ForeignKey("food.ndb_no"))
    grams: Mapped[float] = mapped_column(Float)
    portion_text: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(String(24), default="manual")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)

    __table_args__ = (Index("ix_food_entry_user_date", "user_id", "date"),)


class MealPlanRecord(Base):
    """A saved meal plan (the planner's JSON) and when, if ever, it was logged into the journal."""

    __tablename__ = "meal_plan"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(Integer, default=1, index=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    start_date: Mapped[dt.date] = mapped_column(Date)
    days: Mapped[int] = mapped_column(Integer)
    request: Mapped[dict] = mapped_column(JSON)  # type: ignore[type-arg]
    plan: Mapped[dict] = mapped_column(JSON)  # type: ignore[type-arg]
    accepted_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)


from norepi.journal import lifestyle_models  # noqa: E402,F401,I001  (lifestyle tables on Base.metadata)
from norepi.journal import user_models  # noqa: E402,F401  (web accounts tables on Base.metadata)
from norepi.journal import insight_models  # noqa: E402,F401  (experiment table on Base.metadata)
