"""The JSON document: the Report model as it is, for CI pipelines and cron jobs."""

from __future__ import annotations

from ltl_plan.result import Report
from ltl_plan.words import Lang


def render_json(report: Report, lang: Lang = Lang.EN) -> str:
    """The documented JSON shape: the plan's labels in both languages, the sentences
    (notes, where the pace leads) in ``lang``."""
    # pydantic's serialiser: fast, UTF-8.
    return report.model_dump_json(indent=2, context={"lang": lang}) + "\n"
