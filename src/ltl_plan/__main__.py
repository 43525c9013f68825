"""``python -m ltl_plan`` runs the command-line tool."""

from ltl_plan.cli import main

main()
