"""The JSON document: the Report model as it is, for CI pipelines and cron jobs."""

from __future__ import annotations

from ltl_plan.result import Report
from ltl_plan.words import Lang


def render_json(report: Report, lang: Lang = Lang.EN) -> str:
    """The documented JSON shape (both languages' labels are always included)."""
    del lang  # labels carry both languages
    return report.model_dump_json(indent=2) + "\n"  # pydantic's serialiser: fast, UTF-8
