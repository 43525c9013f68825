"""The plan as data: the whole targets file, the look-ups the rest of the tool asks of it,
and whether its parts refer to each other correctly: every code defined once, every
category, level, flag, measure, group, place level, unit kind and reform an entry names
defined in the file, target years among the milestones, places within places of the level
above. Each such problem is one sentence naming the entry.

Every category, level, place, unit, yes/no flag, measure, label and target number comes
from the targets file; this module only says what a valid file looks like
(:mod:`ltl_plan.plan.load` reads one).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal, NamedTuple

from pydantic import Field, model_validator

from ltl_plan.plan.common import Label, Model, Period
from ltl_plan.plan.indicators import (
    CountIndicator,
    CoverageIndicator,
    FlagIndicator,
    GrowthIndicator,
    Indicator,
    Measure,
    Population,
)
from ltl_plan.plan.parts import Category, Flag, Group, Level, PlanInfo
from ltl_plan.plan.places import Place, PlaceLevel, Reform, Unit, UnitKind

SCHEMA_VERSION = 2


class Expected(NamedTuple):
    """A reporting unit expected in a year; ``level``: the place level it is a place of
    (its rows are also known by that column), None for a unit that is no place."""

    code: str
    kind: str
    name: str
    aliases: list[str]
    level: str | None


class Plan(Model):
    """The whole targets file, checked for internal consistency."""

    schema_version: Literal[2]
    plan: PlanInfo
    reforms: list[Reform] = []
    places: list[PlaceLevel] = []
    place_names: list[Place] = []
    unit_kinds: list[UnitKind] = []
    units: list[Unit] = []
    levels: list[Level] = Field(min_length=1)
    categories: list[Category] = Field(min_length=1)
    flags: list[Flag] = Field(min_length=1)
    measures: list[Measure] = []
    groups: list[Group] = Field(min_length=1)
    indicators: list[Indicator] = Field(min_length=1)

    @model_validator(mode="after")
    def _references_resolve(self) -> Plan:
        problems = problems_of(self)
        if problems:
            raise ValueError("; ".join(problems))
        return self

    # Look-ups used by validation, measurement and the outputs.
    def category(self, code: str) -> Category:
        return next(category for category in self.categories if category.code == code)

    def measure(self, code: str) -> Measure:
        return next(measure for measure in self.measures if measure.code == code)

    def place_level(self, code: str) -> PlaceLevel:
        return next(level for level in self.places if level.code == code)

    def reform(self, code: str | None) -> Reform | None:
        return next((reform for reform in self.reforms if reform.code == code), None)

    def flag_indicators(self) -> list[FlagIndicator]:
        return [i for i in self.indicators if isinstance(i, CoverageIndicator | CountIndicator)]

    def coverage_indicators(self) -> list[CoverageIndicator]:
        return [i for i in self.indicators if isinstance(i, CoverageIndicator)]

    def growth_indicators(self) -> list[GrowthIndicator]:
        return [i for i in self.indicators if isinstance(i, GrowthIndicator)]

    def flag_populations(self) -> dict[str, list[Population]]:
        """For each flag, the populations of the indicators that count it."""
        result: dict[str, list[Population]] = {flag.code: [] for flag in self.flags}
        for indicator in self.flag_indicators():
            result[indicator.flag].append(indicator.population)
        return result

    def measure_populations(self) -> dict[str, list[Population]]:
        """For each measure, the populations of the indicators that measure its growth."""
        result: dict[str, list[Population]] = {m.code: [] for m in self.measures}
        for indicator in self.growth_indicators():
            result[indicator.measure].append(indicator.population)
        return result

    def units_of(self, year: int) -> list[Expected]:
        """The reporting units expected in ``year``: those named among the places first,
        then the others, in the file's order."""
        found = []
        for place in self.place_names:
            years = place.years or self.place_level(place.level).years
            if place.unit is not None and year in years:
                code = place.code or place.name
                found.append(Expected(code, place.unit, place.name, place.aliases, place.level))
        found += [
            Expected(u.code, u.kind, u.name, u.aliases, None) for u in self.units if year in u.years
        ]
        return found

    def places_in(self, year: int) -> list[PlaceLevel]:
        """The levels of places that exist in ``year``."""
        return [level for level in self.places if year in level.years]

    def ended(self, years: Period, year: int) -> Label | None:
        """Why something with these ``years`` does not exist in ``year``: its reform's
        words, when it names one."""
        reform = self.reform(years.reform)
        return reform.label if reform is not None and year not in years else None

    def period_start(self, milestone: int, year: int) -> int:
        """Where the path to ``milestone`` starts: the baseline year, or the latest earlier
        milestone already reached by ``year`` (2025 for the 2030 targets)."""
        earlier = [m for m in self.plan.milestones if m < milestone and m <= year]
        return max([self.plan.baseline_year, *earlier])


# The columns every submission has: a place level, flag or measure may not take their names.
FIELDS = ("id", "name", "year", "category", "level", "reporting_unit", "file", "row")


def problems_of(plan: Plan) -> list[str]:
    return [
        *_defined_once(plan),
        *_columns_distinct(plan),
        *_periods(plan),
        *_places(plan),
        *_units(plan),
        *_categories(plan),
        *_indicators(plan),
    ]


