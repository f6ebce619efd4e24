"""The vocabularies every layer shares, as StrEnums with the words a person reads.

A member's value is what is stored and sent (``"slow_breathing"``); ``.display`` (or ``display_name(value)``)
is what a person sees ("slow breathing"). No other module spells these words.
"""

from __future__ import annotations

from enum import StrEnum


class Vocabulary(StrEnum):
    """A StrEnum whose members have display names."""

    @property
    def display(self) -> str:
        """The words a person reads."""
        return _DISPLAY[type(self)][self]


class ActivityClass(Vocabulary):
    """The class of an exercise session (lifestyle/exercise.py ``classify``): ACSM bands by intensity, and
    the two kinds whose catecholamine response is not set by mean intensity."""

    LIGHT = "light"
    MODERATE = "moderate"
    VIGOROUS = "vigorous"
    HIIT = "hiit"
    RESISTANCE = "resistance"


VIGOROUS_CLASSES = frozenset({ActivityClass.VIGOROUS, ActivityClass.HIIT})
HARD_CLASSES = frozenset({ActivityClass.VIGOROUS, ActivityClass.HIIT, ActivityClass.RESISTANCE})


class IntensityBand(Vocabulary):
    """The bands a session's minutes are counted in (ACSM, Garber 2011); resistance minutes apart."""

    LIGHT = "light"
    MODERATE = "moderate"
    VIGOROUS = "vigorous"
    RESISTANCE = "resistance"


class PracticeKind(Vocabulary):
    """Practices that calm the sympathetic system."""

    MEDITATION = "meditation"
    SLOW_BREATHING = "slow_breathing"
    NATURE = "nature"


class DefaultRating(Vocabulary):
    """The four self-ratings every journal starts with (1-10, higher is better); a person adds their own."""

    FOCUS = "focus"
    ENERGY = "energy"
    MOOD = "mood"
    MOTIVATION = "motivation"


class SleepStage(Vocabulary):
    """Stages a device or a person may give for parts of a sleep period."""

    AWAKE = "awake"
    LIGHT = "light"
    DEEP = "deep"
    REM = "rem"
    ASLEEP = "asleep"  # asleep, stage not given
    IN_BED = "in_bed"


SLEEP_STAGES = frozenset({SleepStage.LIGHT, SleepStage.DEEP, SleepStage.REM, SleepStage.ASLEEP})


class ObservationKind(Vocabulary):
    """Daily physiological observations, units in the name; the device scores are the device's own."""

    RESTING_HR_BPM = "resting_hr_bpm"
    HRV_RMSSD_MS = "hrv_rmssd_ms"
    RECOVERY_SCORE_PCT = "recovery_score_pct"  # e.g. Whoop recovery, 0-100 %
    READINESS_SCORE = "readiness_score"  # e.g. Oura readiness, 0-100
    STRESS_SCORE = "stress_score"  # e.g. Garmin average stress level, 0-100
    SLEEP_SCORE = "sleep_score"  # e.g. Oura sleep score, Whoop sleep performance, 0-100

    @property
    def unit(self) -> str:
        """The unit of the value ("bpm", "ms", "%", "0-100")."""
        return _OBSERVATION_UNITS[self]

    @property
    def bounds(self) -> tuple[float, float]:
        """Plausible values (inclusive): outside them a value is a sensor or file error."""
        return _OBSERVATION_BOUNDS[self]


_DISPLAY: dict[type[Vocabulary], dict[str, str]] = {
    ActivityClass: {
        ActivityClass.LIGHT: "light",
        ActivityClass.MODERATE: "moderate",
        ActivityClass.VIGOROUS: "vigorous",
        ActivityClass.HIIT: "high-intensity intervals",
        ActivityClass.RESISTANCE: "resistance training",
    },
    IntensityBand: {
        IntensityBand.LIGHT: "light",
        IntensityBand.MODERATE: "moderate",
        IntensityBand.VIGOROUS: "vigorous",
        IntensityBand.RESISTANCE: "resistance",
    },
    PracticeKind: {
        PracticeKind.MEDITATION: "meditation",
        PracticeKind.SLOW_BREATHING: "slow breathing",
        PracticeKind.NATURE: "time in nature",
    },
    DefaultRating: {
        DefaultRating.FOCUS: "focus",
        DefaultRating.ENERGY: "energy",
        DefaultRating.MOOD: "mood",
        DefaultRating.MOTIVATION: "motivation",
    },
    SleepStage: {
        SleepStage.AWAKE: "awake",
        SleepStage.LIGHT: "light sleep",
        SleepStage.DEEP: "deep sleep",
        SleepStage.REM: "REM sleep",
        SleepStage.ASLEEP: "asleep",
        SleepStage.IN_BED: "in bed",
    },
    ObservationKind: {
        ObservationKind.RESTING_HR_BPM: "resting heart rate",
        ObservationKind.HRV_RMSSD_MS: "heart rate variability (RMSSD)",
        ObservationKind.RECOVERY_SCORE_PCT: "recovery score (the device's own)",
        ObservationKind.READINESS_SCORE: "readiness score (the device's own)",
        ObservationKind.STRESS_SCORE: "stress score (the device's own)",
        ObservationKind.SLEEP_SCORE: "sleep score (the device's own)",
    },
}
_OBSERVATION_UNITS: dict[ObservationKind, str] = {
    ObservationKind.RESTING_HR_BPM: "bpm",
    ObservationKind.HRV_RMSSD_MS: "ms",
    ObservationKind.RECOVERY_SCORE_PCT: "%",
    ObservationKind.READINESS_SCORE: "0-100",
    ObservationKind.STRESS_SCORE: "0-100",
    ObservationKind.SLEEP_SCORE: "0-100",
}
_OBSERVATION_BOUNDS: dict[ObservationKind, tuple[float, float]] = {
    ObservationKind.RESTING_HR_BPM: (25.0, 200.0),
    ObservationKind.HRV_RMSSD_MS: (1.0, 500.0),
    ObservationKind.RECOVERY_SCORE_PCT: (0.0, 100.0),
    ObservationKind.READINESS_SCORE: (0.0, 100.0),
    ObservationKind.STRESS_SCORE: (0.0, 100.0),
    ObservationKind.SLEEP_SCORE: (0.0, 100.0),
}


def display_name(value: str) -> str:
    """The words a person reads for a vocabulary value (a member of the enums above, or its stored string);
    any other word with its underscores as spaces."""
    if isinstance(value, Vocabulary):
        return value.display
    for names in _DISPLAY.values():
        if value in names:
            return names[value]
    return value.replace("_", " ")
