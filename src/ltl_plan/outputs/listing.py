"""``ltl-plan targets``: a plan as a person reads it: its metadata, its indicators with
their populations, columns and targets, and its categories and levels."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from ltl_plan.plan import CoverageIndicator, Plan
from ltl_plan.plan.model import GrowthIndicator
from ltl_plan.words import Lang


def _targets(indicator: CoverageIndicator | GrowthIndicator) -> str:
    if isinstance(indicator, CoverageIndicator):
        return ", ".join(f"{y}: {t:g}%" for y, t in indicator.targets.items())
    return ", ".join(
        f"{y}: {b.min:g}" + (f"-{b.max:g}" if b.max is not None else "") + "%/yr"
        for y, b in indicator.targets.items()
    )


def render_plan(plan: Plan, lang: Lang = Lang.EN) -> RenderableType:
    info = plan.plan
    head = Text.assemble(
        (info.number, "bold"),
        f" ({info.date:%d/%m/%Y}), {info.province}: {info.title.get(lang)}\n"
        f"Implements {info.implements.number}; baseline {info.baseline_year}; milestones "
        f"{', '.join(map(str, info.milestones))}; reports due before "
        f"{info.report_deadline.day:02d}/{info.report_deadline.month:02d}.",
    )
    indicators = Table(title="Indicators", title_justify="left")
    for column in ("id", "section", "kind", "population", "column", "targets"):
        indicators.add_column(column)
    for indicator in plan.indicators:
        population = ", ".join(indicator.population.categories)
        if indicator.population.levels:
            population += f" @ {', '.join(indicator.population.levels)}"
        column = indicator.flag if isinstance(indicator, CoverageIndicator) else indicator.measure
        indicators.add_row(
            indicator.id, indicator.section, indicator.kind, population, column, _targets(indicator)
        )
    codes = Table(title="Categories and levels", title_justify="left")
    for column in ("code", "vi", "en", "levels"):
        codes.add_column(column)
    for category in plan.categories:
        levels = ", ".join(category.levels) or "–"
        codes.add_row(category.code, category.label.vi, category.label.en, levels)
    for level in plan.levels:
        codes.add_row(level.code, level.label.vi, level.label.en, "(level)")
    return Group(head, indicators, codes)
