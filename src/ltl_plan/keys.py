"""Matching keys: how a word typed in a submission is compared with the words the tool
knows (headers, categories, levels, places, yes/no). Imports nothing heavy: it runs on
the thread that opens a workbook while the program is still starting."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_NON_WORD = re.compile(r"[^0-9a-z]+")


@lru_cache(maxsize=65536)
def key(text: str) -> str:
    """A matching key: no diacritics, lower case, words joined by single spaces, so that
    "Thư viện công cộng", "THU VIEN CONG CONG" and the decomposed spelling are one."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _NON_WORD.sub(" ", stripped.casefold()).strip()
