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

__all__ = ["Format", "Lang", "Renderer", "View", "natural_width", "plain_text", "renderer_for"]


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


# Wider than any table ltl-plan draws: the bound of a measurement, not a width used.
_UNBOUNDED = 10_000


def natural_width(rendered: RenderableType) -> int:
    """The width a rich renderable takes when nothing constrains it: its widest line,
    so that no figure or label is cut and no line is wrapped."""
    from io import StringIO

    from rich.console import Console

    measuring = Console(file=StringIO(), width=_UNBOUNDED, highlight=False)
    return max(1, min(measuring.measure(rendered).maximum, _UNBOUNDED))


def plain_text(rendered: str | RenderableType, width: int | None = None) -> str:
    """A renderer's output as plain text (a rich renderable drawn without colour), at
    ``width`` or, by default, its natural width: no figure or label cut."""
    if isinstance(rendered, str):
        return rendered
    from io import StringIO

    from rich.console import Console

    buffer = StringIO()
    Console(
        file=buffer, width=width or natural_width(rendered), color_system=None,
        highlight=False, markup=False, emoji=False,
    ).print(rendered)  # fmt: skip
    return buffer.getvalue()
