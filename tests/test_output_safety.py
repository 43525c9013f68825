"""Outputs that land safely (issues 12 and 13): only regular files or ``-``; two outputs
never the same file; SIGTERM and SIGHUP clean up as Ctrl-C does; names that are not
UTF-8 or carry terminal sequences printed safely; failures of the machine said in one
plain line with exit 2; UTF-8 whatever the console's code page; tables in pipes drawn
whole.

The tests marked ``needs_check`` go through ``ltl-plan check`` end to end; they are
skipped while the checking modules cannot be imported, and run as soon as they can.
This file uses no fixture of ``conftest.py``.
"""

from __future__ import annotations

import errno
import io
import json
import os
import re
import signal
import stat
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable, Iterator
from importlib import import_module
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from ltl_plan.cli import shell
from ltl_plan.errors import (
    LtlPlanError,
    OutputError,
    TargetsError,
    Terminated,
    UsageError,
    printable,
)
from ltl_plan.output import check_outputs, is_stdout, save_atomic, write_atomic

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SRC = ROOT / "src"
POSIX = pytest.mark.skipif(os.name != "posix", reason="POSIX files, devices and signals")
LINUX = pytest.mark.skipif(
    sys.platform != "linux", reason="a file system that takes any bytes as a name"
)
runner = CliRunner(env={"COLUMNS": "200"})


def _check_runs() -> bool:
    try:
        import_module("ltl_plan.pipeline")
        import_module("ltl_plan.validate")
    except Exception:
        return False
    return True


needs_check = pytest.mark.skipif(
    not _check_runs(), reason="the checking modules are mid-refactor: ltl-plan check cannot run"
)


def _files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def _guarded(body: Callable[[], object]) -> typer.Typer:
    """A one-command app that runs ``body`` inside the CLI's guard."""
    app = typer.Typer()

    @app.command()
    def run() -> None:
        with shell.guard(False):
            body()

    return app


# --- 13.1: outputs only to regular files or to standard output -------------------------


@POSIX
@pytest.mark.parametrize("device", ["/dev/null", "/dev/stdout", "/dev/stderr", "/dev/zero"])
def test_a_device_is_never_an_output(device: str) -> None:
    # Replacing /dev/null as root turns it into a regular file: refused, nothing written.
    for option in ("--output", "--errors-xlsx"):
        with pytest.raises(UsageError, match=rf"^{option} {device} is a device.*regular files"):
            check_outputs({option: Path(device)}, [])
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


@POSIX
@pytest.mark.parametrize("kind", ["folder", "fifo", "link to a device", "link to a folder"])
def test_a_folder_a_pipe_or_a_link_to_a_device_is_never_an_output(
    tmp_path: Path, kind: str
) -> None:
    target = tmp_path / "out.json"
    if kind == "folder":
        target.mkdir()
        expected = "a folder"
    elif kind == "fifo":
        os.mkfifo(target)
        expected = "a named pipe"
    elif kind == "link to a device":
        target.symlink_to("/dev/null")
        expected = "a device"
    else:
        (tmp_path / "folder").mkdir()
        target.symlink_to(tmp_path / "folder")
        expected = "a folder"
    with pytest.raises(UsageError, match=f"--output {re.escape(str(target))} is {expected}"):
        check_outputs({"--output": target}, [])
    with pytest.raises(UsageError, match="regular files"):  # also when called directly
        write_atomic(target, "{}")
    assert target.is_symlink() or not target.is_file()  # left as it was


def test_a_missing_folder_is_refused_before_anything_is_read(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match=r"the folder .*nowhere does not exist"):
        check_outputs({"--output": tmp_path / "nowhere" / "out.json"}, [])


def test_an_output_device_is_refused_before_the_inputs_are_read(tmp_path: Path) -> None:
    from ltl_plan import api

    # The input does not exist: reading it would fail with another message.
    with pytest.raises(UsageError, match=r"--output .* is a folder"):
        api.check([tmp_path / "missing.csv"], outputs={"--output": tmp_path})


def test_dash_is_standard_output() -> None:
    assert is_stdout("-") and is_stdout(Path("-"))
    assert not is_stdout("a-b") and not is_stdout(Path("out") / "-x")


def test_only_one_output_may_be_standard_output() -> None:
    with pytest.raises(UsageError, match="--output and --errors-xlsx are both -"):
        check_outputs({"--output": Path("-"), "--errors-xlsx": Path("-")}, [])
    check_outputs({"--output": Path("-")}, [Path("-")])  # standard input is not an output


