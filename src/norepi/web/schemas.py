"""Request and response bodies of the API (and of the page forms: the same models validate both)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator

from norepi.importers import KINDS
from norepi.lifestyle.stress import PRACTICES
from norepi.nutrition.nutrients import KEYS
from norepi.profile import ACTIVITIES, ALLERGENS, DIETS, LIFE_STAGES

Sex = Literal["female", "male"]
Activity = Literal[ACTIVITIES]  # type: ignore[valid-type]
LifeStage = Literal[LIFE_STAGES]  # type: ignore[valid-type]
Diet = Literal[DIETS]  # type: ignore[valid-type]
Allergen = Literal[ALLERGENS]  # type: ignore[valid-type]
PracticeKind = Literal[PRACTICES]  # type: ignore[valid-type]
GapKey = Literal[tuple(k for k in KEYS if k != "energy_kcal")]  # type: ignore[valid-type]
ImportKind = Literal[KINDS]  # type: ignore[valid-type]

MIN_DATE = dt.date(1900, 1, 1)
MAX_DATE = dt.date(2200, 12, 31)


class In(BaseModel):
    """A request body: unknown fields and non-finite numbers are refused."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False, str_strip_whitespace=True)


def _check_date(v: dt.date | None) -> dt.date | None:
    if v is not None and not MIN_DATE <= v <= MAX_DATE:
        raise ValueError(f"{v} is outside {MIN_DATE.year}-{MAX_DATE.year}")
    return v


def _date_in_range(v: dt.date) -> dt.date:
    _check_date(v)
    return v


# a date of a path or query parameter, refused (422) outside 1900-2200 rather than overflowing later
SafeDate = Annotated[dt.date, AfterValidator(_date_in_range)]


def _check_moment(v: dt.datetime | None) -> dt.datetime | None:
    if v is not None:
        _check_date(v.date())
    return v


class EntryIn(In):
    """A food to log: ``food`` is an NDB number or a description; ``amount`` e.g. "150 g", "2 large"
    (omit it to give a whole phrase such as "2 large eggs" in ``food``)."""

    food: str = Field(min_length=1, max_length=200, examples=["01123"])
    amount: str | None = Field(default=None, min_length=1, max_length=60, examples=["2 large"])
    date: dt.date | None = Field(default=None, description="default today")
    time: dt.time | None = None

    _d = field_validator("date")(_check_date)


