from __future__ import annotations

import pytest

from norepi.journal.journal import Journal
from norepi.profile import Profile


@pytest.fixture
def jrnl(tmp_path):
    j = Journal(tmp_path / "j.sqlite")
    j.set_profile(
        Profile(sex="female", age_years=40, weight_kg=62, height_cm=168),
        effective_on=__import__("datetime").date(2026, 1, 1),
    )
    yield j
    j.close()
