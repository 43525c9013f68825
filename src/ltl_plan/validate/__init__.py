"""Validation: raw tables in, checked institution records and every problem out.

:mod:`~ltl_plan.validate.checker` checks one table column-wise (:mod:`.fields` holds the
check of each kind of field, :mod:`.coded` the column form that keeps it fast);
:mod:`~ltl_plan.validate.merge` merges the files' tables into one :class:`Dataset`.
"""

from ltl_plan.validate.merge import Checked, Dataset, Source, check_file, merge

__all__ = ["Checked", "Dataset", "Source", "check_file", "merge"]
