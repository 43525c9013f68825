"""A column as its distinct values and, for each row, the code of its value.

A column of a submission repeats a handful of words (categories, levels, yes/no answers,
districts, years) over thousands of rows. Each check converts the distinct values once
and spreads the result over the rows with a numpy take, so validating a national file
costs one hash pass per column instead of one Python call per cell.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from ltl_plan.cells import cell_text, parse_number


def _booleans_as_text(values: pd.Series) -> pd.Series:
    """TRUE and FALSE cells as text: hashed as numbers they would be one value with 1
    and 0, and a TRUE typed into a count would pass for the number 1."""
    kind = pd.api.types.infer_dtype(values, skipna=True)
    if kind not in ("boolean", "mixed", "mixed-integer", "mixed-integer-float"):
        return values
    array = values.to_numpy(dtype=object)
    flags = np.fromiter((isinstance(v, bool | np.bool_) for v in array), bool, len(array))
    if not flags.any():
        return values
    array = array.copy()
    array[flags] = np.where(array[flags].astype(bool), "TRUE", "FALSE")
    return pd.Series(array, index=values.index, dtype=object)


# Values that hash like TRUE (1) and FALSE (0).
_NUMBERS = (bool, np.bool_, int, float, np.number)


# Below this many cells, coding columns on threads costs more than it saves.
_THREADED_CELLS = 200_000


def code_columns(columns: list[pd.Series]) -> list[Coded]:
    """``Coded.of`` each column; a large table's columns on two threads. pandas holds
    Python's lock for much of hashing text, so the second core takes only part of the
    work (12 columns of 1M cells: 0.52 s on two threads, 0.72 s on one)."""
    if len(columns) < 2 or sum(len(c) for c in columns) < _THREADED_CELLS:
        return [Coded.of(column) for column in columns]
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=2) as pool:
        return list(pool.map(Coded.of, columns))


@dataclass(frozen=True)
class Coded:
    """``codes[i]`` is the index, in ``raw`` and ``text``, of row i's value."""

    codes: np.ndarray  # intp, one per row
    raw: np.ndarray  # object: the distinct values as read
    text: np.ndarray  # object: the same values as stripped text, blank as ""

    @classmethod
    def of(cls, values: pd.Series) -> Coded:
        codes, uniques = pd.factorize(values)  # missing cells get code -1 (fastest)
        raw = np.asarray(uniques, dtype=object)
        if any(isinstance(v, _NUMBERS) and v in (0, 1) for v in raw):
            # A TRUE may hide behind a 1 seen first (or a 1 behind a TRUE): tell them apart.
            codes, uniques = pd.factorize(_booleans_as_text(values))
            raw = np.asarray(uniques, dtype=object)
        if (codes < 0).any():
            codes = np.where(codes < 0, len(raw), codes)
            raw = np.append(raw, np.array([None], dtype=object))
        text = np.empty(len(raw), dtype=object)
        text[:] = [value.strip() if type(value) is str else cell_text(value) for value in raw]
        return cls(np.asarray(codes), raw, text)

    @classmethod
    def constant(cls, value: object, rows: int) -> Coded:
        raw = np.array([value], dtype=object)
        text = np.array([cell_text(value)], dtype=object)
        return cls(np.zeros(rows, dtype=np.intp), raw, text)

    def __len__(self) -> int:
        return len(self.codes)

    def take(self, rows: np.ndarray) -> Coded:
        """The rows selected by a boolean mask or an index array."""
        return Coded(self.codes[rows], self.raw, self.text)

    def map_int(self, convert: Callable[[str], int]) -> np.ndarray:
        """``convert`` applied to each distinct text, spread over the rows (int64 array)."""
        converted = np.fromiter((convert(t) for t in self.text), np.int64, len(self.text))
        spread: np.ndarray = converted[self.codes]
        return spread

    def test(self, predicate: Callable[[np.ndarray], np.ndarray]) -> np.ndarray:
        """A boolean per row, from ``predicate`` given every distinct text at once (an
        object array) and answering with a boolean array of the same length."""
        spread: np.ndarray = predicate(self.text)[self.codes]
        return spread

    def text_codes(self) -> np.ndarray:
        """Each row's code among the distinct texts: raw values with the same text ("A"
        and "A ") share one."""
        codes, _ = pd.factorize(self.text)
        spread: np.ndarray = np.asarray(codes, dtype=np.intp)[self.codes]
        return spread

    @property
    def blank(self) -> np.ndarray:
        return (self.text == "")[self.codes] if len(self.text) else np.zeros(0, dtype=bool)

    def texts(self) -> np.ndarray:
        """Every row's text (object array)."""
        return self.text[self.codes] if len(self.text) else np.empty(0, dtype=object)

    def blanked(self, rows: np.ndarray) -> Coded:
        """The same column with the selected rows made blank."""
        codes = self.codes.copy()
        codes[rows] = len(self.text)
        return Coded(codes, np.append(self.raw, ""), np.append(self.text, ""))

    def numbers(self) -> np.ndarray:
        """Every row as a float: numbers as they are, text parsed the Vietnamese way
        ("12.500", "12 500"); NaN where blank or not a number."""
        count = len(self.raw)
        if not count:
            return np.empty(0)
        values = np.empty(count, dtype=float)
        typed = np.fromiter(map(_is_number, self.raw), bool, count)
        if typed.any():  # numbers as they are, converted at C speed
            try:
                found = np.array(self.raw[typed].tolist(), dtype=float)
            except OverflowError:  # an integer beyond any float: one by one
                found = np.array([_as_float(v) for v in self.raw[typed]], dtype=float)
            values[typed] = np.where(np.isfinite(found), found, np.nan)
        texts = self.text[~typed]
        if len(texts):  # text: plain digits at C speed, anything else the Vietnamese way
            digits = np.fromiter((t.isascii() and t.isdigit() for t in texts), bool, len(texts))
            parsed = np.empty(len(texts), dtype=float)
            parsed[digits] = texts[digits].astype(float)
            parsed[~digits] = [parse_number(t) for t in texts[~digits]]
            values[~typed] = parsed
        spread: np.ndarray = values[self.codes]
        return spread


def _is_number(value: object) -> bool:
    """A number as typed into a cell (not TRUE or FALSE, which are 1 and 0 to Python)."""
    return isinstance(value, int | float | np.integer | np.floating) and not isinstance(
        value, bool | np.bool_
    )


def _as_float(value: Any) -> float:
    try:
        return float(value)
    except OverflowError:  # an integer beyond any float
        return np.nan
