"""The person's profile history: each version takes effect on a date; targets follow from it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import asdict
from typing import TYPE_CHECKING

from sqlalchemy import select

from norepi.errors import DataMissing
from norepi.journal.tables import ProfileRecord
from norepi.profile import Profile

if TYPE_CHECKING:
    from norepi.journal.journal import Journal

NO_PROFILE = "no profile yet: set sex, age, weight and height first"


class Profiles:
    """Profile versions of the journal's person."""

    def __init__(self, journal: Journal) -> None:
        self._j = journal

    def set(self, profile: Profile, effective_on: dt.date | None = None) -> None:
        """Record a new version of the profile from ``effective_on`` (default today); history is kept."""
        with self._j.scope.transaction() as s:
            s.add(ProfileRecord(effective_on=effective_on or dt.date.today(),
                                recorded_at=dt.datetime.now(dt.UTC).replace(tzinfo=None),
                                **{**asdict(profile), "exclusions": list(profile.exclusions)}))

    def history(self) -> list[tuple[dt.date, Profile]]:
        """Every profile version, oldest first, with the date it takes effect."""
        with self._j.scope.transaction() as s:
            rows = s.scalars(select(ProfileRecord).order_by(ProfileRecord.effective_on, ProfileRecord.id)).all()
            return [(r.effective_on, _to_profile(r)) for r in rows]

    def on(self, date: dt.date | None = None) -> Profile:
        """The profile in effect on ``date`` (default today); DataMissing when there is none."""
        history = self.history()
        if not history:
            raise DataMissing(NO_PROFILE)
        return profile_on(history, date or dt.date.today())


def profile_on(history: Sequence[tuple[dt.date, Profile]], on: dt.date) -> Profile:
    """The profile in effect on ``on``: the newest taking effect by then, else the earliest."""
    current = history[0][1]
    for effective, prof in history:
        if effective <= on:
            current = prof
    return current


def _to_profile(r: ProfileRecord) -> Profile:
    return Profile.of(sex=r.sex, age_years=r.age_years, weight_kg=r.weight_kg, height_cm=r.height_cm,
                      activity=r.activity, life_stage=r.life_stage, diet=r.diet, exclusions=r.exclusions or (),
                      pregnancy_trimester=r.pregnancy_trimester)
