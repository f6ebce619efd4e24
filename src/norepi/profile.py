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
    """Sex, age (years), weight (kg), height (cm), activity level, life stage, diet and exclusions.

    Ages 14-120: the DRI tables here start at 1 year, but the energy equation (Mifflin-St Jeor) and
    the per-kg precursor need are for adolescents and adults.
    """

    sex: Sex
    age_years: int
    weight_kg: float
    height_cm: float
    activity: Activity = "light"
    life_stage: LifeStage = "none"
    diet: Diet = "omnivore"
    exclusions: tuple[str, ...] = field(default=())

    def __post_init__(self) -> None:
        _check_choice("sex", self.sex, SEXES)
        _check_range("age_years", self.age_years, 14, 120, "years")
        _check_range("weight_kg", self.weight_kg, 25, 350, "kg")
        _check_range("height_cm", self.height_cm, 100, 250, "cm")
        _check_choice("activity", self.activity, ACTIVITIES)
        _check_choice("life_stage", self.life_stage, LIFE_STAGES)
        _check_choice("diet", self.diet, DIETS)
        for item in self.exclusions:
            _check_choice("exclusions", item, ALLERGENS)
        if self.life_stage != "none" and (self.sex != "female" or not 14 <= self.age_years <= 50):
            raise InputError("pregnancy and lactation apply to females aged 14-50", field="life_stage")

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
        )
