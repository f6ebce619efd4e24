"""Importers: one module per source behind one small protocol, ``read(path) -> records``.

``IMPORTERS`` maps a kind ("fit", "apple-health", "cronometer", "csv") to its importer; the journal's
``lifestyle_store.import_file`` stores what an importer reads in one transaction per file.
"""

from __future__ import annotations

from norepi.importers.apple_health import AppleHealthImporter
from norepi.importers.cronometer import CronometerImporter
from norepi.importers.csv_generic import GenericCsvImporter
from norepi.importers.fit import FitImporter
from norepi.journal.records import Importer

IMPORTERS: dict[str, Importer] = {
    "fit": FitImporter(),
    "apple-health": AppleHealthImporter(),
    "cronometer": CronometerImporter(),
    "csv": GenericCsvImporter(),
}

__all__ = ["IMPORTERS", "AppleHealthImporter", "CronometerImporter", "FitImporter", "GenericCsvImporter", "Importer"]
