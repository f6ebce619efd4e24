"""Importers: one module per source behind one small protocol (``journal.records.Importer``):
``kind``, ``label``, ``suffixes`` and ``read(path, mapping=None, progress=None) -> Iterator[Record]``.

``IMPORTERS`` maps a kind (the word of ``norepi import <kind>``) to its importer. Importers never write: the
journal stores what ``read`` yields, one transaction per file. A source whose files do not say what a column
means (Loop habits, Bearable factors, Daylio moods, Whoop journal questions) raises ``MappingNeeded`` until the
person's ``ImportMapping`` says it (``importers.mapping``).
"""

from __future__ import annotations

from norepi.importers.apple_health import AppleHealthImporter
from norepi.importers.bearable import BearableImporter
from norepi.importers.cronometer import CronometerImporter
from norepi.importers.csv_generic import GenericCsvImporter
from norepi.importers.daylio import DaylioImporter
from norepi.importers.fit import FitImporter
from norepi.importers.fitbit import FitbitImporter
from norepi.importers.garmin import GarminImporter
from norepi.importers.health_connect import HealthConnectImporter
from norepi.importers.loop_habits import LoopHabitsImporter
from norepi.importers.oura import OuraImporter
from norepi.importers.whoop import WhoopImporter
from norepi.journal.records import Importer

_ALL: tuple[Importer, ...] = (
    FitImporter(),
    AppleHealthImporter(),
    CronometerImporter(),
    GenericCsvImporter(),
    WhoopImporter(),
    OuraImporter(),
    GarminImporter(),
    FitbitImporter(),
    HealthConnectImporter(),
    LoopHabitsImporter(),
    DaylioImporter(),
    BearableImporter(),
)
IMPORTERS: dict[str, Importer] = {i.kind: i for i in _ALL}

__all__ = [
    "IMPORTERS",
    "AppleHealthImporter",
    "BearableImporter",
    "CronometerImporter",
    "DaylioImporter",
    "FitImporter",
    "FitbitImporter",
    "GarminImporter",
    "GenericCsvImporter",
    "HealthConnectImporter",
    "Importer",
    "LoopHabitsImporter",
    "OuraImporter",
    "WhoopImporter",
]