class _Stdout(io.TextIOWrapper):
    """Standard output as a pipe to a file, in a chosen encoding."""

    def __init__(self, encoding: str = "utf-8", tty: bool = False) -> None:
        super().__init__(io.BytesIO(), encoding=encoding)
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty

    def bytes(self) -> bytes:
        self.flush()
        raw = self.buffer
        assert isinstance(raw, io.BytesIO)
        return raw.getvalue()


def test_write_atomic_to_dash_writes_utf8_to_standard_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    out = _Stdout(encoding="cp1258")
    monkeypatch.setattr(sys, "stdout", out)
    write_atomic(Path("-"), "Tuyên Quang: Kế hoạch 1.824.467\n")
    assert out.bytes().decode("utf-8") == "Tuyên Quang: Kế hoạch 1.824.467\n"
    assert _files(tmp_path) == []  # no file named "-"


def test_save_atomic_to_dash_sends_the_bytes_and_keeps_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    monkeypatch.chdir(tmp_path)
    out = _Stdout()
    monkeypatch.setattr(sys, "stdout", out)
    workbook = b"PK\x03\x04\x00\xff binary"
    save_atomic(Path("-"), lambda temporary: temporary.write_bytes(workbook))
    assert out.bytes() == workbook
    assert _files(scratch) == [] and _files(tmp_path) == ["tmp"]


def test_a_workbook_is_not_sent_to_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdout", _Stdout(tty=True))
    with pytest.raises(UsageError, match="not for a terminal"):
        save_atomic(Path("-"), lambda temporary: temporary.write_bytes(b"PK"))


# --- 13.13: two outputs of one run are never the same file ------------------------------


@POSIX
def test_two_outputs_with_the_same_path_are_refused_naming_both(tmp_path: Path) -> None:
    report = tmp_path / "report.xlsx"
    (tmp_path / "sub").mkdir()
    (tmp_path / "link.xlsx").symlink_to(report)
    spellings = [
        report,
        tmp_path / "." / "report.xlsx",
        tmp_path / "sub" / ".." / "report.xlsx",
        tmp_path / "link.xlsx",
    ]
    for other in spellings:
        with pytest.raises(UsageError, match=r"^--output .* and --errors-xlsx .* are the same"):
            check_outputs({"--output": report, "--errors-xlsx": other}, [])
    report.write_bytes(b"old")
    os.link(report, tmp_path / "hard.xlsx")
    with pytest.raises(UsageError, match="are the same file"):
        check_outputs({"--output": report, "--errors-xlsx": tmp_path / "hard.xlsx"}, [])
    check_outputs({"--output": report, "--errors-xlsx": tmp_path / "other.xlsx"}, [])