def _defined_once(plan: Plan) -> Iterable[str]:
    for kind, codes in (
        ("reform", [r.code for r in plan.reforms]),
        ("place level", [p.code for p in plan.places]),
        ("unit kind", [k.code for k in plan.unit_kinds]),
        ("unit", [u.code for u in plan.units] + [p.code for p in plan.place_names if p.code]),
        ("level", [level.code for level in plan.levels]),
        ("category", [c.code for c in plan.categories]),
        ("flag", [f.code for f in plan.flags]),
        ("measure", [m.code for m in plan.measures]),
        ("group", [g.code for g in plan.groups]),
        ("indicator", [i.id for i in plan.indicators]),
    ):
        seen: set[str] = set()
        for code in codes:
            if code in seen:
                yield f"{kind} {code!r} is defined twice"
            seen.add(code)


def _columns_distinct(plan: Plan) -> Iterable[str]:
    """Place levels, flags and measures are columns of the records: no two may share a
    name, nor take a name of the fixed columns."""
    seen: dict[str, str] = dict.fromkeys(FIELDS, "a fixed column")
    for kind, codes in (
        ("place level", [p.code for p in plan.places]),
        ("flag", [f.code for f in plan.flags]),
        ("measure", [m.code for m in plan.measures]),
    ):
        for code in codes:
            if code in seen:
                yield f"{kind} {code!r} has the name of {seen[code]}; give it another code"
            seen.setdefault(code, f"the {kind} {code!r}")


def _periods(plan: Plan) -> Iterable[str]:
    reforms = {reform.code for reform in plan.reforms}
    levels = {level.code for level in plan.places}
    dated: list[tuple[str, Period | None]] = [
        *((f"place level {p.code!r}", p.years) for p in plan.places),
        *((f"place {p.name!r}", p.years) for p in plan.place_names),
        *((f"unit {u.code!r}", u.years) for u in plan.units),
        *((f"level {lv.code!r}", lv.years) for lv in plan.levels),
        *((f"category {c.code!r}", c.years) for c in plan.categories),
        *((f"indicator {i.id!r}", i.years) for i in plan.indicators),
    ]
    for where, years in dated:
        if years is not None and years.reform is not None and years.reform not in reforms:
            yield f"{where}: years name unknown reform {years.reform!r}"
    for reform in plan.reforms:
        if reform.merges is not None and reform.merges not in levels:
            yield f"reform {reform.code!r}: merges unknown place level {reform.merges!r}"


def _places(plan: Plan) -> Iterable[str]:
    levels = {level.code: level for level in plan.places}
    kinds = {kind.code for kind in plan.unit_kinds}
    for level in plan.places:
        if level.within is not None and level.within not in levels:
            yield f"place level {level.code!r}: within unknown place level {level.within!r}"
        chain, current = {level.code}, level.within
        while current is not None and current in levels:
            if current in chain:
                yield f"place level {level.code!r}: its 'within' levels go round in a circle"
                break
            chain.add(current)
            current = levels[current].within
    names = {(place.level, place.name) for place in plan.place_names}
    for place in plan.place_names:
        where = f"place {place.name!r}"
        found = levels.get(place.level)
        if found is None:
            yield f"{where}: unknown place level {place.level!r}"
            continue
        if place.unit is not None and place.unit not in kinds:
            yield f"{where}: unknown unit kind {place.unit!r}"
        if place.within is not None:
            if found.within is None:
                yield f"{where}: its level {found.code!r} lies within no other level"
            elif (found.within, place.within) not in names:
                yield f"{where}: within {place.within!r}, which is no {found.within!r} place"


def _units(plan: Plan) -> Iterable[str]:
    kinds = {kind.code for kind in plan.unit_kinds}
    for unit in plan.units:
        if unit.kind not in kinds:
            yield f"unit {unit.code!r}: unknown unit kind {unit.kind!r}"


def _categories(plan: Plan) -> Iterable[str]:
    levels = {level.code for level in plan.levels}
    for category in plan.categories:
        for level in category.levels:
            if level not in levels:
                yield f"category {category.code!r}: unknown level {level!r}"


def _indicators(plan: Plan) -> Iterable[str]:
    categories = {category.code: category for category in plan.categories}
    levels = {level.code for level in plan.levels}
    flags = {flag.code for flag in plan.flags}
    measures = {measure.code for measure in plan.measures}
    groups = {group.code for group in plan.groups}
    ids = {indicator.id for indicator in plan.indicators}
    milestones = set(plan.plan.milestones)
    for indicator in plan.indicators:
        where = f"indicator {indicator.id!r}"
        if indicator.group not in groups:
            yield f"{where}: unknown group {indicator.group!r}"
        for code in indicator.population.categories:
            if code not in categories:
                yield f"{where}: unknown category {code!r}"
        for level in indicator.population.levels or []:
            if level not in levels:
                yield f"{where}: unknown level {level!r}"
            for code in indicator.population.categories:
                if code in categories and level not in categories[code].levels:
                    yield f"{where}: category {code!r} has no level {level!r}"
        if (
            isinstance(indicator, CoverageIndicator | CountIndicator)
            and indicator.flag not in flags
        ):
            yield f"{where}: unknown flag {indicator.flag!r}"
        if isinstance(indicator, GrowthIndicator) and indicator.measure not in measures:
            yield f"{where}: unknown measure {indicator.measure!r} (declare it under 'measures')"
        targets = indicator.targets_by_year()
        for year in targets:
            if year not in milestones:
                yield (
                    f"{where}: target year {year} is not one of the plan's milestones "
                    f"{sorted(milestones)}"
                )
        for year in indicator.unverified:
            if year not in targets:
                yield f"{where}: unverified year {year} has no target"
        if indicator.same_wording_as is not None and indicator.same_wording_as not in ids:
            yield f"{where}: same_wording_as names unknown indicator {indicator.same_wording_as!r}"


__all__ = ["SCHEMA_VERSION", "Expected", "Plan"]
