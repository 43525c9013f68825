"""The one word list: every key in both languages, with the same placeholders."""

from __future__ import annotations

import string

from ltl_plan.words import EN, VI, WORDS, Lang


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_word_has_both_languages() -> None:
    assert set(WORDS) == set(Lang)
    assert sorted(VI) == sorted(EN), set(VI) ^ set(EN)
    assert all(VI[key].strip() and EN[key].strip() for key in VI)


def test_both_languages_fill_the_same_placeholders() -> None:
    for key in VI:
        assert _placeholders(VI[key]) == _placeholders(EN[key]), key
