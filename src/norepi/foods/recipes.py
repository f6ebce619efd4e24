"""Recipes: a name, a number of servings and ingredient phrases, read from a plain list; their totals from the
ingredients (pure).

A recipe file is one ingredient phrase a line ("2 cups cooked black beans", "1 lb ground beef", "1 can
tomatoes"); a line "servings: 4", "serves 4" or "makes 6 servings" gives the servings (1 when none); blank
lines, "#" comments and list bullets ("-", "*", "•", "1.") are ignored. An ingredient that cannot be
understood is listed as unknown with its line and reason, never silently dropped; a nutrient that some
understood ingredient lacks is left out of the totals (and named in ``incomplete``): missing is not zero.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from norepi.errors import AmountError, ImportFormatError, InputError, NorepiError
from norepi.foods.amounts import PortionOption
from norepi.foods.records import DataType, Estimate, FoodRecord, NutrientAmount
from norepi.foods.search import FoodIndex
from norepi.foods.understand import FoodLookup, Understood, understand

SERVINGS = re.compile(r"^\s*(?:servings?\s*[:=]?|serves|makes|yield[s]?\s*[:=]?)\s*(\d+(?:\.\d+)?)\b", re.I)
BULLET = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s+")


@dataclass(frozen=True)
class Recipe:
    """A recipe as written: name, servings, and (line number, ingredient phrase) pairs."""

    name: str
    servings: float
    ingredients: tuple[tuple[int, str], ...]

    @property
    def food_id(self) -> str:
        """The recipe's food id ("recipe:chili")."""
        return "recipe:" + re.sub(r"[^a-z0-9]+", "-", self.name.lower()).strip("-")


@dataclass(frozen=True)
class RecipeTotals:
    """What a recipe adds up to: understood ingredients, unknown ones (line, phrase, reason), total grams,
    nutrient totals for the whole recipe (measured / estimated apart) and nutrients some ingredient lacks."""

    recipe: Recipe
    understood: tuple[Understood, ...]
    unknown: tuple[tuple[int, str, str], ...]
    total_grams: float
    nutrients: Mapping[str, NutrientAmount]
    estimates: Mapping[str, Estimate]
    incomplete: tuple[str, ...]

    @property
    def serving_grams(self) -> float:
        return self.total_grams / self.recipe.servings

    def record(self) -> FoodRecord:
        """The recipe as a food: values per 100 g and a "serving" portion, so that "1 serving chili" logs."""
        scale = 100.0 / self.total_grams if self.total_grams else 0.0
        return FoodRecord(
            food_id=self.recipe.food_id,
            data_type=DataType.RECIPE,
            release="",
            source_id=self.recipe.name,
            description=self.recipe.name,
            nutrients={k: NutrientAmount(v.value * scale, v.unit) for k, v in self.nutrients.items()},
            portions=(PortionOption(1.0, "serving", self.serving_grams),),
            estimates={k: Estimate(e.value * scale, e.low * scale, e.high * scale, e.unit, e.basis)
                       for k, e in self.estimates.items()},
            ingredients="; ".join(u.phrase.text for u in self.understood),
        )


def parse_recipe(text: str, name: str, path: Path | str = "recipe") -> Recipe:
    """A recipe from its plain-text ingredient list; ImportFormatError when it has no ingredient."""
    servings = 1.0
    lines: list[tuple[int, str]] = []
    for no, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        match = SERVINGS.match(line)
        if match:
            servings = float(match.group(1))
            if servings <= 0:
                raise ImportFormatError("servings must be positive", path=path, line=no)
            continue
        lines.append((no, BULLET.sub("", line)))
    if not lines:
        raise ImportFormatError("no ingredient lines (one phrase a line, e.g. '1 lb ground beef')", path=path)
    if not name.strip():
        raise InputError("a recipe needs a name", field="name")
    return Recipe(name.strip(), servings, tuple(lines))


