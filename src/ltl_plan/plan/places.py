"""Where institutions are and who reports them: the levels of places a plan knows (each
a column of the submissions), the places it names,
the reforms that changed them, and the units expected to send data every year.

Nothing here knows any place: the levels of an area before and after a reform, the
former parts of a merger, and every name are data of a targets file.
"""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from ltl_plan.plan.common import ALWAYS, Code, Label, Model, Period


class Reform(Model):
    """A change of administration the data crosses: its date, what it did (the reason an
    indicator that ended with it is not applicable), the act that made it, and, for a
    merger, the level of places that were merged (the former provinces)."""

    code: Code
    date: dt.date
    label: Label
    source: str | None = None
    merges: Code | None = None


class PlaceLevel(Model):
    """A level of places, and the column that names an institution's place at it: the
    column is recognised by the code, the labels and the ``aliases`` (the headers the
    submissions use). ``within``: the level whose places hold these."""

    code: Code
    label: Label
    aliases: list[str] = []
    years: Period = ALWAYS
    within: Code | None = None


class Place(Model):
    """A place the plan knows by name, at one of its levels; ``within`` names the place
    of the parent level that holds it. A place that is also a reporting unit names the
    ``unit`` kind (and ``code``) it reports as."""

    level: Code
    name: str = Field(min_length=1)
    aliases: list[str] = []
    within: str | None = None
    unit: Code | None = None
    code: Code | None = None
    years: Period | None = None  # default: the years of its level


class UnitKind(Model):
    """A kind of reporting unit, with its labels."""

    code: Code
    label: Label


class Unit(Model):
    """A unit expected to send data every year it exists, that is not a place."""

    code: Code
    kind: Code
    name: str = Field(min_length=1)
    aliases: list[str] = []
    years: Period = ALWAYS
