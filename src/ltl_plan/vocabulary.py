"""The words a submission may use: column headers, yes/no values, and the plan's codes.

Matching ignores case, spacing, punctuation and Vietnamese diacritics, so
"Thư viện công cộng", "THU VIEN CONG CONG", "thu_vien_cong_cong" and the decomposed (NFD)
spelling all match. Category, level and flag words come from the targets file; this
module holds only the fixed columns of the input format and the yes/no vocabulary.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from ltl_plan.keys import key

if TYPE_CHECKING:
    from ltl_plan.plan.indicators import Measure
    from ltl_plan.plan.model import Plan
    from ltl_plan.plan.parts import Flag
    from ltl_plan.plan.places import PlaceLevel

# The fixed columns of the institution table: field -> the headers accepted for it. The
# columns of the plan's places, flags and measures are added from the targets file.
FIXED_COLUMNS: dict[str, tuple[str, ...]] = {
    "id": ("id", "Mã đơn vị", "Mã", "Mã số", "Mã thiết chế", "institution id", "code"),
    "name": ("name", "Tên đơn vị", "Tên", "Tên thiết chế", "institution", "institution name"),
    "year": ("year", "Năm", "Năm báo cáo", "reporting year"),
    "category": ("category", "Loại hình", "Loại", "Loại thiết chế", "type"),
    "level": ("level", "Cấp", "Cấp quản lý"),
    "reporting_unit": ("reporting_unit", "Đơn vị báo cáo", "Đơn vị gửi báo cáo", "reporting unit"),
}

REQUIRED_COLUMNS = ("id", "name", "year", "category")

YES_WORDS = ("yes", "y", "có", "x", "1", "true", "đạt", "rồi", "đã có", "✓", "✔")
NO_WORDS = ("no", "n", "không", "0", "false", "chưa", "chưa có", "chưa đạt", "không đạt", "-", "✗")
_SYMBOLS = {word: word in YES_WORDS for word in (*YES_WORDS, *NO_WORDS) if not key(word)}
_YES_NO = {key(word): True for word in YES_WORDS if key(word)}
_YES_NO.update({key(word): False for word in NO_WORDS if key(word)})


def yes_no(text: str) -> bool | None:
    """True or False for a recognised yes/no word, None for anything else."""
    stripped = text.strip()
    if stripped in _SYMBOLS:
        return _SYMBOLS[stripped]
    return _YES_NO.get(key(stripped))


@dataclass(frozen=True, eq=False)  # compared and hashed by identity (cached look-ups)
class Vocabulary:
    """Look-up tables built once from the plan."""

    columns: dict[str, str]  # header key -> field
    categories: dict[str, str]  # key -> category code
    levels: dict[str, str]  # key -> level code
    places: tuple[str, ...]  # place level codes, in the plan's order
    flags: tuple[str, ...]  # flag codes, in the plan's order
    measures: tuple[str, ...]  # measure codes, in the plan's order
    category_levels: dict[str, tuple[str, ...]]  # category code -> its levels

    @classmethod
    def from_plan(cls, plan: Plan) -> Vocabulary:
        columns: dict[str, str] = {}
        for field, headers in FIXED_COLUMNS.items():
            for header in headers:
                columns[key(header)] = field
        parts: list[PlaceLevel | Flag | Measure] = [*plan.places, *plan.flags, *plan.measures]
        for part in parts:
            for word in (part.code, part.label.vi, part.label.en, *part.aliases):
                columns[key(word)] = part.code
        categories = {
            key(word): category.code
            for category in plan.categories
            for word in (category.code, category.label.vi, category.label.en, *category.aliases)
        }
        levels = {
            key(word): level.code
            for level in plan.levels
            for word in (level.code, level.label.vi, level.label.en, *level.aliases)
        }
        return cls(
            columns,
            categories,
            levels,
            tuple(level.code for level in plan.places),
            tuple(flag.code for flag in plan.flags),
            tuple(measure.code for measure in plan.measures),
            {category.code: tuple(category.levels) for category in plan.categories},
        )

    def column_for(self, header: str) -> str | None:
        return self.columns.get(key(header))

    def category_for(self, text: str) -> tuple[str, str | None] | None:
        """The category a text names, with the level when the label carries one
        (a category label followed by a level's word, "... cấp <level>")."""
        return _category_for(self, key(text))


@lru_cache(maxsize=4096)
def _category_for(vocab: Vocabulary, k: str) -> tuple[str, str | None] | None:
    if k in vocab.categories:
        return vocab.categories[k], None
    for level_key in sorted(vocab.levels, key=len, reverse=True):
        if k.endswith(" " + level_key):
            category = vocab.categories.get(k[: -len(level_key)].strip())
            level = vocab.levels[level_key]
            if category is not None and level in vocab.category_levels.get(category, ()):
                return category, level
    return None
