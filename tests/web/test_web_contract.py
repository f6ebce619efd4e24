"""The JSON of the API is the library's values: the fields cannot drift apart."""

from norepi.journal.food_log import LoggedFood
from norepi.web.schemas import EntryOut


def test_an_entry_in_the_api_has_the_fields_of_the_journals_entry() -> None:
    assert set(EntryOut.model_fields) == set(LoggedFood._fields)