class EntryOut(BaseModel):
    """A food entry as the journal returns it (read from the library's own ``LoggedFood`` by attribute; a test
    checks that the two have the same fields)."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    date: dt.date
    time: dt.time | None
    ndb_no: str
    description: str
    grams: float
    portion_text: str
    source: str = "manual"



class RecentFood(BaseModel):
    ndb_no: str
    description: str
    grams: float
    portion_text: str
    amount: str = Field(description='what to send as "amount" (with food = ndb_no) to log it again')
    last_date: dt.date


class HitOut(BaseModel):
    ndb_no: str
    description: str
    group: str
    score: float


class PortionOut(BaseModel):
    amount: float
    description: str
    grams: float
    label: str = Field(description='what to send as "amount", e.g. "1 large"')


class FoodOut(BaseModel):
    ndb_no: str
    description: str
    group: str
    group_code: str
    portions: list[PortionOut]


class ProfileIn(In):
    sex: Sex
    age_years: int = Field(ge=1, le=120)
    weight_kg: float = Field(ge=5, le=350)
    height_cm: float = Field(ge=45, le=250)
    activity: Activity = "light"
    life_stage: LifeStage = "none"
    pregnancy_trimester: int | None = Field(default=None, ge=1, le=3, description="1-3 when pregnant")
    diet: Diet = "omnivore"
    exclusions: list[Allergen] = Field(default_factory=list, max_length=len(ALLERGENS))
    effective_on: dt.date | None = Field(default=None, description="default today")

    _d = field_validator("effective_on")(_check_date)


class ProfileOut(BaseModel):
    sex: str
    age_years: int
    weight_kg: float
    height_cm: float
    activity: str
    life_stage: str
    pregnancy_trimester: int | None = None
    diet: str
    exclusions: list[str]


class GapFoodOut(BaseModel):
    ndb_no: str
    description: str
    portion: str | None
    portion_g: float | None
    per_portion: float
    per_100kcal: float
    per_portion_pct: float | None
    per_100kcal_pct: float | None
    estimated: bool = Field(False, description="the amount rests on an estimate (no measured value)")


class ExerciseIn(In):
    activity: str = Field(min_length=1, max_length=40, examples=["run"])
    start: dt.datetime | None = Field(default=None, description="ISO 8601; no offset = server local time; default now")
    duration_min: float = Field(gt=0, le=1440)
    avg_hr_bpm: float | None = Field(default=None, ge=25, le=250)
    max_hr_bpm: float | None = Field(default=None, ge=25, le=250)
    rpe_cr10: float | None = Field(default=None, ge=0, le=10)
    avg_power_w: float | None = Field(default=None, ge=0, le=3000)

    _d = field_validator("start")(_check_moment)


class SleepIn(In):
    bed: dt.datetime
    wake: dt.datetime
    asleep_min: float | None = Field(default=None, ge=0, le=1440, description="time asleep, if known")
    nap: bool = False
    replace: bool = Field(default=False, description="replace a sleep already logged at that time")

    _d = field_validator("bed", "wake")(_check_moment)


class PracticeIn(In):
    kind: PracticeKind
    start: dt.datetime | None = Field(default=None, description="default now")
    duration_min: float = Field(gt=0, le=1440)

    _d = field_validator("start")(_check_moment)


class RatingsIn(In):
    date: dt.date | None = Field(default=None, description="default today")
    focus: int | None = Field(default=None, ge=1, le=10)
    energy: int | None = Field(default=None, ge=1, le=10)
    mood: int | None = Field(default=None, ge=1, le=10)
    motivation: int | None = Field(default=None, ge=1, le=10)

    _d = field_validator("date")(_check_date)


class Pss10In(In):
    answers: list[int] = Field(min_length=10, max_length=10, description="ten answers 0-4, in order")
    date: dt.date | None = Field(default=None, description="default today")

    _d = field_validator("date")(_check_date)

    @field_validator("answers")
    @classmethod
    def _answers(cls, v: list[int]) -> list[int]:
        for i, a in enumerate(v, 1):
            if not 0 <= a <= 4:
                raise ValueError(f"answer {i} is {a}: answers are 0-4")
        return v


class StressEventIn(In):
    at: dt.datetime | None = Field(default=None, description="default now")
    intensity: int = Field(ge=1, le=10)
    note: str = Field(default="", max_length=500)

    _d = field_validator("at")(_check_moment)


class Created(BaseModel):
    id: int


class RatingsOut(BaseModel):
    date: dt.date
    ratings: dict[str, float]


class Pss10Out(BaseModel):
    date: dt.date
    total: int
    band: str


class ImportOut(BaseModel):
    kind: str
    filename: str
    added: dict[str, int]
    unchanged: bool
    linked_foods: int
    unlinked_foods: int


class PlanIn(In):
    start: dt.date | None = Field(default=None, description="first day, default today")
    days: int = Field(default=1, ge=1, le=7)
    objective: Literal["usual", "fewest"] = "usual"
    diet: Diet | None = None
    exclusions: list[Allergen] | None = None
    dislikes: list[str] = Field(default_factory=list, max_length=20)
    pins: list[str] = Field(default_factory=list, max_length=10)
    energy_kcal: float | None = Field(default=None, ge=800, le=6000)
    max_uses_per_week: int = Field(default=3, ge=1, le=7)

    _d = field_validator("start")(_check_date)

    @field_validator("dislikes", "pins")
    @classmethod
    def _words(cls, v: list[str]) -> list[str]:
        for w in v:
            if not 0 < len(w.strip()) <= 100:
                raise ValueError("each entry needs 1-100 characters")
        return [w.strip() for w in v]


class PlanAcceptIn(In):
    start: dt.date | None = Field(default=None, description="log the plan's first day on this date")

    _d = field_validator("start")(_check_date)


class ModelOut(BaseModel):
    """The model over your days (web/model_contract.py): per day each index with its interval, what was assumed."""

    disclaimer: str
    limits: str
    start_state: str
    parameter_sets: int
    failed: list[dict[str, Any]]
    notes: list[str]
    days: list[dict[str, Any]]


class TrendsOut(BaseModel):
    """Series over ``start`` .. ``end`` (one value per date; None = nothing logged)."""

    start: dt.date
    end: dt.date
    dates: list[str]
    coverage_pct: dict[str, list[float | None]]
    sleep_h: list[float | None]
    vigorous_min: list[float]
    pss10: list[int | None]
    ratings: dict[str, list[float | None]]
    weeks: list[dict[str, Any]]


class SignupIn(In):
    email: str = Field(min_length=3, max_length=254)
    password: str = Field(min_length=8, max_length=1024)


class LoginIn(In):
    email: str = Field(min_length=1, max_length=254)
    password: str = Field(min_length=1, max_length=1024)


class MeOut(BaseModel):
    user_id: int
    email: str | None
    multi_user: bool
    csrf_token: str | None = Field(default=None, description="send as X-CSRF-Token on writes (multi-user)")


class HealthOut(BaseModel):
    status: str
    foods: str | None
    multi_user: bool
    features: dict[str, bool]
