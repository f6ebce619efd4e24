"""stub"""


class LoopHabitsImporter:
    kind = "loop_habits"
