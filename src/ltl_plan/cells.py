"""What a cell holds, as a person reads it: its text, whether it is blank, the number
typed into it (the Vietnamese way or the English way), and Excel's error values.

"12.500" and "12 500" are twelve thousand five hundred, "1.234.567" is a million and
more, "12,5" is twelve and a half; "1,234" (three digits after one comma) is read as a
thousand and more, as a count of visits can have no fraction.

One definition of each, shared by the layout (finding the table), validation (checking
its cells) and the correction workbook (copying them).
"""

from __future__ import annotations

import math
import re
from typing import Any

import numpy as np
import pandas as pd

# Excel's and LibreOffice's error values, as a formula cell shows them.
EXCEL_ERRORS = frozenset(
    {"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA",
     "#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!", "#CONNECT!", "#BUSY!", "#UNKNOWN!"}
)  # fmt: skip
_LIBREOFFICE_ERROR = re.compile(r"^Err:[0-9]{3}$")

_SPACES = re.compile(r"[\s\u00a0\u202f\u2009\u2007'’]+")
_GROUPED = re.compile(r"^[+-]?[0-9]{1,3}(?:([.,])[0-9]{3})(?:\1[0-9]{3})*$")
_VI_DECIMAL = re.compile(r"^[+-]?[0-9]{1,3}(?:\.[0-9]{3})+,[0-9]+$")
_EN_DECIMAL = re.compile(r"^[+-]?[0-9]{1,3}(?:,[0-9]{3})+\.[0-9]+$")
_COMMA_DECIMAL = re.compile(r"^[+-]?[0-9]+,[0-9]+$")


def cell_text(value: Any) -> str:
    """A cell as the text a person sees: 12.0 -> "12", TRUE -> "TRUE", blank -> ""."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        if value.is_integer():
            return str(int(value))
        return repr(value)
    return str(value).strip()


def one_line(value: Any) -> str:
    """A cell's text on one line, runs of spaces and line breaks as one space (a header
    typed over two lines, say)."""
    return " ".join(cell_text(value).split())


def as_text(values: pd.Series) -> pd.Series:
    """Every cell of a column as :func:`cell_text`; each distinct value converted once (a
    column of categories or yes/no answers holds a handful)."""
    codes, uniques = pd.factorize(values, use_na_sentinel=False)
    texts = np.array([cell_text(value) for value in uniques], dtype=object)
    return pd.Series(texts[codes] if len(texts) else texts, index=values.index, dtype=object)


def column_letter(index: int) -> str:
    """Spreadsheet column letters for a 0-based index: 0 -> A, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def column_index(letters: str) -> int:
    """The 0-based index of spreadsheet column letters: A -> 0, AA -> 26."""
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - 64
    return index - 1


def is_error_value(text: str) -> bool:
    return text in EXCEL_ERRORS or (text[:4] == "Err:" and bool(_LIBREOFFICE_ERROR.match(text)))


def error_values(texts: np.ndarray) -> np.ndarray:
    """:func:`is_error_value` of each text (an object array of str), at C speed when no
    text can be one, as in nearly every column: every error value holds "#" or "Err:"."""
    joined = "\x00".join(texts.tolist())
    if "#" not in joined and "Err:" not in joined:
        return np.zeros(len(texts), dtype=bool)
    return np.fromiter(map(is_error_value, texts), bool, len(texts))


def parse_number(text: str) -> float:
    """A number typed as text, the Vietnamese way or the English way; NaN if it is not one."""
    if text.isascii() and text.isdigit():  # the usual case, a plain count
        return float(text)
    compact = _SPACES.sub("", text)
    if not compact:
        return float("nan")
    if _GROUPED.match(compact):
        compact = compact.replace(".", "").replace(",", "")
    elif _VI_DECIMAL.match(compact):
        compact = compact.replace(".", "").replace(",", ".")
    elif _EN_DECIMAL.match(compact):
        compact = compact.replace(",", "")
    elif _COMMA_DECIMAL.match(compact):
        compact = compact.replace(",", ".")
    try:
        number = float(compact)
    except ValueError:
        return float("nan")
    return number if np.isfinite(number) else float("nan")
