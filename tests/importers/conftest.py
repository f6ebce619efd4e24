from __future__ import annotations

import datetime as dt

import pytest
from fit_files import build_fit

from norepi.journal.journal import Journal
from norepi.profile import Profile


@pytest.fixture
def jrnl(tmp_path):
    j = Journal(tmp_path / "j.sqlite")
    j.set_profile(Profile(sex="male", age_years=40, weight_kg=75, height_cm=180), effective_on=dt.date(2026, 1, 1))
    yield j
    j.close()


@pytest.fixture
def make_fit():
    return build_fit
