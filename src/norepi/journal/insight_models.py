"""SQLAlchemy model of n-of-1 experiments (``norepi experiment``): an ABAB... schedule the app keeps."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, DateTime, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from norepi.journal.models import Base


class ExperimentRecord(Base):
    """A planned experiment: ``schedule`` is one letter per phase of ``phase_days`` days from ``start_date``,
    "A" = with the action, "B" = without; drawn at random (``seed``) among the balanced schedules."""

    __tablename__ = "experiment"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(Integer, default=1, index=True)
    lever: Mapped[str] = mapped_column(String(40))
    action: Mapped[str] = mapped_column(Text, default="")
    outcome: Mapped[str] = mapped_column(String(20))
    start_date: Mapped[dt.date] = mapped_column(Date)
    phase_days: Mapped[int] = mapped_column(Integer)
    schedule: Mapped[str] = mapped_column(String(40))
    seed: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    stopped_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
