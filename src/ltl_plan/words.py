"""Every word the tool shows a person, in Vietnamese and in English: one list, keyed.

The list is data, ``words.yaml`` beside this module: each key with its two languages side
by side, so that a translator reads them together. The terminal, Markdown, the report
workbook, the correction workbook and the submission form all take their words from it
(the plan's own words, its labels, come from the targets file). A key missing from one
language fails a test (``tests/test_words.py``), as does a placeholder that one language
has and the other not. Sentences are templates (``{n} of {total}``); numbers, years and
names are data. The file is read once, when a word is first wanted (``--help`` never
reads it).
"""

from __future__ import annotations

import functools
import string
from collections.abc import Mapping
from enum import StrEnum
from pathlib import Path
from typing import Any

WORDS_FILE = Path(__file__).with_name("words.yaml")


class Lang(StrEnum):
    VI = "vi"
    EN = "en"


def parse_words(text: str) -> dict[Lang, dict[str, str]]:
    """The word list from the text of a words file: for each language, key -> word.
    Raises ValueError naming the key when an entry is not a text in every language (a
    key such as ``no`` left unquoted reads as a boolean in YAML)."""
    import yaml

    data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    if not isinstance(data, dict):
        raise ValueError("the words file is not a list of keys")
    table: dict[Lang, dict[str, str]] = {lang: {} for lang in Lang}
    for key, entry in data.items():
        if not isinstance(key, str):
            raise ValueError(f"key {key!r} is not a text (quote it)")
        if not isinstance(entry, dict) or set(entry) != {lang.value for lang in Lang}:
            raise ValueError(f"key {key!r}: give exactly one text for each of vi and en")
        for lang in Lang:
            if not isinstance(entry[lang.value], str):
                raise ValueError(f"key {key!r}: {lang.value} is not a text (quote it)")
            table[lang][key] = entry[lang.value]
    return table


@functools.cache
def _words() -> dict[Lang, dict[str, str]]:
    return parse_words(WORDS_FILE.read_text(encoding="utf-8"))


def words(lang: Lang) -> Mapping[str, str]:
    """Every word and template in ``lang``, by key."""
    return _words()[lang]


def word(lang: Lang, name: str) -> str:
    """The word or template ``name`` in ``lang``."""
    return _words()[lang][name]


def number(value: int | float, lang: Lang) -> str:
    """A count the way each language writes it: 1.824.467 (vi), 1,824,467 (en)."""
    text = f"{value:,.0f}"
    return text.replace(",", ".") if lang is Lang.VI else text


def percent(value: float | None, lang: Lang, signed: bool = False) -> str:
    """A fraction as a percentage, one decimal when it has one: 0.857 -> 85,7% (vi),
    85.7% (en); 0.7 -> 70%; None -> "–". ``signed``: always with its sign (+10.9%)."""
    if value is None:
        return "–"
    text = f"{value * 100:+.1f}" if signed else f"{value * 100:.1f}".removesuffix(".0")
    return (text.replace(".", ",") if lang is Lang.VI else text) + "%"


class _Formatter(string.Formatter):
    """Template values in a language's formats: ``{total:n}`` a count, ``{rate:p}`` a
    percentage, ``{rate:+p}`` one with its sign; anything else as Python formats it."""

    def __init__(self, lang: Lang) -> None:
        self.lang = lang

    def format_field(self, value: Any, format_spec: str) -> str:
        if format_spec == "n" and isinstance(value, int | float):
            return number(value, self.lang)
        if format_spec in ("p", "+p") and isinstance(value, int | float):
            return percent(value, self.lang, signed=format_spec == "+p")
        text: str = super().format_field(value, format_spec)
        return text


def say(lang: Lang, name: str, /, **values: Any) -> str:
    """The template ``name`` in ``lang``, filled with ``values`` in that language's
    formats."""
    text: str = _Formatter(lang).format(_words()[lang][name], **values)
    return text
