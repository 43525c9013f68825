"""The one word list: every key in both languages, with the same placeholders."""

from __future__ import annotations

import re
import string

import pytest

from ltl_plan.words import WORDS_FILE, Lang, parse_words, say, words

VI, EN = words(Lang.VI), words(Lang.EN)


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_word_has_both_languages() -> None:
    assert sorted(VI) == sorted(EN), set(VI) ^ set(EN)
    assert all(VI[key].strip() and EN[key].strip() for key in VI)
    assert len(VI) > 150  # the shipped file, read whole


def test_both_languages_fill_the_same_placeholders() -> None:
    for key in VI:
        assert _placeholders(VI[key]) == _placeholders(EN[key]), key


def test_the_words_file_is_plain_data_beside_the_module() -> None:
    assert WORDS_FILE.is_file() and WORDS_FILE.suffix == ".yaml"
    assert say(Lang.VI, "yes") == "Có" and say(Lang.EN, "yes") == "Yes"


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ('no:\n  vi: "Không"\n  en: "No"\n', "key False is not a text (quote it)"),
        ('"yes":\n  vi: "Có"\n', "key 'yes': give exactly one text for each of vi and en"),
        ('"n":\n  vi: 5\n  en: "5"\n', "key 'n': vi is not a text (quote it)"),
        ("- a list\n", "the words file is not a list of keys"),
    ],
)
def test_a_words_file_that_is_not_one_text_a_language_a_key_is_refused(
    text: str, says: str
) -> None:
    with pytest.raises(ValueError, match=f"^{re.escape(says)}$"):
        parse_words(text)


def test_a_quoted_key_that_yaml_would_read_as_a_boolean_stays_a_word() -> None:
    table = parse_words('"no":\n  vi: "Không"\n  en: "No"\n')
    assert table[Lang.VI] == {"no": "Không"} and table[Lang.EN] == {"no": "No"}
