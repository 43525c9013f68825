"""The error cells of an .xlsx sheet (#REF!, #DIV/0!), which calamine reads as blank:
found in the sheet's XML, so that validation can report them as formula errors."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from ltl_plan.read.files import MIB

_ERROR_CELL = re.compile(
    rb'<c r="([A-Z]+)([0-9]+)"[^>]*?t="e"[^>]*>(?:<f[^<]*(?:</f>)?)?<v>([^<]*)</v>'
)


def _letters_to_index(letters: bytes) -> int:
    index = 0
    for byte in letters:
        index = index * 26 + (byte - 64)
    return index - 1


def xlsx_error_cells(path: Path, sheet_index: int) -> dict[tuple[int, int], str]:
    """Cells of an .xlsx sheet that hold an error value, keyed by 0-based (row, col)."""
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            workbook = archive.read("xl/workbook.xml")
            rels = archive.read("xl/_rels/workbook.xml.rels")
            ids = re.findall(rb"<(?:\w+:)?sheet\b[^>]*?r:id=\"([^\"]+)\"", workbook)
            if sheet_index >= len(ids):
                return {}
            target = re.search(
                rb'<Relationship\b[^>]*Id="'
                + re.escape(ids[sheet_index])
                + rb'"[^>]*Target="([^"]+)"',
                rels,
            ) or re.search(
                rb'<Relationship\b[^>]*Target="([^"]+)"[^>]*Id="'
                + re.escape(ids[sheet_index])
                + rb'"',
                rels,
            )
            if target is None:
                return {}
            name = target.group(1).decode().lstrip("/")
            name = name if name.startswith("xl/") else f"xl/{name}"
            if name not in names:
                return {}
            found: dict[tuple[int, int], str] = {}
            tail = b""
            with archive.open(name) as stream:
                while chunk := stream.read(4 * MIB):
                    data = tail + chunk
                    if b't="e"' in data:
                        for match in _ERROR_CELL.finditer(data):
                            row, col = int(match.group(2)) - 1, _letters_to_index(match.group(1))
                            found[(row, col)] = match.group(3).decode(errors="replace")
                    tail = data[-512:]
            return found
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        return {}
