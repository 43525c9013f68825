"""The small pieces every part of a targets file is made of: codes, labels in both
languages, and the reporting years something exists in."""

from __future__ import annotations

from numbers import Integral
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, model_validator

Code = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]
Year = Annotated[int, Field(ge=1900, le=2200)]


class Model(BaseModel):
    """A part of the targets file: unknown keys are refused, and nothing changes it."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Label(Model):
    """A text in both languages of the tool."""

    vi: str = Field(min_length=1)
    en: str = Field(min_length=1)

    def get(self, lang: str) -> str:
        return self.vi if lang == "vi" else self.en


class Period(Model):
    """The reporting years something exists in or applies to, both ends included (an end
    left out is open), and the reform that began or ended it: a level of places that
    ends with 2024 has ``years: {last: 2024, reform: ...}``."""

    first: Year | None = None
    last: Year | None = None
    reform: Code | None = None

    @model_validator(mode="after")
    def _ordered(self) -> Period:
        if self.first is not None and self.last is not None and self.last < self.first:
            raise ValueError(f"last ({self.last}) is before first ({self.first})")
        return self

    def __contains__(self, year: object) -> bool:
        if not isinstance(year, Integral):  # numpy's integers too
            return False
        value = int(year)
        return (self.first is None or value >= self.first) and (
            self.last is None or value <= self.last
        )

    @property
    def always(self) -> bool:
        return self.first is None and self.last is None


ALWAYS = Period()