def test_the_same_output_twice_is_refused_by_the_library(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ltl_plan import api

    monkeypatch.chdir(tmp_path)
    absolute = tmp_path / "x.json"
    with pytest.raises(UsageError, match=f"--output x.json and --errors-xlsx {absolute} are the"):
        api.check(
            [tmp_path / "missing.csv"],
            outputs={"--output": Path("x.json"), "--errors-xlsx": absolute},
        )


# --- 13.11: SIGTERM and SIGHUP clean up as Ctrl-C does ----------------------------------

SLOW_SAVE = """
import sys, tempfile, time
from pathlib import Path

from ltl_plan.cli.shell import app, guard
from ltl_plan.output import save_atomic
from ltl_plan import startup

@app.command("slow-save")
def slow_save(out: Path, scratch: Path) -> None:
    with guard(False):
        def save(temporary: Path) -> None:
            # As XlsxWriter does: parts in a temporary folder, then the file.
            with tempfile.TemporaryDirectory(prefix="ltl-plan-", dir=scratch) as parts:
                (Path(parts) / "sheet1.xml").write_text("<x/>")
                temporary.write_bytes(b"half")
                print("ready", flush=True)
                time.sleep(60)

        save_atomic(out, save)

sys.argv = ["ltl-plan", "slow-save", sys.argv[1], sys.argv[2]]
startup.main()
"""


def _python(*args: str) -> list[str]:
    return [sys.executable, *args]


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONIOENCODING", "PYTHONUTF8")}
    env["PYTHONPATH"] = os.pathsep.join([str(SRC), env.get("PYTHONPATH", "")])
    return {**env, **extra}


@POSIX
@pytest.mark.parametrize(
    ("signum", "name"), [(signal.SIGTERM, "SIGTERM"), (signal.SIGHUP, "SIGHUP")]
)
def test_a_signal_during_a_save_leaves_no_temporary_and_exits_128_plus_it(
    tmp_path: Path, signum: int, name: str
) -> None:
    out, scratch = tmp_path / "out", tmp_path / "scratch"
    out.mkdir()
    scratch.mkdir()
    (out / "report.xlsx").write_bytes(b"old")
    process = subprocess.Popen(
        _python("-c", SLOW_SAVE, str(out / "report.xlsx"), str(scratch)),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=_env(),
    )
    try:
        assert process.stdout is not None
        assert process.stdout.readline() == b"ready\n"
        assert len(_files(out)) == 2 and len(_files(scratch)) == 1  # mid-save
        process.send_signal(signum)
        _, err = process.communicate(timeout=30)
    finally:
        process.kill()
        process.wait()
    assert process.returncode == 128 + signum, err
    assert err.decode() == f"ltl-plan: interrupted ({name})\n"
    assert _files(out) == ["report.xlsx"] and (out / "report.xlsx").read_bytes() == b"old"
    assert _files(scratch) == []


@POSIX
def test_a_signal_the_caller_ignores_stays_ignored_and_handlers_are_put_back() -> None:
    before = signal.getsignal(signal.SIGTERM), signal.getsignal(signal.SIGHUP)
    previous = signal.signal(signal.SIGHUP, signal.SIG_IGN)  # as nohup does
    try:
        restore = shell.catch_termination()
        assert restore is not None
        assert signal.getsignal(signal.SIGHUP) is signal.SIG_IGN
        if before[0] is signal.SIG_DFL:
            assert signal.getsignal(signal.SIGTERM) is not signal.SIG_DFL
        restore()
        assert signal.getsignal(signal.SIGTERM) is before[0]
    finally:
        signal.signal(signal.SIGHUP, previous)
    # Through the app: installed for the command, put back when it ends.
    assert runner.invoke(shell.app, ["plans"]).exit_code == 0
    assert (signal.getsignal(signal.SIGTERM), signal.getsignal(signal.SIGHUP)) == before


def test_guard_reports_a_termination_with_its_signal() -> None:
    def terminated() -> None:
        raise Terminated(signal.SIGTERM)

    result = runner.invoke(_guarded(terminated), [])
    assert result.exit_code == 128 + signal.SIGTERM
    assert result.stderr == "ltl-plan: interrupted (SIGTERM)\n"

    def interrupted() -> None:
        raise KeyboardInterrupt

    result = runner.invoke(_guarded(interrupted), [])
    assert (result.exit_code, result.stderr) == (130, "ltl-plan: interrupted\n")


def test_a_termination_during_a_save_removes_the_temporary(tmp_path: Path) -> None:
    def save(temporary: Path) -> None:
        temporary.write_bytes(b"half")
        raise Terminated(signal.SIGTERM)

    with pytest.raises(Terminated):
        save_atomic(tmp_path / "report.xlsx", save)
    assert _files(tmp_path) == []


# --- 13.14, 12.5: failures of the machine are one plain line, exit 2 --------------------


def test_the_temporary_name_is_short_and_independent_of_the_target(tmp_path: Path) -> None:
    names: list[str] = []

    def save(temporary: Path) -> None:
        names.append(temporary.name)
        temporary.write_text("{}")

    long_name = "báo cáo " + "x" * 230 + ".json"  # 250 bytes and more: near the limit
    save_atomic(tmp_path / long_name, save)
    assert re.fullmatch(r"\.ltl-[^/\\]{1,12}\.tmp", names[0]), names
    assert _files(tmp_path) == [long_name]


@pytest.mark.parametrize(
    ("code", "said"),
    [
        (errno.ENOSPC, "the disk is full"),
        (errno.EROFS, "the folder is read-only"),
        (errno.ENAMETOOLONG, "the file name is too long"),
        (errno.EBUSY, "the file is busy"),
        (errno.EIO, "input/output error"),
        (errno.EACCES, "permission denied (is it open in Excel? close it and run again)"),
    ],
)
def test_a_failure_to_write_is_one_plain_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int, said: str
) -> None:
    path = tmp_path / "report.xlsx"
    path.write_bytes(b"old")

    def failing(source: Any, target: Any) -> None:
        raise OSError(code, os.strerror(code), str(source), None, str(target))

    monkeypatch.setattr(os, "replace", failing)
    with pytest.raises(OutputError) as raised:
        write_atomic(path, "new")
    assert raised.value.message.startswith(f"cannot write {path}: {said}")
    assert isinstance(raised.value, LtlPlanError) and raised.value.errno == code
    assert path.read_bytes() == b"old" and _files(tmp_path) == ["report.xlsx"]
    result = runner.invoke(_guarded(lambda: write_atomic(path, "new")), [])
    assert result.exit_code == 2
    assert result.stderr == f"ltl-plan: error: {raised.value.message}\n"
    assert "\n" not in raised.value.message and "bug" not in raised.value.message


