"""The norepi exception tree.

Every error names what is wrong and where (file and line, field, date)::

    NorepiError
    ├── InputError            a value a person typed or sent is wrong (field, value)
    │   ├── AmountError       an amount or unit that cannot be understood or is impossible
    │   ├── DateError         a date or date range that does not parse
    │   └── MappingNeeded     a file's columns need the person's mapping before it can be read (columns)
    ├── ImportFormatError     a file is malformed (path, line)
    ├── NotFound              a food, entry or profile does not exist
    │   └── AmbiguousFood     a food query matches several foods equally well (choices)
    ├── Infeasible            an optimisation has no solution (which constraints conflict)
    └── DataMissing           the food database (or another prerequisite) is not there yet

The CLI prints ``str(error)`` on one line and exits non-zero; the web API maps them to 4xx.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path


class NorepiError(Exception):
    """Base of every error norepi raises on purpose."""


class InputError(NorepiError):
    """A value given by a person is wrong; ``field`` names which one."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        self.field = field
        super().__init__(f"{field}: {message}" if field else message)


class AmountError(InputError):
    """An amount or unit that cannot be understood, or an impossible quantity."""


class DateError(InputError):
    """A date or date range that does not parse."""


class MappingNeeded(InputError):
    """A file's columns (habits, moods) mean something only the person can say; ``columns`` lists them and
    ``suggestions`` what each might be ("rating:tiredness"), so that the caller can ask once and remember."""

    def __init__(self, message: str, *, columns: Sequence[str], suggestions: dict[str, str] | None = None) -> None:
        self.columns = list(columns)
        self.suggestions = dict(suggestions or {})
        super().__init__(message, field="mapping")


class ImportFormatError(NorepiError):
    """A file that does not have the expected format; names the file and line."""

    def __init__(self, message: str, *, path: Path | str, line: int | None = None) -> None:
        self.path = Path(path)
        self.line = line
        where = f"{self.path}:{line}" if line is not None else f"{self.path}"
        super().__init__(f"{where}: {message}")


class NotFound(NorepiError):
    """Something asked for does not exist."""


class AmbiguousFood(NotFound):
    """A food query matched several foods about equally well."""

    def __init__(self, query: str, choices: Sequence[tuple[str, str]]) -> None:
        self.query = query
        self.choices = list(choices)
        listed = "; ".join(f"{ndb} {desc}" for ndb, desc in self.choices)
        super().__init__(f"food {query!r} is ambiguous; give an NDB number, one of: {listed}")


class Infeasible(NorepiError):
    """An optimisation problem has no solution; ``conflicts`` names the constraints that had to give."""

    def __init__(self, message: str, *, conflicts: Sequence[str] = ()) -> None:
        self.conflicts = list(conflicts)
        super().__init__(message)


class DataMissing(NorepiError):
    """A prerequisite (the food database, a profile) has not been set up yet."""
