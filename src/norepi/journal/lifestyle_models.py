"""SQLAlchemy models of the lifestyle records.

Instants are stored as naive UTC (``*_utc``) with the local UTC offset in minutes beside them, so the
day JSON can show local time with its offset. ``natural_key`` makes imports idempotent per record.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, Date, DateTime, Float, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from norepi.journal.models import Base


class HeartProfileRecord(Base):
    """Resting / maximal heart rate (bpm) and sleep need (h) from ``effective_on``; history kept."""

    __tablename__ = "heart_profile"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(Integer, default=1, index=True)
    effective_on: Mapped[dt.date] = mapped_column(Date)
    resting_hr_bpm: Mapped[float | None] = mapped_column(Float, nullable=True)
    max_hr_bpm: Mapped[float | None] = mapped_column(Float, nullable=True)
    sleep_need_h: Mapped[float | None] = mapped_column(Float, nullable=True)


class ExerciseRecord(Base):
    """An exercise session; ``hr_stream`` is a list of [seconds from start, bpm]."""

    __tablename__ = "exercise_session"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(Integer, default=1)
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
    source: Mapped[str] = mapped_column(String(24), default="manual")
    natural_key: Mapped[str] = mapped_column(String(120))
    __table_args__ = (
        UniqueConstraint("user_id", "natural_key", name="uq_exercise_session_key"),
        Index("ix_exercise_session_user_start", "user_id", "start_utc"),
    )


class SleepRecord(Base):
    """A sleep period; ``stages`` is a list of [start ISO, end ISO, stage]."""

    __tablename__ = "sleep_period"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(Integer, default=1)
    bed_utc: Mapped[dt.datetime] = mapped_column(DateTime)
    wake_utc: Mapped[dt.datetime] = mapped_column(DateTime)
    utc_offset_min: Mapped[int] = mapped_column(Integer, default=0)
    stages: Mapped[list | None] = mapped_column(JSON, nullable=True)  # type: ignore[type-arg]
    source: Mapped[str] = mapped_column(String(24), default="manual")
    natural_key: Mapped[str] = mapped_column(String(120))
    __table_args__ = (
        UniqueConstraint("user_id", "natural_key", name="uq_sleep_period_key"),
        Index("ix_sleep_period_user_wake", "user_id", "wake_utc"),
    )


class PracticeRecord(Base):
    """Meditation, slow breathing or time in nature, in minutes."""

    __tablename__ = "practice"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(Integer, default=1)
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


class StressEventRecord(Base):
    """An acute stress event, intensity 1-10."""

    __tablename__ = "stress_event"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(Integer, default=1, index=True)
    at_utc: Mapped[dt.datetime] = mapped_column(DateTime)
    utc_offset_min: Mapped[int] = mapped_column(Integer, default=0)
    intensity: Mapped[int] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(Text, default="")


class Pss10Record(Base):
    """A completed PSS-10: the ten raw answers (0-4) and the total (0-40)."""

    __tablename__ = "pss10"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(Integer, default=1, index=True)
    date: Mapped[dt.date] = mapped_column(Date)
    answers: Mapped[list] = mapped_column(JSON)  # type: ignore[type-arg]
    total: Mapped[int] = mapped_column(Integer)


class RatingRecord(Base):
    """Self-ratings 1-10 of one day (the latest value of each wins)."""

    __tablename__ = "daily_rating"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(Integer, default=1)
    date: Mapped[dt.date] = mapped_column(Date)
    focus: Mapped[int | None] = mapped_column(Integer, nullable=True)
    energy: Mapped[int | None] = mapped_column(Integer, nullable=True)
    mood: Mapped[int | None] = mapped_column(Integer, nullable=True)
    motivation: Mapped[int | None] = mapped_column(Integer, nullable=True)
    source: Mapped[str] = mapped_column(String(24), default="manual")
    __table_args__ = (UniqueConstraint("user_id", "date", name="uq_daily_rating_day"),)


class HeartRateSample(Base):
    """One heart-rate sample (e.g. from Apple Health), bpm."""

    __tablename__ = "heart_rate_sample"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(Integer, default=1)
    at_utc: Mapped[dt.datetime] = mapped_column(DateTime)
    bpm: Mapped[float] = mapped_column(Float)
    source: Mapped[str] = mapped_column(String(24))
    __table_args__ = (UniqueConstraint("user_id", "at_utc", "bpm", name="uq_heart_rate_sample"),)


class DietaryRecord(Base):
    """A dietary quantity recorded by another app (Apple Health), in its own unit."""

    __tablename__ = "dietary_record"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(Integer, default=1)
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


class CronometerServing(Base):
    """A Cronometer serving with Cronometer's own per-serving values (``nutrients``: column -> value);
    ``food_entry_id`` links it to the food-log entry made from it (None when no USDA food matched)."""

    __tablename__ = "cronometer_serving"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(Integer, default=1)
    date: Mapped[dt.date] = mapped_column(Date)
    time: Mapped[str] = mapped_column(String(16), default="")
    meal_group: Mapped[str] = mapped_column(String(40), default="")
    food_name: Mapped[str] = mapped_column(String(200))
    amount: Mapped[str] = mapped_column(String(60), default="")
    energy_kcal: Mapped[float | None] = mapped_column(Float, nullable=True)
    phenylalanine_mg: Mapped[float | None] = mapped_column(Float, nullable=True)
    tyrosine_mg: Mapped[float | None] = mapped_column(Float, nullable=True)
    nutrients: Mapped[dict] = mapped_column(JSON)  # type: ignore[type-arg]
    food_entry_id: Mapped[int | None] = mapped_column(ForeignKey("food_entry.id", ondelete="SET NULL"), nullable=True)
    natural_key: Mapped[str] = mapped_column(String(64))
    __table_args__ = (
        UniqueConstraint("user_id", "natural_key", name="uq_cronometer_serving_key"),
        Index("ix_cronometer_serving_user_date", "user_id", "date"),
    )


class CronometerDay(Base):
    """Cronometer's own daily summary row (column -> value), to check imported days against."""

    __tablename__ = "cronometer_day"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(Integer, default=1)
    date: Mapped[dt.date] = mapped_column(Date)
    nutrients: Mapped[dict] = mapped_column(JSON)  # type: ignore[type-arg]
    __table_args__ = (UniqueConstraint("user_id", "date", name="uq_cronometer_day"),)


class ImportedFile(Base):
    """A file imported whole (by SHA-256 of its bytes): importing it again is a no-op."""

    __tablename__ = "imported_file"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(Integer, default=1)
    sha256: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(24))
    name: Mapped[str] = mapped_column(String(260))
    imported_at: Mapped[dt.datetime] = mapped_column(DateTime)
    counts: Mapped[dict] = mapped_column(JSON)  # type: ignore[type-arg]
    __table_args__ = (UniqueConstraint("user_id", "sha256", name="uq_imported_file"),)
