"""Importers: one module per source behind one small protocol (``journal.records.Importer``):
``kind``, ``label``, ``suffixes`` and ``read(path, mapping=None, progress=None) -> Iterator[Record]``.

``IMPORTERS`` maps a kind (the word of ``norepi import <kind>``) to its importer. Importers never write: the
journal stores what ``read`` yields, one transaction per file. A source whose files do not say what a column
means (Loop habits, Bearable factors, Daylio moods, Whoop journal questions) raises ``MappingNeeded`` until the
person's ``ImportMapping`` says it (``importers.mapping``).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

# kind -> "module:class", in the order `norepi import` lists them; the modules load on first use (some are heavy)
_WHERE: dict[str, str] = {
    "fit": "fit:FitImporter",
    "apple-health": "apple_health:AppleHealthImporter",
    "cronometer": "cronometer:CronometerImporter",
    "csv": "csv_generic:GenericCsvImporter",
    "whoop": "whoop:WhoopImporter",
    "oura": "oura:OuraImporter",
    "garmin": "garmin:GarminImporter",
    "fitbit": "fitbit:FitbitImporter",
    "health-connect": "health_connect:HealthConnectImporter",
    "loop": "loop_habits:LoopHabitsImporter",
    "daylio": "daylio:DaylioImporter",
    "bearable": "bearable:BearableImporter",
}
KINDS: tuple[str, ...] = tuple(_WHERE)


def importer(kind: str) -> Importer:
    """The importer of ``kind`` (one of ``KINDS``); KeyError for another word."""
    module, cls = _WHERE[kind].split(":")
    return getattr(importlib.import_module(f"norepi.importers.{module}"), cls)()  # type: ignore[no-any-return]


_CLASSES = {where.split(":")[1]: where.split(":")[0] for where in _WHERE.values()}


def __getattr__(name: str) -> Any:
    if name == "IMPORTERS":
        return {kind: importer(kind) for kind in KINDS}
    if name in _CLASSES:
        return getattr(importlib.import_module(f"norepi.importers.{_CLASSES[name]}"), name)
    raise AttributeError(f"module 'norepi.importers' has no attribute {name!r}")


if TYPE_CHECKING:
    from norepi.journal.records import Importer

    IMPORTERS: dict[str, Importer]

__all__ = ["IMPORTERS", "KINDS", "importer", *sorted(_CLASSES)]