def read_recipe(path: Path | str, name: str | None = None) -> Recipe:
    """A recipe from a UTF-8 text file (name: the file's stem unless given)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ImportFormatError("no such file", path=path) from None
    except UnicodeDecodeError as exc:
        raise ImportFormatError(f"not UTF-8 text ({exc.reason})", path=path) from None
    return parse_recipe(text, name or path.stem.replace("_", " "), path)


def recipe_totals(recipe: Recipe, index: FoodIndex, food: FoodLookup,
                  chosen: Mapping[str, str] | None = None) -> RecipeTotals:
    """Each ingredient understood as a phrase (:func:`norepi.foods.understand.understand`), then summed."""
    understood: list[Understood] = []
    unknown: list[tuple[int, str, str]] = []
    for no, phrase in recipe.ingredients:
        try:
            understood.append(understand(phrase, index, food, chosen))
        except (AmountError, NorepiError) as exc:
            unknown.append((no, phrase, str(exc)))
    return combine(recipe, understood, unknown)


def combine(recipe: Recipe, understood: Sequence[Understood],
            unknown: Sequence[tuple[int, str, str]] = ()) -> RecipeTotals:
    """Totals of already understood ingredients."""
    parts = [(u.food, u.grams) for u in understood]
    nutrients, estimates, incomplete = sum_parts(parts)
    total = sum(g for _, g in parts)
    return RecipeTotals(recipe, tuple(understood), tuple(unknown), total, nutrients, estimates, incomplete)


def sum_parts(parts: Sequence[tuple[FoodRecord, float]],
              ) -> tuple[dict[str, NutrientAmount], dict[str, Estimate], tuple[str, ...]]:
    """Totals of (food, grams) parts: measured where every part measured it, estimated where every part has a
    measured or estimated value, and the nutrients some part lacks (left out)."""
    keys = set().union(*(set(f.nutrients) | set(f.estimates) for f, _ in parts)) if parts else set()
    nutrients: dict[str, NutrientAmount] = {}
    estimates: dict[str, Estimate] = {}
    incomplete = []
    for k in sorted(keys):
        if all(k in f.nutrients for f, _ in parts):
            unit = parts[0][0].nutrients[k].unit
            nutrients[k] = NutrientAmount(sum(f.nutrients[k].value * g / 100 for f, g in parts), unit)
        elif all(k in f.nutrients or k in f.estimates for f, _ in parts):
            value = low = high = 0.0
            unit = ""
            for f, g in parts:
                if k in f.nutrients:
                    v = f.nutrients[k].value * g / 100
                    value, low, high, unit = value + v, low + v, high + v, f.nutrients[k].unit
                else:
                    e = f.estimates[k]
                    value, low, high = value + e.value * g / 100, low + e.low * g / 100, high + e.high * g / 100
                    unit = e.unit
            estimates[k] = Estimate(value, low, high, unit, "sum of the ingredients, some estimated")
        else:
            incomplete.append(k)
    return nutrients, estimates, tuple(incomplete)


# Drinks made of two foods that SR28 lacks (a café latte is not in SR28), built from their ingredients.
COMPOSITES: dict[str, tuple[str, tuple[tuple[str, float], ...], tuple[PortionOption, ...], str]] = {
    "composite:latte": (
        "Latte, coffee with steamed whole milk",
        (("14210", 60.0), ("01077", 300.0)),
        (PortionOption(1.0, "latte (12 fl oz)", 360.0), PortionOption(1.0, "cup", 240.0)),
        "a 12 fl oz cafe latte: a double espresso (2 fl oz) and 10 fl oz of whole milk",
    ),
    "composite:cappuccino": (
        "Cappuccino, coffee with steamed whole milk",
        (("14210", 60.0), ("01077", 180.0)),
        (PortionOption(1.0, "cappuccino (8 fl oz)", 240.0), PortionOption(1.0, "cup", 240.0)),
        "an 8 fl oz cappuccino: a double espresso (2 fl oz) and 6 fl oz of whole milk (half of it foam)",
    ),
}


def composite_records(foods: Mapping[str, FoodRecord]) -> list[FoodRecord]:
    """The :data:`COMPOSITES` whose ingredients are in ``foods`` (food id -> record), as records to store."""
    out = []
    for food_id, (description, parts, portions, basis) in COMPOSITES.items():
        if not all(i in foods for i, _ in parts):
            continue
        resolved = [(foods[i], g) for i, g in parts]
        nutrients, estimates, _ = sum_parts(resolved)
        total = sum(g for _, g in parts)
        out.append(FoodRecord(
            food_id=food_id, data_type=DataType.RECIPE, release="norepi", source_id=food_id.split(":")[1],
            description=description,
            nutrients={k: NutrientAmount(v.value * 100 / total, v.unit) for k, v in nutrients.items()},
            portions=portions, group="Beverages", group_code="1400",
            estimates={k: Estimate(e.value * 100 / total, e.low * 100 / total, e.high * 100 / total, e.unit,
                                   e.basis) for k, e in estimates.items()},
            ingredients=basis,
        ))
    return out
