"""The JSON document: the Report model as it is, for CI pipelines and cron jobs."""

from __future__ import annotations

import json

from ltl_plan.render import Lang
from ltl_plan.report import Report


def render_json(report: Report, lang: Lang = Lang.EN) -> str:
    """The documented JSON shape (both languages' labels are always included)."""
    del lang  # labels carry both languages
    return json.dumps(report.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"