def test_a_file_locked_by_excel_is_named_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def locked(source: Any, target: Any) -> None:
        exc = PermissionError(errno.EACCES, "The process cannot access the file")
        exc.winerror = 32  # type: ignore[attr-defined]  # ERROR_SHARING_VIOLATION
        raise exc

    monkeypatch.setattr(os, "replace", locked)
    with pytest.raises(OutputError, match=r"open in another program \(Excel\?\); close it"):
        write_atomic(tmp_path / "report.xlsx", "new")
    assert _files(tmp_path) == []


def test_a_full_disk_under_xlsxwriter_is_one_plain_line(tmp_path: Path) -> None:
    from xlsxwriter.exceptions import FileCreateError

    def save(temporary: Path) -> None:
        try:
            raise OSError(errno.ENOSPC, "No space left on device")
        except OSError as exc:
            raise FileCreateError(exc) from None  # as Workbook.close() does, context kept

    with pytest.raises(OutputError, match="the disk is full"):
        save_atomic(tmp_path / "report.xlsx", save)
    assert _files(tmp_path) == []


def test_a_read_only_folder_is_one_plain_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "readonly"
    folder.mkdir()
    if os.name == "posix" and os.geteuid() != 0:
        folder.chmod(0o555)
    else:  # root writes anywhere, and Windows has no such mode bits: as the system says

        def denied(*args: Any, **kwargs: Any) -> tuple[int, str]:
            raise PermissionError(errno.EACCES, "Permission denied", str(folder))

        monkeypatch.setattr(tempfile, "mkstemp", denied)
    try:
        with pytest.raises(OutputError, match=r"cannot write .*: permission denied: you cannot"):
            write_atomic(folder / "report.json", "{}")
    finally:
        folder.chmod(0o755)
    assert _files(folder) == []


def test_any_other_os_error_is_one_plain_line_naming_the_file() -> None:
    def missing() -> None:
        raise FileNotFoundError(errno.ENOENT, "No such file or directory", "dữ liệu.xlsx")

    result = runner.invoke(_guarded(missing), [])
    assert result.exit_code == 2
    assert result.stderr == "ltl-plan: error: dữ liệu.xlsx: no such file or folder\n"

    def unnamed() -> None:
        raise OSError(errno.EIO, "Input/output error")

    result = runner.invoke(_guarded(unnamed), [])
    assert result.exit_code == 2 and "This is a bug" not in result.stderr
    assert result.stderr.startswith("ltl-plan: error: input/output error")


def test_a_reader_that_went_away_ends_the_run_quietly() -> None:
    # ltl-plan check ... | head: no error message, the exit code of a SIGPIPE.
    def closed() -> None:
        raise BrokenPipeError(errno.EPIPE, "Broken pipe")

    result = runner.invoke(_guarded(closed), [])
    assert (result.exit_code, result.stderr) == (128 + 13, "")


def test_a_huge_integer_in_the_targets_file_is_a_targets_error(tmp_path: Path) -> None:
    # PyYAML converts the scalar with int(), which refuses more than 4,300 digits with a
    # ValueError (not a YAMLError): it reached the user as "This is a bug".
    from ltl_plan.plan.load import load_plan, shipped_path

    text = shipped_path("tuyen-quang-76-2023").read_text(encoding="utf-8")
    path = tmp_path / "targets.yaml"
    path.write_text(text.replace("schema_version: 2", "schema_version: " + "9" * 5000, 1))
    with pytest.raises(TargetsError):
        load_plan(path)
    result = runner.invoke(shell.app, ["targets", str(path)])
    assert result.exit_code == 2 and "This is a bug" not in result.stderr


