"""The steps every command shares: the plan, the files, their tables, checked records.

read -> layout -> validate, for all the files named (folders expanded). A file that
cannot be read stops everything, so no partial result is ever presented as complete.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ltl_plan.errors import LtlPlanError
from ltl_plan.layout import tables_of_file
from ltl_plan.plan import Plan
from ltl_plan.read import Limits, expand
from ltl_plan.table import RawTable
from ltl_plan.validate import Dataset, validate
from ltl_plan.vocab import Vocabulary


@dataclass(frozen=True)
class Loaded:
    plan: Plan
    files: list[Path]
    tables: list[tuple[str, list[RawTable] | None]]
    dataset: Dataset


def load_files(
    paths: Sequence[Path],
    plan: Plan,
    limits: Limits | None = None,
    progress: Callable[[Sequence[Path]], Iterable[Path]] | None = None,
) -> Loaded:
    """Read, lay out and validate every file; raises LtlPlanError naming each file that
    cannot be read. ``progress`` may wrap the list of files (a progress bar)."""
    vocab = Vocabulary.from_plan(plan)
    files = expand(list(paths))
    if not files:
        raise LtlPlanError("no spreadsheet found in the folders given")
    tables: list[tuple[str, list[RawTable] | None]] = []
    unreadable: list[str] = []
    for path in progress(files) if progress else files:
        try:
            tables.append((str(path), tables_of_file(path, vocab, limits)))
        except LtlPlanError as exc:
            unreadable.append(exc.message)
    if len(files) == 1 and unreadable:
        raise LtlPlanError(unreadable[0])
    if unreadable:
        raise LtlPlanError(
            f"cannot read {len(unreadable)} of {len(files)} files; nothing was checked",
            unreadable,
        )
    return Loaded(plan, files, tables, validate(tables, plan))
