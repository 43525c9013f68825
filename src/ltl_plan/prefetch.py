"""A file read while the program is still starting.

Checking one large file costs two things of about the same size: parsing it (in Rust,
with Python's lock released: calamine for a workbook, polars for CSV) and Python
importing pandas, pydantic and the rest of ltl-plan. :func:`start` sets the parser to
work on another thread before those imports, so that the two overlap; the reader then
:func:`take`\\ s the parsed sheet (:func:`take_csv` the CSV being read).

Another thread finds the sheet's error cells (#REF!, #DIV/0!), which calamine reads as
blank (:func:`ltl_plan.read.xlsx_error_cells`), in the unzipped sheet meanwhile.

Nothing here judges the file: it is opened by the reader's own :func:`open_workbook`,
with the same checks (content, size, zip bomb), and whatever goes wrong is left for the
reader, which does the same again and reports it.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ltl_plan.read import (
    CSV_SUFFIXES,
    WORKBOOK_SUFFIXES,
    Limits,
    PolarsRead,
    Workbook,
    begin_csv,
    open_workbook,
    xlsx_error_cells,
)


@dataclass(frozen=True)
class Early:
    """A workbook opened, and the first worksheet to look at parsed."""

    workbook: Workbook
    index: int
    sheet: Any  # python_calamine.CalamineSheet
    errors: dict[tuple[int, int], str]  # its error cells (.xlsx), as read_workbook has them


@dataclass
class _Parse:
    """A workbook being parsed on its own thread; set by the thread when it is done."""

    thread: threading.Thread
    workbook: Workbook | None = None
    sheet: Any = None
    errors: dict[tuple[int, int], str] | None = None


@dataclass(frozen=True)
class _Started:
    """A file started: the file's size and modification time then, the limits it was
    checked against, and the parse (a workbook) or the polars read (CSV) under way."""

    stamp: tuple[int, int]
    limits: Limits
    work: _Parse | PolarsRead


_started: dict[Path, _Started] = {}


def _stamp(path: Path) -> tuple[int, int]:
    status = path.stat()
    return status.st_size, status.st_mtime_ns


def start(path: Path, limits: Limits) -> None:
    """Open ``path`` (when it is named as a workbook) and parse its first worksheet on
    another thread, or start reading it with polars (a UTF-8 CSV file); a no-op for
    anything else; also when ``path`` has been started already."""
    if not path.is_file() or path.resolve() in _started:
        return
    if path.suffix.lower() in CSV_SUFFIXES:
        try:
            stamp = _stamp(path)
            reading = begin_csv(path, limits)
        except Exception:  # the reader does it again, and reports it
            return
        if reading is not None:
            _started[path.resolve()] = _Started(stamp, limits, reading)
        return
    if path.suffix.lower() not in WORKBOOK_SUFFIXES:
        return

    def parse() -> None:
        # Nothing raised here may escape the thread (where Python would print it):
        # BaseException, since a panic in Rust code reaches Python as one.
        try:
            workbook = open_workbook(path, limits)
            if workbook.order:
                index = workbook.order[0]
                scan = None
                if workbook.is_xlsx:
                    # The error cells are searched for in the unzipped sheet on a thread
                    # of their own, while calamine parses it (both let go of Python's lock).
                    scan = threading.Thread(target=find_errors, args=(index,), daemon=True)
                    scan.start()
                job.sheet = workbook.book.get_sheet_by_index(index)
                if scan is None:
                    job.errors = {}
                else:
                    scan.join()  # job.errors stays None if the search failed
            job.workbook = workbook
        except BaseException:  # the reader does it again, and reports it
            job.sheet = None

    def find_errors(index: int) -> None:
        try:
            job.errors = xlsx_error_cells(path, index)
        except BaseException:  # the reader does it again, and reports it
            job.errors = None

    thread = threading.Thread(target=parse, name="ltl-plan-prefetch", daemon=True)
    job = _Parse(thread)
    _started[path.resolve()] = _Started(_stamp(path), limits, job)
    thread.start()


def _claim(path: Path, limits: Limits) -> _Parse | PolarsRead | None:
    """What was started for ``path`` (handed over once; a parse waited for), when it was
    started under these ``limits`` and the file has not changed since."""
    started = _started.pop(path.resolve(), None)
    if started is None or started.limits != limits:
        return None
    if isinstance(started.work, _Parse):
        started.work.thread.join()
    return started.work if _stamp(path) == started.stamp else None


def take(path: Path, limits: Limits) -> Early | None:
    """What :func:`start` parsed for ``path`` (handed over once), after waiting for it;
    None when it was not started (under these ``limits``), did not succeed, or the file
    has changed since."""
    job = _claim(path, limits)
    if not isinstance(job, _Parse):
        return None
    if job.workbook is None or job.sheet is None or job.errors is None:
        return None
    return Early(job.workbook, job.workbook.order[0], job.sheet, job.errors)


def take_csv(path: Path, limits: Limits) -> PolarsRead | None:
    """The polars read :func:`start` began for ``path`` (handed over once); None when it
    was not started (under these ``limits``) or the file has changed since."""
    reading = _claim(path, limits)
    return reading if isinstance(reading, PolarsRead) else None
