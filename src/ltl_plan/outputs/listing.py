"""A plan as a person reads it (``ltl-plan targets``): its metadata, the reforms its data
crosses, its levels of places and reporting units, its indicators with their populations,
columns, targets and sources, and its categories and levels; and the plans shipped with
ltl-plan (``ltl-plan plans``)."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from ltl_plan.plan import CountIndicator, CoverageIndicator, GrowthIndicator, Period, Plan
from ltl_plan.words import Lang, say, word


def _targets(indicator: CoverageIndicator | CountIndicator | GrowthIndicator, lang: Lang) -> str:
    mark = {year: "*" if year in indicator.unverified else "" for year in indicator.targets}
    if isinstance(indicator, CoverageIndicator):
        return ", ".join(f"{y}: {t:g}%{mark[y]}" for y, t in indicator.targets.items())
    if isinstance(indicator, CountIndicator):
        return ", ".join(f"{y}: ≥{t}{mark[y]}" for y, t in indicator.targets.items())
    per_year = word(lang, "per_year")
    return ", ".join(
        f"{y}: {b.min:g}" + (f"-{b.max:g}" if b.max is not None else "") + f"%{per_year}{mark[y]}"
        for y, b in indicator.targets.items()
    )


def _years(period: Period) -> str:
    if period.always:
        return "–"
    return f"{period.first or '…'}–{period.last or '…'}" + (
        f" ({period.reform})" if period.reform else ""
    )


def _table(lang: Lang, title: str, columns: tuple[str, ...]) -> Table:
    """A listing's table: its title and column headers are words (keys ``column_*``)."""
    table = Table(title=word(lang, title), title_justify="left")
    for column in columns:
        table.add_column(word(lang, f"column_{column}"))
    return table


def render_plan(plan: Plan, lang: Lang = Lang.VI) -> RenderableType:
    info = plan.plan
    deadline = f"{info.report_deadline.day:02d}/{info.report_deadline.month:02d}"
    head = Text.assemble(
        (f"{info.id}: {info.number}", "bold"),
        f" ({info.date:%d/%m/%Y}), {info.area}: {info.title.get(lang)}\n",
        say(
            lang, "targets_head", implements=info.implements.number,
            baseline=info.baseline_year, milestones=", ".join(map(str, info.milestones)),
            report_to=info.report_to.get(lang), deadline=deadline,
        ),
    )  # fmt: skip
    parts: list[RenderableType] = [head]
    if info.notice is not None:
        parts.append(Text(info.notice.get(lang), style="italic"))
    for reform in plan.reforms:
        said = say(
            lang, "targets_reform", code=reform.code, date=f"{reform.date:%d/%m/%Y}",
            label=reform.label.get(lang),
        )  # fmt: skip
        parts.append(Text(said))
    parts.append(_indicators(plan, lang))
    parts.append(_places(plan, lang))
    codes = _table(lang, "targets_codes", ("code", "vi", "en", "levels", "years"))
    for category in plan.categories:
        levels = ", ".join(category.levels) or "–"
        codes.add_row(
            category.code, category.label.vi, category.label.en, levels, _years(category.years)
        )
    for level in plan.levels:
        row = (level.code, level.label.vi, level.label.en, word(lang, "targets_level_row"))
        codes.add_row(*row, _years(level.years))
    parts.append(codes)
    return Group(*parts)


def _indicators(plan: Plan, lang: Lang) -> Table:
    columns = ("id", "section", "kind", "population", "column", "targets", "years")
    table = _table(lang, "targets_indicators", columns)
    for indicator in plan.indicators:
        population = ", ".join(indicator.population.categories)
        if indicator.population.levels:
            population += f" @ {', '.join(indicator.population.levels)}"
        column = indicator.measure if isinstance(indicator, GrowthIndicator) else indicator.flag
        table.add_row(
            indicator.id, indicator.section, indicator.kind, population, column,
            _targets(indicator, lang), _years(indicator.years),
        )  # fmt: skip
    return table


def _places(plan: Plan, lang: Lang) -> Table:
    columns = ("level", "label", "years", "within", "places_named", "reporting_units")
    table = _table(lang, "targets_places", columns)
    for level in plan.places:
        named = [p for p in plan.place_names if p.level == level.code]
        reporting = sum(p.unit is not None for p in named)
        table.add_row(
            level.code, level.label.get(lang), _years(level.years), level.within or "–",
            str(len(named)), str(reporting),
        )  # fmt: skip
    for kind in plan.unit_kinds:
        others = [u for u in plan.units if u.kind == kind.code]
        if others:
            table.add_row(f"({kind.code})", kind.label.get(lang), "–", "–", "–", str(len(others)))
    return table


def render_plans(plans: list[Plan], default: str, lang: Lang = Lang.VI) -> RenderableType:
    """The shipped plans: id, what each is, and where its numbers come from."""
    table = Table(title=word(lang, "plans_title"), title_justify="left")
    for column in ("plans_id", "plan", "plans_area", "plans_for", "plans_sources"):
        table.add_column(word(lang, column))
    for plan in plans:
        info = plan.plan
        sources = sorted({i.source for i in plan.indicators if i.source})
        unverified = sum(len(i.unverified) for i in plan.indicators)
        said = "; ".join(sources)
        if unverified:
            said += " " + say(lang, "plans_unverified", n=unverified)
        what = info.title.get(lang) + (f" — {info.notice.get(lang)}" if info.notice else "")
        plan_id = info.id + (" " + word(lang, "plans_default") if info.id == default else "")
        table.add_row(plan_id, f"{info.number} ({info.date:%d/%m/%Y})", info.area, what, said)
    return table
