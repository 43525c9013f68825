"""Invariants, checked on generated institution tables (hypothesis)."""

from __future__ import annotations

import csv
import datetime as dt
import math
from pathlib import Path
from typing import Any

import pandas as pd
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from ltl_plan.assemble import assemble
from ltl_plan.cells import cell_text
from ltl_plan.errors import InputError
from ltl_plan.layout import tables_of_file
from ltl_plan.plan import Plan, load_plan
from ltl_plan.read.csv import parse_csv
from ltl_plan.result import CoverageResult
from ltl_plan.vocabulary import Vocabulary

from conftest import HEADERS, raw_table, validate

PLAN = load_plan()
KINDS = [
    (category.code, level) for category in PLAN.categories for level in (category.levels or [""])
]
FLAG = st.sampled_from(["có", "không", "", "x", "1", "0", "Đạt", "no"])


@st.composite
def institution_rows(draw: st.DrawFn) -> list[list[Any]]:
    count = draw(st.integers(min_value=1, max_value=40))
    rows = []
    for number in range(count):
        category, level = draw(st.sampled_from(KINDS))
        for year in sorted(draw(st.sets(st.integers(2021, 2027), min_size=1, max_size=4))):
            visits = draw(st.one_of(st.just(""), st.integers(0, 100_000)))
            flags = [draw(FLAG) for _ in range(5)]
            rows.append(
                [f"I{number}", f"Đơn vị {number}", year, category, level, "", *flags, visits]
            )
    return rows


def indicators(rows: list[list[Any]], parts: int = 1) -> list[Any]:
    parts = min(parts, len(rows))  # every file holds at least one row
    tables = [
        (f"part{k}.csv", [raw_table(rows[k::parts], file=f"part{k}.csv")]) for k in range(parts)
    ]
    data = validate(tables, PLAN)
    assert data.errors == 0
    if data.records.empty:
        return []
    return [i.model_dump() for i in assemble(data, PLAN).indicators]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(institution_rows(), st.randoms(use_true_random=False))
def test_result_does_not_depend_on_row_order(rows: list[list[Any]], random: Any) -> None:
    shuffled = list(rows)
    random.shuffle(shuffled)
    assert indicators(shuffled) == indicators(rows)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(institution_rows(), st.integers(min_value=2, max_value=4))
def test_splitting_rows_over_files_gives_the_same_result(rows: list[list[Any]], parts: int) -> None:
    assert indicators(rows, parts) == indicators(rows)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(institution_rows())
def test_coverage_is_a_share_and_needed_is_bounded(rows: list[list[Any]]) -> None:
    data = validate([("t.csv", [raw_table(rows, file="t.csv")])], PLAN)
    if data.records.empty:
        return
    for result in assemble(data, PLAN).indicators:
        if isinstance(result, CoverageResult) and result.actual is not None:
            assert 0 <= result.actual <= 1
            assert 0 <= result.achieved + result.not_reported <= result.total
            assert (
                result.needed is not None and 0 <= result.needed <= result.total - result.achieved
            )
            assert (result.status == "met") == (result.needed == 0)


CELL = st.one_of(
    st.none(),
    st.text(max_size=20),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.datetimes(min_value=dt.datetime(1900, 1, 1)),
    st.sampled_from(
        ["Có", "2024", "1.234.567", "#REF!", "=1/0", "  ", "\u0301", "Thư viện công cộng"]
    ),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(CELL, min_size=12, max_size=12), max_size=8))
def test_no_cell_value_crashes_validation(rows: list[list[Any]]) -> None:
    data = validate([("t.xlsx", [raw_table(rows, file="t.xlsx")])], PLAN)
    for problem in data.problems:
        assert problem.row is None or 2 <= problem.row <= len(rows) + 1
    if not data.records.empty:
        assemble(data, PLAN)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(st.lists(st.text(max_size=12), min_size=12, max_size=12), max_size=6),
    st.sampled_from([",", ";", "\t"]),
)
# A record separator (\x1e) is a line break to str.splitlines, never to a CSV reader.
@example(
    rows=[[""] * 8 + ["\x1e", "", ";", ";"], ["", "\x1e"] + [""] * 6 + [";", ";", "\r", ""]],
    sep=",",
)
def test_no_text_crashes_the_csv_reader(tmp_path: Path, rows: list[list[str]], sep: str) -> None:
    path = tmp_path / "generated.csv"
    frame = pd.DataFrame(rows or None, columns=list(HEADERS))
    frame.to_csv(path, index=False, encoding="utf-8", sep=sep)
    try:
        tables = tables_of_file(path, Vocabulary.from_plan(PLAN))
    except InputError as exc:  # a clean refusal (a NUL byte makes it binary) is no crash
        assert str(path) in exc.message
        return
    assert tables is not None
    data = validate([(str(path), tables)], PLAN)
    assert all(p.file == str(path) for p in data.problems)
    assert math.isfinite(len(data.records))


def test_plan_is_loaded_once_per_module(plan: Plan) -> None:
    assert plan.plan.number == PLAN.plan.number


CSV_FIELD = st.text(
    st.characters(blacklist_categories=["Cs"], blacklist_characters="\x00"), max_size=8
)


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(st.lists(CSV_FIELD, min_size=0, max_size=5), min_size=1, max_size=8),
    st.sampled_from([",", ";", "\t"]),
    st.sampled_from(["\n", "\r\n"]),
    st.booleans(),
)
def test_the_csv_reader_reads_the_cells_the_csv_module_reads(
    tmp_path: Path, rows: list[list[str]], sep: str, newline: str, bom: bool
) -> None:
    """pandas' read of a CSV file gives the cells Python's csv module reads (rows padded
    with "" to the widest), as validation sees them: stripped, blank rows skipped."""
    path = tmp_path / "generated.csv"
    encoding = "utf-8-sig" if bom else "utf-8"
    with path.open("w", encoding=encoding, newline="") as handle:
        csv.writer(handle, delimiter=sep, lineterminator=newline).writerows(rows)
    with path.open(encoding=encoding, newline="") as handle:
        expected = list(csv.reader(handle, delimiter=sep))
    width = max(1, *(len(r) for r in expected))
    wanted = [[c.strip() for c in r + [""] * (width - len(r))] for r in expected]
    cells = parse_csv(path, encoding, sep, width).to_numpy().tolist()
    found = [[cell_text(v) for v in r] for r in cells]
    assert [r for r in found if any(r)] == [r for r in wanted if any(r)]
