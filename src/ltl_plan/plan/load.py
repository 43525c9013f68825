"""Loading a targets file, or one of the plans shipped with ltl-plan: YAML parsed, then
validated, every problem named by its key path (``indicators[3].targets[2025]: Input
should be less than or equal to 100``).

The shipped plans are the files of ``plan/shipped/``, each named by its plan's id;
``plan/shipped/index.yaml`` says which one is the default."""

from __future__ import annotations

from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from ltl_plan.errors import TargetsError
from ltl_plan.plan.model import Plan

# libyaml's parser when PyYAML was built with it (the wheels are): the same documents,
# about ten times faster than the pure-Python one.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _shipped() -> Path:
    return Path(str(resources.files("ltl_plan.plan").joinpath("shipped")))


def shipped_plans() -> list[str]:
    """The ids of the plans shipped with ltl-plan, in order."""
    return sorted(p.stem for p in _shipped().glob("*.yaml") if p.stem != "index")


def default_plan_id() -> str:
    """The id of the plan used when none is named (``plan/shipped/index.yaml``)."""
    index = yaml.load((_shipped() / "index.yaml").read_text(encoding="utf-8"), Loader=_LOADER)
    return str(index["default"])


def shipped_path(plan_id: str) -> Path:
    """The targets file of a shipped plan; a TargetsError lists the ids when it is none."""
    if plan_id not in shipped_plans():
        raise TargetsError(
            f"--plan {plan_id}: no such plan; the plans shipped with ltl-plan are "
            + ", ".join(shipped_plans())
            + " (ltl-plan plans lists them)"
        )
    return _shipped() / f"{plan_id}.yaml"


def default_targets_path() -> Path:
    """The targets file of the default plan."""
    return shipped_path(default_plan_id())


def _location(loc: Iterable[int | str]) -> str:
    parts: list[str] = []
    for part in loc:
        if isinstance(part, int):
            parts.append(f"[{part}]")
        elif part in ("coverage", "count", "growth") and parts and parts[-1].startswith("["):
            continue  # the discriminator tag pydantic adds to union paths
        else:
            parts.append(("." if parts else "") + str(part))
    return "".join(parts) or "(top level)"


def parse_plan(data: Any, source: str = "targets.yaml") -> Plan:
    """Validate already-parsed YAML; every problem is listed in the raised error."""
    if isinstance(data, dict) and data.get("schema_version") == 1:
        raise TargetsError(
            f"{source} is a targets file of ltl-plan 0.1 (schema_version 1); this version "
            "reads schema_version 2",
            [
                "set schema_version: 2",
                "add plan.id, plan.scope (how headings name the whole area) and "
                "plan.report_to (who the units report to)",
                "declare the levels of places (places) with the "
                "headers of their columns, the kinds of reporting unit (unit_kinds) and the "
                "measures (measures: learning_visits, its label and headers)",
                "see 'The targets file' in the README, or a shipped plan (ltl-plan plans)",
            ],
        )
    try:
        return Plan.model_validate(data)
    except ValidationError as exc:
        details = []
        for error in exc.errors(include_url=False):
            message = error["msg"].removeprefix("Value error, ")
            if error["type"] == "extra_forbidden":
                message = "unknown key (not part of the targets file format)"
            details.append(f"{_location(error['loc'])}: {message}")
        raise TargetsError(f"{source} is not a valid targets file", details) from None


def load_plan(path: Path | None = None, plan_id: str | None = None) -> Plan:
    """Load and validate a targets file, or the shipped plan ``plan_id``; the default
    plan when neither is given."""
    path = path or shipped_path(plan_id or default_plan_id())
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise TargetsError(f"targets file not found: {path}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise TargetsError(f"cannot read targets file {path}: {exc}") from None
    try:
        data = yaml.load(text, Loader=_LOADER)
    except yaml.YAMLError as exc:
        raise TargetsError(f"{path} is not valid YAML", [str(exc)]) from None
    except ValueError as exc:  # a number too long for Python to convert (4,300 digits)
        raise TargetsError(f"{path}: a value cannot be read", [str(exc)]) from None
    return parse_plan(data, str(path))
