"""The places a plan names, looked up the way submissions write them: by name or alias,
ignoring case, spacing and diacritics, each with the place
of the level above that holds it."""

from __future__ import annotations

from ltl_plan.keys import key
from ltl_plan.plan.common import Period
from ltl_plan.plan.model import Plan
from ltl_plan.plan.places import Place


class Gazetteer:
    def __init__(self, plan: Plan) -> None:
        self.names: dict[str, dict[str, Place]] = {level.code: {} for level in plan.places}
        self.periods: dict[str, list[Period]] = {level.code: [] for level in plan.places}
        for place in plan.place_names:
            for word in (place.name, *place.aliases):
                self.names.setdefault(place.level, {})[key(word)] = place
            years = place.years or plan.place_level(place.level).years
            self.periods.setdefault(place.level, []).append(years)

    def knows(self, level: str, year: int) -> bool:
        """Whether the plan names the places of ``level`` in ``year`` (so that another
        name is unknown then): the communes it names from 2025 say nothing of 2022's."""
        return any(year in period for period in self.periods.get(level, []))

    def find(self, level: str, text: str) -> Place | None:
        return self.names.get(level, {}).get(key(text))

    def examples(self, level: str, count: int = 3) -> list[str]:
        seen: list[str] = []
        for place in self.names.get(level, {}).values():
            if place.name not in seen:
                seen.append(place.name)
        return seen[:count]
