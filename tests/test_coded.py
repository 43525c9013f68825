"""A column as distinct values and codes: conversions done once per value, spread right."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from ltl_plan.cells import cell_text, error_values, parse_number
from ltl_plan.coded import Coded
from ltl_plan.keys import key
from ltl_plan.vocabulary import yes_no


def test_distinct_values_are_converted_once_and_spread_over_the_rows() -> None:
    column = Coded.of(pd.Series([" Có", 1.0, None, "", "Có", True, float("nan")], dtype=object))
    assert column.texts().tolist() == ["Có", "1", "", "", "Có", "TRUE", ""]
    assert column.blank.tolist() == [False, False, True, True, False, False, True]
    calls: list[str] = []

    def answer(text: str) -> int:
        calls.append(text)
        return {True: 1, False: 0, None: -1}[yes_no(text)]

    assert column.map_int(answer).tolist() == [1, 1, -1, -1, 1, 1, -1]
    # Once per distinct value: " Có", 1.0, "", "Có", TRUE and the missing cells.
    assert len(calls) == 6


def test_true_and_false_stay_apart_from_1_and_0_whichever_comes_first() -> None:
    # Python hashes True as 1 and False as 0, so one hash pass would merge them.
    typed = [True, 1, 0.0, False, "x", 1.0, True, np.int64(0), np.False_]
    column = Coded.of(pd.Series(typed, dtype=object))
    assert column.texts().tolist() == ["TRUE", "1", "0", "FALSE", "x", "1", "TRUE", "0", "FALSE"]
    assert Coded.of(pd.Series([1, True], dtype=object)).texts().tolist() == ["1", "TRUE"]


def test_numbers_as_typed() -> None:
    typed = ["12.500", 300, "12,5", "", "khoảng 300", 10**30, 2.0, True]
    column = Coded.of(pd.Series(typed, dtype=object))
    numbers = column.numbers()
    assert numbers[:3].tolist() == [12500.0, 300.0, 12.5]
    assert math.isnan(numbers[3]) and math.isnan(numbers[4])
    assert numbers[5] == 1e30 and numbers[6] == 2.0
    assert math.isnan(numbers[7])  # TRUE is no count of visits


def _number_of(value: object) -> float:
    """One cell's number, the rule ``Coded.numbers`` applies to whole columns at once."""
    if isinstance(value, int | float | np.integer | np.floating) and not isinstance(
        value, bool | np.bool_
    ):
        try:
            number = float(value)
        except OverflowError:
            return math.nan
        return number if math.isfinite(number) else math.nan
    return parse_number(cell_text(value))


def test_numbers_beyond_any_float_and_not_finite_are_no_number() -> None:
    typed = [10**400, 5, float("inf"), -float("inf"), np.int64(3), np.float32(1.5), " 7 "]
    assert np.array_equal(
        Coded.of(pd.Series(typed, dtype=object)).numbers(),
        [math.nan, 5.0, math.nan, math.nan, 3.0, 1.5, 7.0],
        equal_nan=True,
    )
    assert Coded.of(pd.Series([], dtype=object)).numbers().tolist() == []


CELLS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.from_regex(r"\A[ ]?[-+]?[0-9]{1,7}([.,][0-9]{1,4})*[ ]?\Z"),
    st.text(max_size=6),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(CELLS, max_size=30))
def test_numbers_of_a_column_are_each_cells_number(cells: list[object]) -> None:
    numbers = Coded.of(pd.Series(cells, dtype=object)).numbers()
    assert np.array_equal(numbers, [_number_of(cell) for cell in cells], equal_nan=True)


def test_taking_rows_and_blanking_cells() -> None:
    column = Coded.of(pd.Series(["a", "b", "a", "c"], dtype=object))
    kept = column.take(np.array([True, False, True, True]))
    assert kept.texts().tolist() == ["a", "a", "c"]
    blanked = kept.blanked(np.array([False, True, False]))
    assert blanked.texts().tolist() == ["a", "", "c"] and blanked.blank.tolist() == [
        False,
        True,
        False,
    ]
    assert kept.texts().tolist() == ["a", "a", "c"]  # the original is unchanged
    constant = Coded.constant(2024, 3)
    assert (
        constant.texts().tolist() == ["2024"] * 3 and constant.map_int(int).tolist() == [2024] * 3
    )
    assert Coded.of(pd.Series([], dtype=object)).blank.tolist() == []
    assert key("Thư viện") == "thu vien"


def test_error_values_are_found_among_distinct_texts_at_once() -> None:
    texts = np.array(["Có", "#REF!", "Err:502", "#N/A", "# 5", "Err:5", ""], dtype=object)
    assert error_values(texts).tolist() == [False, True, True, True, False, False, False]
    plain = np.array(["Thư viện", "12.500", ""], dtype=object)
    assert error_values(plain).tolist() == [False, False, False]
    column = Coded.of(pd.Series(["a", "#DIV/0!", "a"], dtype=object))
    assert column.test(error_values).tolist() == [False, True, False]
