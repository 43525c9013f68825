"""Writing result files: atomically, never over an input, only to regular files or to
standard output (``-``).

Every output of a run is checked by :func:`check_outputs` before anything is read: a
device (``/dev/null``, ``/dev/stdout``), a folder, a named pipe or a symbolic link to one
of them is refused (replacing it would turn ``/dev/null`` into a file when run as root);
so are two outputs that are the same file, an output that is an input, and two outputs
on standard output. :func:`save_atomic` and :func:`write_atomic` then write through a
temporary file with a short name of its own (``.ltl-<random>.tmp``, whatever the
target's name) in the target's folder, removed on every failure and interruption, and
turn a failure of the machine (permission denied, a file open in Excel, a read-only
folder, a full disk, a name too long) into one plain :class:`OutputError`.
"""

from __future__ import annotations

import os
import stat
import sys
import tempfile
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from ltl_plan.errors import OutputError, UsageError, os_reason, printable

STDOUT = "-"
_PREFIX, _SUFFIX = ".ltl-", ".tmp"  # a temporary name: 17 characters, target's aside
# Where devices and the kernel's views live: never an output, whatever they point to
# (/dev/stdout is a link to /proc/self/fd/1, which may be a regular file).
_SYSTEM = ("/dev", "/proc", "/sys")
_WINDOWS_DEVICES = {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"} | {
    f"{name}{n}" for name in ("COM", "LPT") for n in "123456789"
}


def is_stdout(path: os.PathLike[str] | str) -> bool:
    """Whether ``path`` is ``-``, standard output."""
    return os.fspath(path) == STDOUT


def _shown(path: os.PathLike[str] | str) -> str:
    return printable(os.fspath(path))


def check_outputs(outputs: Mapping[str, Path], inputs: Iterable[Path]) -> None:
    """Refuse, before anything is read, an output that cannot or must not be written.

    ``outputs`` names each output by how the user gave it (an option: ``--output``).
    Refused: an output that is not a regular file (a device, a folder, a named pipe, a
    link to one of them) nor ``-``; one whose folder does not exist; two outputs that
    are the same file (under any spelling or link); an output that is one of the
    ``inputs`` (or the same file under another name); more than one output on ``-``.
    """
    given = [(option, Path(output)) for option, output in outputs.items()]
    on_stdout = [option for option, output in given if is_stdout(output)]
    if len(on_stdout) > 1:
        raise UsageError(
            f"{' and '.join(on_stdout)} are both - (standard output); only one output "
            "can go there: give the others a file name"
        )
    files = [(option, output) for option, output in given if not is_stdout(output)]
    for option, output in files:
        _check_target(output, option)
    for n, (option, output) in enumerate(files):
        for other_option, other in files[n + 1 :]:
            if _same_file(output, other):
                raise UsageError(
                    f"{option} {_shown(output)} and {other_option} {_shown(other)} are the "
                    "same file; give each output its own name"
                )
    sources = [path for path in map(Path, inputs) if not is_stdout(path)]
    for option, output in files:
        for path in sources:
            if _same_file(path, output):
                raise UsageError(
                    f"{option} {_shown(output)} is one of the input files; ltl-plan never "
                    "writes over an input"
                )


def _check_target(path: Path, option: str | None = None) -> None:
    """Refuse a target that is not a regular file (nor absent), or whose folder is
    missing."""
    named = f"{option} {_shown(path)}" if option else _shown(path)
    kind = _special_kind(path)
    if kind is not None:
        raise UsageError(
            f"{named} is {kind}; ltl-plan writes its outputs only to regular files, or "
            "to standard output with -"
        )
    folder = _folder(path)
    try:
        if not folder.is_dir():
            raise UsageError(f"{named}: the folder {_shown(folder)} does not exist")
    except OSError as exc:  # is_dir() lets ENAMETOOLONG and the like through
        raise OutputError(f"cannot write {named}: {os_reason(exc)}", exc) from None


def _special_kind(path: Path) -> str | None:
    """What ``path`` is when it is neither a regular file nor absent: "a device", "a
    folder", "a named pipe (FIFO)", "a socket", a system file; None otherwise."""
    written = _system_place(path, follow=False)
    if written is not None:  # /dev/stdout, whatever it points to now
        return "a device" if written == "/dev" else "a system file"
    if sys.platform == "win32" and path.name.split(".")[0].strip().upper() in _WINDOWS_DEVICES:
        return "a device"
    try:
        mode = path.stat().st_mode  # through links: a link to /dev/null is a device
    except FileNotFoundError:
        mode = None  # nothing there, or a dangling link: a new file replaces it
    except OSError as exc:
        raise OutputError(f"cannot write {_shown(path)}: {os_reason(exc)}", exc) from None
    if mode is None or stat.S_ISREG(mode):
        if _system_place(path, follow=True) is not None:
            return "a link to a device or a system file"
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a device"


def _system_place(path: Path, follow: bool) -> str | None:
    """The system folder (/dev, /proc or /sys; /dev/shm aside) ``path`` is in, as
    written or once its links are followed (POSIX); None when it is in none."""
    if os.name != "posix":
        return None
    try:
        place = os.path.realpath(path) if follow else os.path.abspath(path)
    except (OSError, ValueError):
        return None
    if _under(place, "/dev/shm"):  # shared memory: a folder of regular files like any other
        return None
    return next((top for top in _SYSTEM if _under(place, top)), None)


