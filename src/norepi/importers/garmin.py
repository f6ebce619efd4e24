"""stub"""


class GarminImporter:
    kind = "garmin"