# --- 13.12, 13.8: names that are not UTF-8, names that carry terminal sequences ---------


def test_printable_escapes_what_a_terminal_acts_on_and_keeps_vietnamese() -> None:
    assert printable("Báo cáo Tuyên Quang.xlsx") == "Báo cáo Tuyên Quang.xlsx"
    assert printable("a\x1b[2Jb") == "a\\x1b[2Jb"  # clear screen
    assert printable("\x1b]0;title\x07") == "\\x1b]0;title\\x07"  # window title
    assert printable("\x1b]8;;http://x\x1b\\link") == "\\x1b]8;;http://x\\x1b\\link"
    assert printable("a\rb\nc\x00\x7f\x9b") == "a\\x0db\\x0ac\\x00\\x7f\\x9b"
    assert printable("x\u202eslx.exe") == "x\\u202eslx.exe"  # right-to-left override
    assert printable(os.fsdecode(b"b\xe1o c\xe1o.csv")) == "b\\xe1o c\\xe1o.csv"
    assert printable("C:\\data\\tệp.csv") == "C:\\data\\tệp.csv"


def test_fail_prints_names_safely(monkeypatch: pytest.MonkeyPatch) -> None:
    name = "báo\x1b]0;owned\x07cáo" + os.fsdecode(b"\xff") + ".xlsx"

    def broken() -> None:
        raise LtlPlanError(f"cannot read {name}", [f"sheet \x1b[31m{name}"])

    result = runner.invoke(_guarded(broken), [])
    assert result.exit_code == 2
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    assert result.stderr.splitlines() == [
        "ltl-plan: error: cannot read báo\\x1b]0;owned\\x07cáo\\xff.xlsx",
        "  • sheet \\x1b[31mbáo\\x1b]0;owned\\x07cáo\\xff.xlsx",
    ]


def test_rich_markup_and_emoji_codes_in_a_message_are_printed_as_they_are() -> None:
    def broken() -> None:
        raise LtlPlanError("[/bold] :thumbs_up:", ["[link=http://x]Yên Sơn[/link] :smile:"])

    result = runner.invoke(_guarded(broken), [])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "ltl-plan: error: [/bold] :thumbs_up:",
        "  • [link=http://x]Yên Sơn[/link] :smile:",
    ]


@LINUX
def test_an_output_named_in_bytes_that_are_not_utf8_is_written(tmp_path: Path) -> None:
    from openpyxl import Workbook, load_workbook

    json_path = tmp_path / os.fsdecode(b"b\xe1o-c\xe1o.json")
    write_atomic(json_path, '{"file": "d\\u1eef li\\u1ec7u.csv"}\n')
    xlsx_path = tmp_path / os.fsdecode(b"b\xe1o-c\xe1o.xlsx")
    save_atomic(xlsx_path, Workbook().save)
    assert sorted(os.listdir(bytes(tmp_path))) == [b"b\xe1o-c\xe1o.json", b"b\xe1o-c\xe1o.xlsx"]
    assert json.loads(json_path.read_bytes()) == {"file": "dữ liệu.csv"}
    assert load_workbook(xlsx_path).active is not None


@LINUX
def test_text_that_carries_an_undecodable_name_is_written_as_utf8(tmp_path: Path) -> None:
    # A file name that is not UTF-8, in a JSON or Markdown document: valid UTF-8, and
    # valid JSON (the lone surrogate as \\udcNN), never UnicodeEncodeError.
    name = os.fsdecode(b"d\xe1ta.csv")
    path = tmp_path / "out.json"
    write_atomic(path, json.dumps({"file": name}, ensure_ascii=False))
    assert json.loads(path.read_bytes().decode("utf-8")) == {"file": name}


@LINUX
def test_a_failure_to_write_an_undecodable_name_prints_it_safely(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / os.fsdecode(b"b\xe1o\x1b[2J.json")

    def full(source: Any, target: Any) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "replace", full)
    result = runner.invoke(_guarded(lambda: write_atomic(path, "{}")), [])
    assert result.exit_code == 2
    shown = str(tmp_path / "b\\xe1o\\x1b[2J.json")
    assert result.stderr == f"ltl-plan: error: cannot write {shown}: the disk is full\n"


# --- 12.5: UTF-8 whatever the console's code page ---------------------------------------


