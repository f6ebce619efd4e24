"""The journal's lifestyle tables: exercise, sleep, practices, stress, ratings and their scales, daily
observations, heart-rate samples and what food apps recorded.

Instants are stored as naive UTC (``*_utc``) with the local UTC offset in minutes beside them, so the
day JSON can show local time with its offset. ``natural_key`` makes imports idempotent per record.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, Boolean, Date, DateTime, Float, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from norepi.db.base import Base, PersonalData, person_id


class HeartProfileRecord(PersonalData, Base):
    """Resting / maximal heart rate (bpm) and sleep need (h) from ``effective_on``; history kept."""

    __tablename__ = "heart_profile"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = person_id(index=True)
    effective_on: Mapped[dt.date] = mapped_column(Date)
    resting_hr_bpm: Mapped[float | None] = mapped_column(Float, nullable=True)
    max_hr_bpm: Mapped[float | None] = mapped_column(Float, nullable=True)
    sleep_need_h: Mapped[float | None] = mapped_column(Float, nullable=True)


class ExerciseRecord(PersonalData, Base):
    """An exercise session; ``hr_stream`` is a list of [seconds from start, bpm]."""

    __tablename__ = "exercise_session"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = person_id()
    start_utc: Mapped[dt.datetime] = mapped_column(DateTime)
    utc_offset_min: Mapped[int] = mapped_column(Integer, default=0)
    activity: Mapped[str] = mapped_column(String(40))
    duration_min: Mapped[float] = mapped_column(Float)
    avg_hr_bpm: Mapped[float | None] = mapped_column(Float, nullable=True)
    max_hr_bpm: Mapped[float | None] = mapped_column(Float, nullable=True)
    rpe_cr10: Mapped[float | None] = mapped_column(Float, nullable=True)
    avg_power_w: Mapped[float | None] = mapped_column(Float, nullable=True)
    hr_stream: Mapped[list | None] = mapped_column(JSON, nullable=True)  # type: ignore[type-arg]
    laps: Mapped[list | None] = mapped_column(JSON, nullable=True)  # type: ignore[type-arg]
    # minutes in the source's own heart-rate zones: [[name, minutes, low bpm, high bpm], ...]
    hr_zones: Mapped[list | None] = mapped_column(JSON, nullable=True)  # type: ignore[type-arg]
    source: Mapped[str] = mapped_column(String(24), default="manual")
    natural_key: Mapped[str] = mapped_column(String(120))
    __table_args__ = (
        UniqueConstraint("user_id", "natural_key", name="uq_exercise_session_key"),
        Index("ix_exercise_session_user_start", "user_id", "start_utc"),
    )


class SleepRecord(PersonalData, Base):
    """A sleep period; ``stages`` is a list of [start ISO, end ISO, stage]."""

    __tablename__ = "sleep_period"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = person_id()
    bed_utc: Mapped[dt.datetime] = mapped_column(DateTime)
    wake_utc: Mapped[dt.datetime] = mapped_column(DateTime)
    utc_offset_min: Mapped[int] = mapped_column(Integer, default=0)
    stages: Mapped[list | None] = mapped_column(JSON, nullable=True)  # type: ignore[type-arg]
    asleep_min: Mapped[float | None] = mapped_column(Float, nullable=True)  # the source's measured time asleep
    stage_min: Mapped[dict | None] = mapped_column(JSON, nullable=True)  # type: ignore[type-arg]  # stage -> min
    is_nap: Mapped[bool] = mapped_column(Boolean, default=False)
    source: Mapped[str] = mapped_column(String(24), default="manual")
    natural_key: Mapped[str] = mapped_column(String(120))
    __table_args__ = (
        UniqueConstraint("user_id", "natural_key", name="uq_sleep_period_key"),
        Index("ix_sleep_period_user_wake", "user_id", "wake_utc"),
    )


class PracticeRecord(PersonalData, Base):
    """Meditation, slow breathing or time in nature, in minutes."""

    __tablename__ = "practice"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = person_id()
    kind: Mapped[str] = mapped_column(String(20))
    start_utc: Mapped[dt.datetime] = mapped_column(DateTime)
    utc_offset_min: Mapped[int] = mapped_column(Integer, default=0)
    duration_min: Mapped[float] = mapped_column(Float)
    source: Mapped[str] = mapped_column(String(24), default="manual")
    natural_key: Mapped[str] = mapped_column(String(120))
    __table_args__ = (
        UniqueConstraint("user_id", "natural_key", name="uq_practice_key"),
        Index("ix_practice_user_start", "user_id", "start_utc"),
    )


class StressEventRecord(PersonalData, Base):
    """An acute stress event, intensity 1-10."""

    __tablename__ = "stress_event"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = person_id(index=True)
    at_utc: Mapped[dt.datetime] = mapped_column(DateTime)
    utc_offset_min: Mapped[int] = mapped_column(Integer, default=0)
    intensity: Mapped[int] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(String(24), default="manual")
    natural_key: Mapped[str | None] = mapped_column(String(120), nullable=True)
    __table_args__ = (UniqueConstraint("user_id", "natural_key", name="uq_stress_event_key"),)


class Pss10Record(PersonalData, Base):
    """A completed PSS-10: the ten raw answers (0-4) and the total (0-40)."""

    __tablename__ = "pss10"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = person_id(index=True)
    date: Mapped[dt.date] = mapped_column(Date)
    answers: Mapped[list] = mapped_column(JSON)  # type: ignore[type-arg]
    total: Mapped[int] = mapped_column(Integer)


class RatingScaleRecord(PersonalData, Base):
    """A rating the person defined: name, label, scale ``low``..``high`` in steps of ``step``, which end is
    better, the question (the four default ratings need no row)."""

    __tablename__ = "rating_scale"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = person_id()
    name: Mapped[str] = mapped_column(String(40))
    label: Mapped[str] = mapped_column(String(80))
    low: Mapped[float] = mapped_column(Float)
    high: Mapped[float] = mapped_column(Float)
    step: Mapped[float] = mapped_column(Float, default=1.0)
    higher_is_better: Mapped[bool] = mapped_column(Boolean, default=True)
    question: Mapped[str] = mapped_column(Text, default="")
    __table_args__ = (UniqueConstraint("user_id", "name", name="uq_rating_scale_name"),)


class RatingValueRecord(PersonalData, Base):
    """One rating of one day on the scale of its name (the latest value wins)."""

    __tablename__ = "rating_value"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = person_id()
    date: Mapped[dt.date] = mapped_column(Date)
    name: Mapped[str] = mapped_column(String(40))
    value: Mapped[float] = mapped_column(Float)
    source: Mapped[str] = mapped_column(String(24), default="manual")
    __table_args__ = (UniqueConstraint("user_id", "date", "name", name="uq_rating_value_day"),)


class ObservationRecord(PersonalData, Base):
    """A daily physiological observation (``kind`` of vocab.ObservationKind, in its unit) from ``source``."""

    __tablename__ = "daily_observation"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = person_id()
    date: Mapped[dt.date] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(String(24))
    value: Mapped[float] = mapped_column(Float)
    source: Mapped[str] = mapped_column(String(24), default="manual")
    __table_args__ = (UniqueConstraint("user_id", "date", "kind", "source", name="uq_daily_observation"),)


class HeartRateSample(PersonalData, Base):
    """One heart-rate sample (e.g. from Apple Health), bpm."""

    __tablename__ = "heart_rate_sample"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = person_id()
    at_utc: Mapped[dt.datetime] = mapped_column(DateTime)
    bpm: Mapped[float] = mapped_column(Float)
    source: Mapped[str] = mapped_column(String(24))
    __table_args__ = (UniqueConstraint("user_id", "at_utc", "bpm", name="uq_heart_rate_sample"),)


class DietaryRecord(PersonalData, Base):
    """A dietary quantity recorded by another app (Apple Health), in its own unit."""

    __tablename__ = "dietary_record"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = person_id()
    at_utc: Mapped[dt.datetime] = mapped_column(DateTime)
    utc_offset_min: Mapped[int] = mapped_column(Integer, default=0)
    kind: Mapped[str] = mapped_column(String(60))
    value: Mapped[float] = mapped_column(Float)
    unit: Mapped[str] = mapped_column(String(16))
    source: Mapped[str] = mapped_column(String(24))
    natural_key: Mapped[str] = mapped_column(String(160))
    __table_args__ = (
        UniqueConstraint("user_id", "natural_key", name="uq_dietary_record_key"),
        Index("ix_dietary_record_user_at", "user_id", "at_utc"),
    )


class CronometerServing(PersonalData, Base):
    """A Cronometer serving with Cronometer's own per-serving values (``nutrients``: column -> value);
    ``food_entry_id`` links it to the food-log entry made from it (None when no USDA food matched)."""

    __tablename__ = "cronometer_serving"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = person_id()
    date: Mapped[dt.date] = mapped_column(Date)
    time: Mapped[str] = mapped_column(String(16), default="")
    meal_group: Mapped[str] = mapped_column(String(40), default="")
    food_name: Mapped[str] = mapped_column(String(200))
    amount: Mapped[str] = mapped_column(String(60), default="")
    energy_kcal: Mapped[float | None] = mapped_column(Float, nullable=True)
    phenylalanine_mg: Mapped[float | None] = mapped_column(Float, nullable=True)
    tyrosine_mg: Mapped[float | None] = mapped_column(Float, nullable=True)
    category: Mapped[str] = mapped_column(String(40), default="")
    nutrients: Mapped[dict] = mapped_column(JSON)  # type: ignore[type-arg]
    food_entry_id: Mapped[int | None] = mapped_column(ForeignKey("food_entry.id", ondelete="SET NULL"), nullable=True)
    natural_key: Mapped[str] = mapped_column(String(64))
    __table_args__ = (
        UniqueConstraint("user_id", "natural_key", name="uq_cronometer_serving_key"),
        Index("ix_cronometer_serving_user_date", "user_id", "date"),
    )


class CronometerDay(PersonalData, Base):
    """Cronometer's own daily summary row (column -> value), to check imported days against."""

    __tablename__ = "cronometer_day"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = person_id()
    date: Mapped[dt.date] = mapped_column(Date)
    nutrients: Mapped[dict] = mapped_column(JSON)  # type: ignore[type-arg]
    __table_args__ = (UniqueConstraint("user_id", "date", name="uq_cronometer_day"),)
