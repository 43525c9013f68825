"""The steps every command shares: the plan, the files, their tables, checked records.

read -> layout -> check, file by file (in worker processes when there are many), then
merge. A file that cannot be read stops everything, so no partial result is ever
presented as complete.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Callable, Generator, Iterable, Sequence
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from ltl_plan.errors import LtlPlanError
from ltl_plan.layout import RawTable, tables_of_file
from ltl_plan.plan import Plan
from ltl_plan.read import Limits, StartedParse, display_name
from ltl_plan.validate import Checked, Dataset, check_file, merge
from ltl_plan.vocabulary import Vocabulary

# Below this many bytes of input in all, starting worker processes costs more than the
# second core saves.
PARALLEL_BYTES = 1 << 20


@dataclass(frozen=True)
class Loaded:
    plan: Plan
    files: list[Path]
    # Each file's tables as read (None: no table found); only when asked to keep them.
    tables: list[tuple[str, list[RawTable] | None]]
    dataset: Dataset


@dataclass(frozen=True)
class _Done:
    """One file read and checked, or the message saying why it cannot be read."""

    file: str
    tables: list[RawTable] | None = None
    checked: Checked | None = None
    error: str | None = None


@dataclass(frozen=True)
class _Job:
    plan: Plan
    vocab: Vocabulary
    limits: Limits | None
    keep_tables: bool

    def __call__(self, path: Path, started: StartedParse | None = None) -> _Done:
        name = display_name(path)  # printable: "<stdin>", a name that is not UTF-8
        try:
            tables = tables_of_file(path, self.vocab, self.limits, started)
        except LtlPlanError as exc:
            return _Done(name, error=exc.message)
        checked = check_file(name, tables, self.plan, self.vocab)
        return _Done(name, tables if self.keep_tables else None, checked)


# The job of a worker process: given once when the worker starts, instead of with every
# file.
_JOB: _Job | None = None


def _in_worker(path: Path) -> _Done:
    assert _JOB is not None, "worker started without a job"
    return _JOB(path)


def _worker_start(job: _Job) -> None:
    global _JOB
    _JOB = job
    # Ctrl-C is the parent's to handle: it stops the workers and says so once.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def can_fork() -> bool:
    """Worker processes are forked from this one (Linux): they start at once, with the
    modules already imported. Where forking is unsafe or absent, files are read here."""
    import multiprocessing

    return sys.platform == "linux" and "fork" in multiprocessing.get_all_start_methods()


def workers_for(files: Sequence[Path], jobs: int | None) -> int:
    """How many processes read ``files``: ``jobs`` if given (1: this process only), else
    one per core when there are several files and enough data to gain from it."""
    if len(files) < 2 or not can_fork():
        return 1
    if jobs is not None:
        return max(1, min(jobs, len(files)))
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1
    size = sum(path.stat().st_size for path in files if path.is_file())
    return min(cores, len(files)) if size >= PARALLEL_BYTES else 1


def _run(
    files: list[Path], job: _Job, workers: int, started: StartedParse | None
) -> Generator[_Done, None, None]:
    """Each file read and checked, in order; by ``workers`` processes when more than 1
    (``started``, a parse begun in this process, serves only this process)."""
    if workers <= 1:
        yield from (job(path, started) for path in files)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    pool = ProcessPoolExecutor(
        workers,
        mp_context=multiprocessing.get_context("fork"),
        initializer=_worker_start,
        initargs=(job,),
    )
    try:
        # Every file is submitted (and the workers forked) before the first result is
        # awaited, so no other thread (a progress bar's) is running when they fork.
        chunk = max(1, len(files) // (workers * 8))
        yield from pool.map(_in_worker, files, chunksize=chunk)
    except BrokenProcessPool:
        raise LtlPlanError(
            "a process reading the files stopped unexpectedly (out of memory?); "
            "run again with --jobs 1 to read them one at a time in this process"
        ) from None
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def load_files(
    files: Sequence[Path],
    plan: Plan,
    limits: Limits | None = None,
    progress: Callable[[Sequence[Path]], Iterable[Path]] | None = None,
    jobs: int | None = None,
    keep_tables: bool = False,
    started: StartedParse | None = None,
) -> Loaded:
    """Read, lay out and check every file (folders already expanded), then merge them;
    raises LtlPlanError naming each file that cannot be read. ``progress`` may wrap the
    list of files (a progress bar); ``jobs`` is the number of processes (default: one
    per core when it pays); ``keep_tables`` keeps the tables as read (for the
    correction workbook); ``started``, a parse of the one file begun earlier."""
    vocab = Vocabulary.from_plan(plan)
    files = list(files)
    if not files:
        raise LtlPlanError("no spreadsheet found in the folders given")
    job = _Job(plan, vocab, limits, keep_tables)
    with closing(_run(files, job, workers_for(files, jobs), started)) as done:
        if progress:
            results = [one for _, one in zip(progress(files), done, strict=True)]
        else:
            results = list(done)
    unreadable = [one.error for one in results if one.error is not None]
    if len(files) == 1 and unreadable:
        raise LtlPlanError(unreadable[0])
    if unreadable:
        raise LtlPlanError(
            f"cannot read {len(unreadable)} of {len(files)} files; nothing was checked",
            unreadable,
        )
    checked = [one.checked for one in results if one.checked is not None]
    tables = [(one.file, one.tables) for one in results] if keep_tables else []
    return Loaded(plan, files, tables, merge(checked, plan))