def test_use_utf8_makes_standard_output_utf8(monkeypatch: pytest.MonkeyPatch) -> None:
    out = _Stdout(encoding="cp1258")
    monkeypatch.setattr(sys, "stdout", out)
    shell.use_utf8()
    print("Kế hoạch " + os.fsdecode(b"\xff"))
    assert out.bytes().decode("utf-8") == "Kế hoạch \\udcff\n"


@pytest.mark.parametrize("encoding", ["cp1258", "cp1252"])
@pytest.mark.parametrize("command", [["plans"], ["targets"]])
def test_a_console_code_page_still_gives_utf8(encoding: str, command: list[str]) -> None:
    done = subprocess.run(
        _python("-m", "ltl_plan", *command, "--lang", "vi"),
        capture_output=True,
        env=_env(PYTHONIOENCODING=encoding),
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    text = done.stdout.decode("utf-8")
    assert "Tuyên Quang" in text and "Kế hoạch" in text


# --- 12.6: tables drawn whole when standard output is not a terminal -------------------

FIGURES = ["1.824.467.123", "85,7%", "2.480.001", "123.456.789.012"]
LABELS = [
    "Chương trình giáo dục kỹ năng sống cho thanh thiếu niên tại thư viện công cộng",
    "Hoạt động học tập suốt đời trong bảo tàng và trung tâm văn hoá cấp huyện",
]


def _wide_table() -> Any:
    from rich.table import Table

    table = Table(title="Tiến độ")
    table.add_column("Chỉ tiêu", no_wrap=False)
    for n in range(len(FIGURES)):
        table.add_column(f"Năm {2022 + n}", justify="right", no_wrap=True)
    for label in LABELS:
        table.add_row(label, *FIGURES)
    return table


def _whole(text: str) -> None:
    assert "…" not in text
    lines = text.splitlines()
    for label in LABELS:
        row = [line for line in lines if label in line]
        assert len(row) == 1, text  # the label whole on one line
        assert all(figure in row[0] for figure in FIGURES), row[0]


@pytest.fixture()
def emitted(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[Path | None], str]]:
    import ltl_plan.outputs as outputs
    from ltl_plan.outputs import Format, Lang, View

    monkeypatch.setattr(
        outputs, "renderer_for", lambda fmt, view: lambda report, lang: _wide_table()
    )

    def emit(output: Path | None) -> str:
        out = _Stdout()
        with monkeypatch.context() as patch:
            patch.setattr(sys, "stdout", out)
            patch.delenv("COLUMNS", raising=False)
            patch.delenv("FORCE_TERMINAL", raising=False)
            result: Any = SimpleNamespace(report=None)
            shell.emit(result, Format.TABLE, Lang.VI, View.TREND, output)
        return out.bytes().decode("utf-8")

    yield emit


def test_a_table_piped_is_drawn_whole(emitted: Callable[[Path | None], str]) -> None:
    _whole(emitted(None))


