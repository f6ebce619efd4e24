"""stub"""


class BearableImporter:
    kind = "bearable"
