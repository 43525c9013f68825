"""The library: what a notebook, a CI script or the command line calls.

    import ltl_plan

    result = ltl_plan.check(["examples/tuyen-quang-2022-2024.xlsx"])
    result.report.valid                      # the JSON document's model
    print(ltl_plan.render(result, "markdown", lang="vi"))
    ltl_plan.write_report(result, "bao-cao.xlsx")

:func:`check` is the whole job, one way: the files are expanded once, read, laid out
and checked (:mod:`ltl_plan.pipeline`), merged, measured and assembled into a
:class:`~ltl_plan.result.Report` (:mod:`ltl_plan.assemble`). The writers turn a
:class:`Result` into text or a workbook; they compute nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING

from ltl_plan.outputs import Format, Lang, View, plain_text, renderer_for

if TYPE_CHECKING:
    import pandas as pd

    from ltl_plan.layout import RawTable
    from ltl_plan.plan import Plan
    from ltl_plan.problems import Problems
    from ltl_plan.read import StartedParse
    from ltl_plan.result import Report

StrPath = str | PathLike[str]


@dataclass(frozen=True)
class Result:
    """One check: the report (the JSON document), and what the workbooks need besides."""

    report: Report
    plan: Plan
    records: pd.DataFrame  # the checked institution rows that were measured
    files: list[Path]  # the files read, folders expanded
    problems: Problems  # every problem, held column-wise (the report lists the first)
    # Each file's tables as read (None: no table found), when asked to keep them.
    tables: list[tuple[str, list[RawTable] | None]]


def load_plan(targets: StrPath | None = None, plan_id: str | None = None) -> Plan:
    """The plan of a targets file, or the shipped plan ``plan_id`` (``plans()`` lists
    them); the default shipped plan when neither is given. Raises
    :class:`~ltl_plan.errors.TargetsError` naming every problem by its key path."""
    from ltl_plan.errors import UsageError
    from ltl_plan.plan import load_plan as load

    if targets is not None and plan_id is not None:
        raise UsageError("give a targets file (--targets) or a shipped plan (--plan), not both")
    return load(Path(targets) if targets is not None else None, plan_id)


def plans() -> list[Plan]:
    """The plans shipped with ltl-plan, the default first."""
    from ltl_plan.plan.load import default_plan_id, shipped_plans

    default = default_plan_id()
    ids = sorted(shipped_plans(), key=lambda plan_id: plan_id != default)
    return [load_plan(plan_id=plan_id) for plan_id in ids]


def check(
    paths: Iterable[StrPath],
    *,
    targets: StrPath | None = None,
    plan: Plan | str | None = None,
    year: int | None = None,
    by: str | None = None,
    jobs: int | None = None,
    max_file_size: int = 512,
    max_cells: int | None = None,
    max_problems: int | None = 200,
    keep_tables: bool = False,
    outputs: Mapping[str, Path] | None = None,
    progress: Callable[[Sequence[Path]], Iterable[Path]] | None = None,
    started: StartedParse | None = None,
) -> Result:
    """Check institution spreadsheets (files, or folders of them) against a plan.

    ``targets``: a targets file; or ``plan``, one already loaded or the id of a shipped
    one (default: the default shipped plan). ``year``: the reporting year (default: the
    latest in the data). ``by``: a level of places of the plan (its code, as ``ltl-plan
    targets`` lists them), to measure each place of it too; ``"auto"``, the first level
    the plan has in the year.
    ``jobs``: processes reading the files
    (default: one per core when it pays; 1: this process). ``max_file_size``: in MiB;
    ``max_cells``: the most cells a sheet or CSV file may use (default:
    :class:`~ltl_plan.read.Limits`'), checked before it is read.
    ``keep_tables``: keep the tables as read, for :func:`write_corrections`.
    ``outputs``: files the caller is about to write, named as the user gave them (an
    option such as ``--out``): refused before anything is read when one is an input.
    ``progress`` may wrap the list of files (a progress bar); ``started``: a parse of
    the one file begun earlier (:mod:`ltl_plan.startup`).

    Raises :class:`~ltl_plan.errors.LtlPlanError` when it cannot run (a file that cannot
    be read, a bad targets file, a year not in the data); problems in the data are not
    raised but reported, in ``result.report.problems``.
    """
    from ltl_plan.assemble import assemble
    from ltl_plan.output import check_outputs
    from ltl_plan.pipeline import load_files
    from ltl_plan.read import Limits, display_name, expand, written_by_ltl_plan

    files = expand([Path(path) for path in paths])
    inputs = [*files, *([Path(targets)] if targets is not None else [])]
    check_outputs(outputs or {}, inputs)
    # A report or correction workbook ltl-plan wrote, among the submissions: left out.
    skipped = [(path, kind) for path in files if (kind := written_by_ltl_plan(path))]
    files = [path for path in files if path not in {path for path, _ in skipped}]
    if plan is None or isinstance(plan, str):
        plan = load_plan(targets, plan)
    loaded = load_files(
        files, plan, Limits.of_mib(max_file_size, max_cells), progress, jobs, keep_tables, started
    )
    source = str(targets) if targets is not None else f"(shipped: {plan.plan.id})"
    shown = [(display_name(path), kind) for path, kind in skipped]
    report = assemble(loaded.dataset, plan, year, source, by, max_problems, shown)
    dataset = loaded.dataset
    return Result(report, plan, dataset.records, files, dataset.problems, loaded.tables)


def render(
    result: Result,
    fmt: Format | str = Format.MARKDOWN,
    lang: Lang | str = Lang.VI,
    view: View | str = View.SUMMARY,
) -> str:
    """The report as text: ``"json"`` (the documented JSON document), ``"markdown"``, or
    ``"table"`` (the terminal table, without colour), of ``check``'s summary or, with
    ``view="trend"``, of every year."""
    rendered = renderer_for(Format(fmt), View(view))(result.report, Lang(lang))
    return plain_text(rendered)


def write_report(result: Result, path: StrPath, lang: Lang | str = Lang.VI) -> None:
    """Write the yearly report workbook (.xlsx), atomically, never over an input."""
    from ltl_plan.output import check_outputs
    from ltl_plan.outputs.xlsx.report import write_workbook

    check_outputs({"report": Path(path)}, result.files)
    write_workbook(Path(path), result.report, result.records, result.plan, Lang(lang))


def write_corrections(result: Result, path: StrPath, lang: Lang | str = Lang.VI) -> None:
    """Write the correction workbook (.xlsx) of a check made with ``keep_tables=True``:
    a copy of each submitted table with every problem cell marked, and their list."""
    from ltl_plan.errors import UsageError
    from ltl_plan.output import check_outputs
    from ltl_plan.outputs.xlsx.corrections import write_corrections as write

    if result.files and not result.tables:
        raise UsageError("the correction workbook needs check(..., keep_tables=True)")
    check_outputs({"corrections": Path(path)}, result.files)
    write(Path(path), result.tables, result.problems, Lang(lang))


def write_template(
    path: StrPath, plan: Plan | None = None, year: int | None = None, unit: str | None = None
) -> None:
    """Write the submission form (.xlsx) of a plan (default: the default shipped one),
    for one ``year`` and one reporting ``unit`` (its name or code) when given."""
    from ltl_plan.outputs.xlsx.template import write_template as write

    write(Path(path), plan or load_plan(), year, unit)


def exit_code(report: Report, strict: bool = False, fail_on_behind: bool = False) -> int:
    """The documented exit code of a check: 0 valid, 1 data problems (errors; warnings
    too with ``strict``), 3 a target behind (with ``fail_on_behind``)."""
    if report.counts.errors or (strict and report.counts.warnings):
        return 1
    if fail_on_behind and report.behind:
        return 3
    return 0
