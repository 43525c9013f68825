"""Loading a targets file: YAML parsed, then validated, every problem named by its key
path (``indicators[3].targets[2025]: Input should be less than or equal to 100``)."""

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


def default_targets_path() -> Path:
    """The targets file shipped inside the package."""
    return Path(str(resources.files("ltl_plan.plan").joinpath("targets.yaml")))


def _location(loc: Iterable[int | str]) -> str:
    parts: list[str] = []
    for part in loc:
        if isinstance(part, int):
            parts.append(f"[{part}]")
        elif part in ("coverage", "growth") and parts and parts[-1].startswith("["):
            continue  # the discriminator tag pydantic adds to union paths
        else:
            parts.append(("." if parts else "") + str(part))
    return "".join(parts) or "(top level)"


def parse_plan(data: Any, source: str = "targets.yaml") -> Plan:
    """Validate already-parsed YAML; every problem is listed in the raised error."""
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


def load_plan(path: Path | None = None) -> Plan:
    """Load and validate a targets file; the packaged default when ``path`` is None."""
    path = path or default_targets_path()
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
    return parse_plan(data, str(path))
