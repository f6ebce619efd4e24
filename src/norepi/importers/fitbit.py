"""stub"""


class FitbitImporter:
    kind = "fitbit"
