"""ltl-plan: measure lifelong-learning services against a provincial plan's targets.

The package is a library first: :mod:`ltl_plan.plan` loads the targets file,
:mod:`ltl_plan.read` reads spreadsheets, :mod:`ltl_plan.validate` turns them into
checked records, :mod:`ltl_plan.compute` measures them against the plan and
:mod:`ltl_plan.render` turns the result into text. :mod:`ltl_plan.cli` is a thin shell.

Nothing heavy is imported here, so ``ltl-plan --help`` starts at once.
"""

__version__ = "0.1.0"
