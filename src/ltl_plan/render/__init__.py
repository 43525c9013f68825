"""Renderers: one report, several sibling outputs (terminal table, JSON, Markdown).

Each renderer takes a finished :class:`ltl_plan.report.Report` and a language and
returns text or a rich renderable; none of them computes anything.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import TYPE_CHECKING, assert_never

if TYPE_CHECKING:
    from rich.console import RenderableType

    from ltl_plan.report import Report


class Format(StrEnum):
    TABLE = "table"
    JSON = "json"
    MARKDOWN = "markdown"


class Lang(StrEnum):
    VI = "vi"
    EN = "en"


Renderer = Callable[["Report", Lang], "str | RenderableType"]


def renderer_for(fmt: Format) -> Renderer:
    """The renderer of a format (every Format has one: see the exhaustiveness test)."""
    if fmt is Format.TABLE:
        from ltl_plan.render.table import render_table

        return render_table
    if fmt is Format.JSON:
        from ltl_plan.render.json import render_json

        return render_json
    if fmt is Format.MARKDOWN:
        from ltl_plan.render.markdown import render_markdown

        return render_markdown
    assert_never(fmt)
