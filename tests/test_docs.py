"""The README documents what the tool does: commands, problem codes, CI command."""

from __future__ import annotations

from pathlib import Path

from ltl_plan.cli import app
from ltl_plan.problems import CATALOG

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_ci_runs_the_readme_test_command() -> None:
    lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    command = [line for line in lines if line.startswith("python3 -m venv")]
    assert len(command) == 1 and f"\n{command[0]}\n" in README


def test_every_command_is_documented() -> None:
    names = [
        command.name or (command.callback.__name__ if command.callback else "")
        for command in app.registered_commands
    ]
    assert names and all(f"### `ltl-plan {name}" in README for name in names)


def test_every_problem_code_is_documented() -> None:
    for code, (severity, meaning) in CATALOG.items():
        assert f"| `{code}` | {severity} | {meaning}" in README, code