def test_a_table_to_dash_or_to_a_file_is_drawn_whole(
    emitted: Callable[[Path | None], str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    _whole(emitted(Path("-")))
    assert _files(tmp_path) == []
    assert emitted(tmp_path / "t.txt") == ""
    _whole((tmp_path / "t.txt").read_text(encoding="utf-8"))


# --- End to end, through ltl-plan check (run when the checking modules can) ------------

TINY = "Mã đơn vị,Tên đơn vị,Năm,Loại hình\nA,Bảo tàng tỉnh,2024,Bảo tàng\n"


def _tiny(folder: Path) -> Path:
    path = folder / "tiny.csv"
    path.write_text(TINY, encoding="utf-8")
    return path


def _console_script(*args: str, **env: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        _python("-m", "ltl_plan", *args), capture_output=True, env=_env(**env), check=False
    )


@needs_check
@POSIX
def test_check_refuses_a_special_output_before_reading(tmp_path: Path) -> None:
    from ltl_plan.cli import app

    data = _tiny(tmp_path)
    (tmp_path / "null").symlink_to("/dev/null")
    os.mkfifo(tmp_path / "fifo")
    missing = str(tmp_path / "missing.csv")  # read first, it would be the error
    for target, kind in [("null", "a device"), ("fifo", "a named pipe (FIFO)")]:
        for option in ("-o", "--errors-xlsx"):
            args = ["check", str(data), missing, "-f", "json", option, str(tmp_path / target)]
            result = runner.invoke(app, args)
            assert result.exit_code == 2, result.output
            assert result.stderr.endswith(
                f"{tmp_path / target} is {kind}; ltl-plan writes its outputs only to regular "
                "files, or to standard output with -\n"
            )
    # A folder: Typer refuses it first (dir_okay=False), with the same exit code.
    result = runner.invoke(app, ["check", str(data), "-f", "json", "-o", str(tmp_path)])
    assert result.exit_code == 2 and "This is a bug" not in result.stderr
    assert (tmp_path / "null").is_symlink() and stat.S_ISFIFO(os.stat(tmp_path / "fifo").st_mode)


@needs_check
def test_check_refuses_two_outputs_on_one_file(tmp_path: Path) -> None:
    from ltl_plan.cli import app

    data = _tiny(tmp_path)
    x = tmp_path / "x.xlsx"
    result = runner.invoke(
        app, ["check", str(data), "-f", "json", "-o", str(x), "--errors-xlsx", str(x)]
    )
    assert result.exit_code == 2
    assert f"--output {x} and --errors-xlsx {x} are the same file" in result.stderr
    assert not x.exists()


@needs_check
def test_check_writes_json_to_dash(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    _tiny(tmp_path)
    done = _console_script("check", "tiny.csv", "-f", "json", "-o", "-")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["counts"]["used"] == 1
    assert _files(tmp_path) == ["tiny.csv"]


@needs_check
def test_check_json_with_a_console_code_page_is_utf8(tmp_path: Path) -> None:
    # 12.5: PYTHONIOENCODING=cp1258 ltl-plan check EXAMPLE -f json > o.json exits 0.
    example = EXAMPLES / "tuyen-quang-2022-2024.xlsx"
    for encoding in ("cp1258", "cp1252"):
        done = _console_script("check", str(example), "-f", "json", PYTHONIOENCODING=encoding)
        assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
        document = json.loads(done.stdout.decode("utf-8"))
        assert document["valid"] is True


@needs_check
def test_trend_piped_shows_every_figure_whole() -> None:
    # 12.6: ltl-plan trend EXAMPLE > t.txt contains every figure whole.
    example = str(EXAMPLES / "tuyen-quang-2022-2024.xlsx")
    document = json.loads(_console_script("check", example, "-f", "json").stdout)
    for lang in ("vi", "en"):
        done = _console_script("trend", example, "--lang", lang, COLUMNS="80")
        assert done.returncode == 0, done.stderr
        text = done.stdout.decode("utf-8")
        assert "…" not in text
        for indicator in document["indicators"]:
            assert indicator["short"][lang] in text, indicator["id"]


@needs_check
def test_check_reports_a_read_only_folder_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ltl_plan.cli import app

    data = _tiny(tmp_path)

    def read_only(*args: Any, **kwargs: Any) -> tuple[int, str]:
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(tempfile, "mkstemp", read_only)
    out = tmp_path / "out.json"
    result = runner.invoke(app, ["check", str(data), "-f", "json", "-o", str(out)])
    assert result.exit_code == 2
    assert result.stderr == f"ltl-plan: error: cannot write {out}: the folder is read-only " + (
        "(a read-only disk or share)\n"
    )


@needs_check
@POSIX
def test_sigterm_during_a_report_leaves_nothing_behind(tmp_path: Path) -> None:
    # 13.11 through the real report: a slow XlsxWriter close, then SIGTERM.
    script = textwrap.dedent(
        """
        import sys, time
        import xlsxwriter
        from ltl_plan import startup

        close = xlsxwriter.Workbook.close

        def slow_close(self):
            print("ready", flush=True)
            time.sleep(60)
            return close(self)

        xlsxwriter.Workbook.close = slow_close
        sys.argv = ["ltl-plan", *sys.argv[1:]]
        startup.main()
        """
    )
    out = tmp_path / "out"
    out.mkdir()
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    example = str(EXAMPLES / "tuyen-quang-2022-2024.xlsx")
    process = subprocess.Popen(
        _python("-c", script, "report", example, "-o", str(out / "report.xlsx")),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=_env(TMPDIR=str(scratch)),
    )
    try:
        assert process.stdout is not None
        assert process.stdout.readline() == b"ready\n"
        time.sleep(0.1)
        process.send_signal(signal.SIGTERM)
        _, err = process.communicate(timeout=30)
    finally:
        process.kill()
        process.wait()
    assert process.returncode == 143, err
    assert err.decode().endswith("ltl-plan: interrupted (SIGTERM)\n")
    assert _files(out) == [] and _files(scratch) == []
