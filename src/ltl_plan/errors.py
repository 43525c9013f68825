"""Exceptions for what stops a run. Problems in the data are not exceptions: they are
collected as :class:`ltl_plan.problems.Problem` records and reported all at once.

Also the two helpers every message that stops a run goes through: :func:`printable`
(a name a user controls, made safe to print) and :func:`os_reason` (a failure of the
machine, in words).
"""

from __future__ import annotations

import errno
import os
import re


class LtlPlanError(Exception):
    """Root of every error that stops ltl-plan; the CLI turns it into exit code 2."""

    def __init__(self, message: str, details: list[str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.details = list(details or [])


class TargetsError(LtlPlanError):
    """The targets file is missing, not YAML, or does not describe a valid plan."""


class InputError(LtlPlanError):
    """An input file cannot be read at all (missing, not a spreadsheet, corrupt, locked)."""


class UsageError(LtlPlanError):
    """An option does not fit the data (a year that is not in the files, say)."""


class OutputError(LtlPlanError, OSError):
    """An output cannot be written: no permission, a file open in Excel, a read-only
    folder, a full disk, a name too long. A failure of the machine, not of ltl-plan nor
    of the data. Also an :class:`OSError` (``errno`` is the cause's), so code that
    catches those around a write still does."""

    def __init__(self, message: str, cause: OSError | None = None) -> None:
        super().__init__(message)
        # Only errno: with a file name or strerror set, OSError.__str__ would print
        # them instead of the message.
        self.errno = cause.errno if cause is not None else None


class Terminated(KeyboardInterrupt):
    """SIGTERM or SIGHUP arrived: raised by the CLI's signal handler so that every
    ``finally`` and ``except BaseException`` clean-up runs, as it does for Ctrl-C."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


# What a terminal may act on: C0 controls (ESC starts colour, cursor and OSC title or
# hyperlink sequences; CR and BS overwrite what was printed; LF prints fake lines), DEL
# and C1 controls (CSI, OSC, ST as single characters); lone surrogates (a file name
# that is not UTF-8, decoded by os.fsdecode: printing one raises UnicodeEncodeError);
# and the invisible marks that reorder or hide text (bidirectional overrides and
# isolates, line and paragraph separators).
_UNPRINTABLE = re.compile(
    "[\x00-\x1f\x7f-\x9f\ud800-\udfff\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]"
)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # a byte of a non-UTF-8 name, as os.fsdecode kept it
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def printable(text: str) -> str:
    """``text`` safe to print on a terminal or to any UTF-8 stream: control characters,
    ESC, DEL, C1 controls and invisible reordering marks as ``\\xNN`` or ``\\uNNNN``, a
    byte of a non-UTF-8 file name as ``\\xNN``. Everything else, Vietnamese included,
    is left as it is (and so is a backslash: a Windows path stays readable)."""
    return _UNPRINTABLE.sub(_escape, text)


# Reasons in a user's words, by errno name (looked up by name: Windows lacks some).
_REASON_BY_NAME = {
    "EACCES": "permission denied",
    "EPERM": "permission denied",
    "EROFS": "the folder is read-only (a read-only disk or share)",
    "ENOSPC": "the disk is full",
    "EDQUOT": "the disk quota is used up",
    "ENAMETOOLONG": "the file name is too long",
    "EBUSY": "the file is busy (in use by another program)",
    "ETXTBSY": "the file is busy (in use by another program)",
    "EIO": "input/output error (a removed disk or an unreachable network share?)",
    "ENOENT": "no such file or folder",
    "ENOTDIR": "a part of the path is a file, not a folder",
    "EISDIR": "it is a folder",
    "ELOOP": "too many symbolic links (a loop?)",
    "EMFILE": "too many open files",
    "ENFILE": "too many open files",
    "EFBIG": "the file is too large for this disk",
    "ENOTSUP": "the disk does not support this",
    "EOPNOTSUPP": "the disk does not support this",
}
_REASONS = {
    getattr(errno, name): reason for name, reason in _REASON_BY_NAME.items() if hasattr(errno, name)
}
# Windows: ERROR_SHARING_VIOLATION and ERROR_LOCK_VIOLATION, a file another program
# (Excel) holds open.
_LOCKED = {32, 33}
LOCKED = "the file is open in another program (Excel?); close it and run again"


def os_reason(exc: OSError) -> str:
    """Why an operating-system call failed, in a few plain words."""
    if getattr(exc, "winerror", None) in _LOCKED:
        return LOCKED
    if exc.errno in _REASONS:
        return _REASONS[exc.errno]
    text = exc.strerror or " ".join(str(exc).split()) or type(exc).__name__
    return printable(text[:1].lower() + text[1:])


def os_error_message(exc: OSError) -> str:
    """A one-line message for an :class:`OSError` nobody turned into an
    :class:`LtlPlanError`: the file it names, when it names one, and the reason."""
    reason = os_reason(exc)
    if exc.filename is None:
        return reason
    name = os.fsdecode(exc.filename) if isinstance(exc.filename, bytes) else str(exc.filename)
    return f"{printable(name)}: {reason}"