def _under(place: str, top: str) -> bool:
    return place == top or place.startswith(top + "/")


def _same_file(one: Path, other: Path) -> bool:
    """Whether two paths name the same file: the same once links and ``..`` are
    resolved, or (both existing) the same file on disk, hard links included."""
    try:
        if os.path.normcase(one.resolve()) == os.path.normcase(other.resolve()):
            return True
        return one.exists() and other.exists() and os.path.samefile(one, other)
    except (OSError, ValueError):
        return False


def _folder(path: Path) -> Path:
    return path.parent if str(path.parent) else Path(".")


def save_atomic(path: Path, save: Callable[[Path], object]) -> None:
    """Have ``save`` write a temporary file in the same folder, then move it into place,
    so a reader sees either the old file or the whole new one, never half of it.

    ``path`` ``-``: ``save`` writes a temporary file elsewhere, whose bytes then go to
    standard output (refused when that is a terminal: a workbook is not for a screen).
    The temporary file is removed on every failure, Ctrl-C and SIGTERM included; a
    failure of the machine raises :class:`OutputError`, one plain line.
    """
    if is_stdout(path):
        _save_to_stdout(save)
        return
    _check_target(path)
    folder = _folder(path)
    try:
        handle, name = tempfile.mkstemp(prefix=_PREFIX, suffix=_SUFFIX, dir=folder)
    except OSError as exc:
        raise _output_error(path, exc, creating=True) from exc
    os.close(handle)
    temporary = Path(name)
    try:
        save(temporary)
        # mkstemp makes the file readable by its owner only: give it the permissions a
        # file written in place would have, so a report others read stays readable.
        os.chmod(temporary, _permissions_for(path))
        os.replace(temporary, path)
    except BaseException as exc:
        temporary.unlink(missing_ok=True)
        cause = _os_error_in(exc)
        if cause is None:
            raise
        raise _output_error(path, cause) from exc


def _os_error_in(exc: BaseException) -> OSError | None:
    """The :class:`OSError` behind a failure to save, if one is: the failure itself, or
    the error a writer wrapped (XlsxWriter raises FileCreateError from the OSError)."""
    seen: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and len(seen) < 8 and not isinstance(current, OutputError):
        if isinstance(current, OSError):
            return current
        if not isinstance(current, Exception):
            return None  # Ctrl-C, SIGTERM, exit: not a failure of the machine
        seen.append(current)
        wrapped = [arg for arg in current.args if isinstance(arg, OSError)]
        current = wrapped[0] if wrapped else current.__cause__ or current.__context__
        if current in seen:
            return None
    return None


def _output_error(path: Path | str, exc: OSError, creating: bool = False) -> OutputError:
    """A failure to write ``path``, in words: the folder's fault when the temporary
    file could not even be created."""
    reason = os_reason(exc)
    if reason == "permission denied":
        if creating:
            folder = _shown(_folder(Path(path)))
            reason = f"permission denied: you cannot write in the folder {folder}"
        elif Path(path).exists():
            reason = "permission denied (is it open in Excel? close it and run again)"
    shown = "standard output" if is_stdout(path) else _shown(path)
    return OutputError(f"cannot write {shown}: {reason}", exc)


def _save_to_stdout(save: Callable[[Path], object]) -> None:
    """``save`` into a temporary file, then its bytes to standard output."""
    stream = sys.stdout
    buffer = getattr(stream, "buffer", None)
    if buffer is None:
        raise UsageError("standard output takes no binary data here; give a file name")
    if stream.isatty():
        raise UsageError(
            "a workbook is not for a terminal: redirect standard output to a file "
            "(> report.xlsx), or give a file name instead of -"
        )
    try:
        handle, name = tempfile.mkstemp(prefix=_PREFIX, suffix=_SUFFIX)
    except OSError as exc:
        raise _output_error(STDOUT, exc) from exc
    os.close(handle)
    temporary = Path(name)
    try:
        save(temporary)
        data = temporary.read_bytes()
    except Exception as exc:
        cause = _os_error_in(exc)
        if cause is None:
            raise
        raise _output_error(STDOUT, cause) from exc
    finally:
        temporary.unlink(missing_ok=True)
    stream.flush()
    buffer.write(data)
    buffer.flush()


def _permissions_for(path: Path) -> int:
    """Those of the file ``path`` replaces, else those ``open()`` would give a new one
    (0o666 less the umask)."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        return 0o666 & ~_umask()


def _umask() -> int:
    """The process's umask: read where Linux shows it, else set and put back at once."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def utf8(text: str) -> bytes:
    """``text`` as UTF-8; a lone surrogate (a non-UTF-8 file name, kept by os.fsdecode)
    as ``\\udcNN``, so the bytes are always valid UTF-8 and JSON stays JSON."""
    return text.encode("utf-8", "backslashreplace")


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8, newlines as given) to ``path`` atomically, or to standard
    output when ``path`` is ``-``."""
    data = utf8(text)
    if not is_stdout(path):
        save_atomic(path, lambda temporary: temporary.write_bytes(data))
        return
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:  # a text-only stream (io.StringIO, in a test)
        sys.stdout.write(data.decode("utf-8"))
        return
    sys.stdout.flush()
    buffer.write(data)
    buffer.flush()
