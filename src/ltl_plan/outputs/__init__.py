"""Outputs: one finished result, several sibling writers.

The text outputs (terminal table, JSON, Markdown) of each view (``check``'s summary and
``trend``'s years) are chosen in one place, :func:`renderer_for`: every pair of
:class:`Format` and :class:`View` has a renderer (a test says so). Each takes a finished
:class:`~ltl_plan.result.Report` and a language and returns text or a rich renderable;
none of them computes anything. The workbooks (the yearly report, the correction
workbook, the submission form) are in :mod:`ltl_plan.outputs.xlsx`.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import TYPE_CHECKING, assert_never

from ltl_plan.words import Lang

if TYPE_CHECKING:
    from rich.console import RenderableType

    from ltl_plan.result import Report

__all__ = ["Format", "Lang", "Renderer", "View", "plain_text", "renderer_for"]


class Format(StrEnum):
    TABLE = "table"
    JSON = "json"
    MARKDOWN = "markdown"


class View(StrEnum):
    SUMMARY = "summary"  # every indicator in the reporting year (check)
    TREND = "trend"  # every indicator across every year of the data (trend)


Renderer = Callable[["Report", Lang], "str | RenderableType"]


def renderer_for(fmt: Format, view: View = View.SUMMARY) -> Renderer:
    """The renderer of a format and view (the JSON document is the same for both)."""
    if fmt is Format.JSON:
        from ltl_plan.outputs.json import render_json

        return render_json
    if fmt is Format.TABLE:
        if view is View.TREND:
            from ltl_plan.outputs.trend import render_trend

            return render_trend
        from ltl_plan.outputs.terminal import render_table

        return render_table
    if fmt is Format.MARKDOWN:
        if view is View.TREND:
            from ltl_plan.outputs.trend import render_trend_markdown

            return render_trend_markdown
        from ltl_plan.outputs.markdown import render_markdown

        return render_markdown
    assert_never(fmt)


def plain_text(rendered: str | RenderableType, width: int = 160) -> str:
    """A renderer's output as plain text (a rich renderable drawn without colour)."""
    if isinstance(rendered, str):
        return rendered
    from io import StringIO

    from rich.console import Console

    buffer = StringIO()
    Console(file=buffer, width=width, color_system=None, highlight=False).print(rendered)
    return buffer.getvalue()
