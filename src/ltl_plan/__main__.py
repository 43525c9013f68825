"""``python -m ltl_plan`` runs the command-line tool, as the console script does."""

from ltl_plan.startup import main

main()
