"""The journal's tables of one person's data: the person, profile history, food log, saved plans, experiments,
and the bookkeeping of imports (files seen, remembered column mappings, learned food choices).

Every personal table is ``PersonalData`` with ``user_id`` -> ``person.id`` (NOT NULL, rows go with the person).
Lifestyle tables are in lifestyle_tables.py, web accounts in account_tables.py.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, Boolean, Date, DateTime, Float, ForeignKey, Index, Integer, String, Text, Time
from sqlalchemy.orm import Mapped, mapped_column
from sqlalchemy.schema import UniqueConstraint

from norepi.db.base import Base, PersonalData, person_id

LOCAL_PERSON_ID = 1  # the single-user journal of `norepi` on one machine; web accounts are persons 2, 3, ...


class Person(Base):
    """One person whose data the database holds: the local single-user journal (id 1) or a web account."""

    __tablename__ = "person"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    # raised by every transaction that writes the person's data (journal/scope.py): caches of what the person
    # sees are keyed by it, so that nothing stale is shown and nothing unchanged is computed twice
    data_version: Mapped[int] = mapped_column(Integer, default=0)


class ProfileRecord(PersonalData, Base):
    """One version of the person's profile; the history is kept (weight changes over time)."""

    __tablename__ = "profile"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = person_id(index=True)
    effective_on: Mapped[dt.date] = mapped_column(Date)
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime)
    sex: Mapped[str] = mapped_column(String(6))
    age_years: Mapped[int] = mapped_column(Integer)
    weight_kg: Mapped[float] = mapped_column(Float)
    height_cm: Mapped[float] = mapped_column(Float)
    activity: Mapped[str] = mapped_column(String(16))
    life_stage: Mapped[str] = mapped_column(String(10), default="none")
    pregnancy_trimester: Mapped[int | None] = mapped_column(Integer, nullable=True)  # 1-3 when pregnant
    diet: Mapped[str] = mapped_column(String(12), default="omnivore")
    exclusions: Mapped[list[str]] = mapped_column(JSON, default=list)


class FoodEntry(PersonalData, Base):
    """A food eaten: when, what, how many grams, and the amount text the person gave."""

    __tablename__ = "food_entry"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = person_id()
    date: Mapped[dt.date] = mapped_column(Date)
    time: Mapped[dt.time | None] = mapped_column(Time, nullable=True)
    ndb_no: Mapped[str] = mapped_column(String(64), ForeignKey("food.ndb_no"))
    grams: Mapped[float] = mapped_column(Float)
    portion_text: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(String(24), default="manual")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)

    __table_args__ = (Index("ix_food_entry_user_date", "user_id", "date"),)


class MealPlanRecord(PersonalData, Base):
    """A saved meal plan (the planner's result and its request) and when, if ever, it was logged."""

    __tablename__ = "meal_plan"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = person_id(index=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    start_date: Mapped[dt.date] = mapped_column(Date)
    days: Mapped[int] = mapped_column(Integer)
    request: Mapped[dict] = mapped_column(JSON)  # type: ignore[type-arg]
    plan: Mapped[dict] = mapped_column(JSON)  # type: ignore[type-arg]
    accepted_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)


class ExperimentRecord(PersonalData, Base):
    """A planned experiment: ``schedule`` is one letter per phase of ``phase_days`` days from ``start_date``,
    "A" = with the action, "B" = without; drawn at random (``seed``) among the balanced schedules."""

    __tablename__ = "experiment"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = person_id(index=True)
    lever: Mapped[str] = mapped_column(String(40))
    action: Mapped[str] = mapped_column(Text, default="")
    outcome: Mapped[str] = mapped_column(String(20))
    start_date: Mapped[dt.date] = mapped_column(Date)
    phase_days: Mapped[int] = mapped_column(Integer)
    schedule: Mapped[str] = mapped_column(String(40))
    seed: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    stopped_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)


class ImportedFile(PersonalData, Base):
    """A file imported whole (by SHA-256 of its bytes): importing it again is a no-op."""

    __tablename__ = "imported_file"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = person_id()
    sha256: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(24))
    name: Mapped[str] = mapped_column(String(260))
    imported_at: Mapped[dt.datetime] = mapped_column(DateTime)
    counts: Mapped[dict] = mapped_column(JSON)  # type: ignore[type-arg]
    __table_args__ = (UniqueConstraint("user_id", "sha256", name="uq_imported_file"),)


class ImportMappingRecord(PersonalData, Base):
    """What a column of a source's files means to this person ("rating:tiredness"), remembered for the next
    import of that source."""

    __tablename__ = "import_mapping"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = person_id()
    source: Mapped[str] = mapped_column(String(24))
    column: Mapped[str] = mapped_column(String(200))
    target: Mapped[str] = mapped_column(String(80))
    __table_args__ = (UniqueConstraint("user_id", "source", "column", name="uq_import_mapping"),)


class FoodChoiceRecord(PersonalData, Base):
    """The food a person chose for a phrase ("milk" -> 01077): it wins the next time they type the phrase."""

    __tablename__ = "food_choice"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = person_id()
    phrase: Mapped[str] = mapped_column(String(200))
    ndb_no: Mapped[str] = mapped_column(String(64), ForeignKey("food.ndb_no"))
    chosen_at: Mapped[dt.datetime] = mapped_column(DateTime)
    __table_args__ = (UniqueConstraint("user_id", "phrase", name="uq_food_choice"),)


class FoodDayStatusRecord(PersonalData, Base):
    """Whether the food log of a date is complete, as a source flagged it (e.g. a "Cronometer accurate?" habit)
    or the person said; a day without a row has no such flag."""

    __tablename__ = "food_day_status"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = person_id()
    date: Mapped[dt.date] = mapped_column(Date)
    complete: Mapped[bool] = mapped_column(Boolean)
    source: Mapped[str] = mapped_column(String(24), default="manual")
    __table_args__ = (UniqueConstraint("user_id", "date", name="uq_food_day_status"),)
