"""stub"""


class DaylioImporter:
    kind = "daylio"
