"""Other projects' odd spreadsheets (../shared/peers): each ends in a clean message and a
documented exit code, never a traceback, and the file is left as it was."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ltl_plan.cli import Exit, app

PEERS = Path(__file__).resolve().parents[2] / "shared" / "peers"
FILES = sorted(p for p in PEERS.rglob("*") if p.is_file() and p.name != "README.md")


@pytest.mark.skipif(not FILES, reason="../shared/peers is not present")
@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_peer_file_ends_cleanly(path: Path) -> None:
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    result = CliRunner().invoke(app, ["check", str(path), "--format", "json"])
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert "Traceback" not in result.output
    assert "internal error" not in result.stderr
    if result.exit_code == Exit.CANNOT_RUN:
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and path.name in lines[0], result.stderr
    else:
        assert result.exit_code in (Exit.OK, Exit.DATA_PROBLEMS), result.output
        document = json.loads(result.stdout)
        assert document["valid"] is (result.exit_code == Exit.OK)
        assert all(p["file"] == str(path) for p in document["problems"])
