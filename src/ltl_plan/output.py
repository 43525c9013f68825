"""Writing result files: atomically, and never over an input."""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from ltl_plan.errors import UsageError


def check_outputs(outputs: Mapping[str, Path], inputs: Iterable[Path]) -> None:
    """Refuse an output that is one of the inputs (or the same file under another name).
    ``outputs`` names each output by how the user gave it (an option: ``--out``)."""
    inputs = list(inputs)
    for option, output in outputs.items():
        target = output.resolve()
        for path in inputs:
            same = path.resolve() == target
            if not same and path.exists() and output.exists():
                same = os.path.samefile(path, output)
            if same:
                raise UsageError(
                    f"{option} {output} is one of the input files; ltl-plan never writes "
                    "over an input"
                )


def save_atomic(path: Path, save: Callable[[Path], object]) -> None:
    """Have ``save`` write a temporary file in the same folder, then move it into place,
    so a reader sees either the old file or the whole new one, never half of it."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise UsageError(f"{path}: folder {folder} does not exist")
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    os.close(handle)
    temporary = Path(name)
    try:
        save(temporary)
        # mkstemp makes the file readable by its owner only: give it the permissions a
        # file written in place would have, so a report others read stays readable.
        os.chmod(temporary, _permissions_for(path))
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


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


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` atomically."""
    save_atomic(path, lambda temporary: temporary.write_text(text, encoding="utf-8", newline="\n"))
