"""stub"""


class OuraImporter:
    kind = "oura"
