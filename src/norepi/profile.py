"""The person: the facts their targets depend on."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal, cast

from norepi.errors import InputError

Sex = Literal["female", "male"]
Activity = Literal["sedentary", "light", "moderate", "active", "very_active"]
LifeStage = Literal["none", "pregnant", "lactating"]
Diet = Literal["omnivore", "pescatarian", "vegetarian", "vegan"]

SEXES: tuple[str, ...] = ("female", "male")
ACTIVITIES: tuple[str, ...] = ("sedentary", "light", "moderate", "active", "very_active")
LIFE_STAGES: tuple[str, ...] = ("none", "pregnant", "lactating")
DIETS: tuple[str, ...] = ("omnivore", "pescatarian", "vegetarian", "vegan")
ALLERGENS: tuple[str, ...] = ("milk", "egg", "fish", "shellfish", "tree_nuts", "peanuts", "wheat", "soy", "sesame")


def _check_range(name: str, value: float, low: float, high: float, unit: str) -> None:
    if not low <= value <= high:
        raise InputError(f"{value:g} {unit} is outside {low:g}-{high:g} {unit}", field=name)


def _check_choice(name: str, value: str, choices: tuple[str, ...]) -> None:
    if value not in choices:
        raise InputError(f"{value!r} is not one of {', '.join(choices)}", field=name)


@dataclass(frozen=True)
class Profile:
    """Sex, age (years), weight (kg), height (cm), activity level, life stage (with the trimester of a pregnancy when
    known), diet and exclusions.

    Ages 1-120: the DRI tables, the per-kg precursor needs and the IOM 2005 energy equations cover children from
    1 year; infants are out of scope.
    """

    sex: Sex
    age_years: int
    weight_kg: float
    height_cm: float
    activity: Activity = "light"
    life_stage: LifeStage = "none"
    diet: Diet = "omnivore"
    exclusions: tuple[str, ...] = field(default=())
    pregnancy_trimester: int | None = None

    def __post_init__(self) -> None:
        _check_choice("sex", self.sex, SEXES)
        _check_range("age_years", self.age_years, 1, 120, "years")
        _check_range("weight_kg", self.weight_kg, 5, 350, "kg")
        _check_range("height_cm", self.height_cm, 45, 250, "cm")
        _check_choice("activity", self.activity, ACTIVITIES)
        _check_choice("life_stage", self.life_stage, LIFE_STAGES)
        _check_choice("diet", self.diet, DIETS)
        for item in self.exclusions:
            _check_choice("exclusions", item, ALLERGENS)
        if self.life_stage != "none" and (self.sex != "female" or not 14 <= self.age_years <= 50):
            raise InputError("pregnancy and lactation apply to females aged 14-50", field="life_stage")
        if self.pregnancy_trimester is not None:
            if self.life_stage != "pregnant":
                raise InputError("a trimester is given only for a pregnancy", field="pregnancy_trimester")
            if self.pregnancy_trimester not in (1, 2, 3):
                raise InputError(f"{self.pregnancy_trimester!r} is not a trimester 1-3", field="pregnancy_trimester")

    @classmethod
    def of(
        cls,
        *,
        sex: str,
        age_years: int,
        weight_kg: float,
        height_cm: float,
        activity: str = "light",
        life_stage: str = "none",
        diet: str = "omnivore",
        exclusions: Iterable[str] = (),
        pregnancy_trimester: int | None = None,
    ) -> Profile:
        """A profile from plain strings (CLI options, database rows); every value is validated."""
        return cls(
            sex=cast(Sex, sex),
            age_years=age_years,
            weight_kg=weight_kg,
            height_cm=height_cm,
            activity=cast(Activity, activity),
            life_stage=cast(LifeStage, life_stage),
            diet=cast(Diet, diet),
            exclusions=tuple(exclusions),
            pregnancy_trimester=pregnancy_trimester,
        )
