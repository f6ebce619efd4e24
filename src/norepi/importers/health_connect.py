"""stub"""


class HealthConnectImporter:
    kind = "health_connect"
