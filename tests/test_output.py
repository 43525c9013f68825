"""Result files: written whole or not at all, never over an input, readable as any file."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest

from ltl_plan.errors import UsageError
from ltl_plan.output import check_outputs, save_atomic, write_atomic


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_a_new_file_gets_the_permissions_open_would_give(tmp_path: Path) -> None:
    previous = os.umask(0o027)
    try:
        write_atomic(tmp_path / "report.json", "{}\n")
    finally:
        os.umask(previous)
    assert _mode(tmp_path / "report.json") == 0o640  # 0o666 less the umask, not 0o600
    assert (tmp_path / "report.json").read_text(encoding="utf-8") == "{}\n"


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_a_replaced_file_keeps_its_permissions(tmp_path: Path) -> None:
    path = tmp_path / "report.md"
    path.write_text("old", encoding="utf-8")
    path.chmod(0o664)
    write_atomic(path, "new")
    assert path.read_text(encoding="utf-8") == "new" and _mode(path) == 0o664


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    path = tmp_path / "report.xlsx"
    path.write_bytes(b"old")

    def broken(temporary: Path) -> None:
        temporary.write_bytes(b"half")
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        save_atomic(path, broken)
    assert path.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.xlsx"]


def test_an_input_is_never_an_output(tmp_path: Path) -> None:
    data = tmp_path / "data.xlsx"
    data.write_bytes(b"x")
    (tmp_path / "link.xlsx").symlink_to(data)
    for output in (data, tmp_path / "link.xlsx", tmp_path / "." / "data.xlsx"):
        with pytest.raises(UsageError, match="never writes over an input"):
            check_outputs({"--output": output}, [data])
    check_outputs({"--output": tmp_path / "other.xlsx"}, [data])
