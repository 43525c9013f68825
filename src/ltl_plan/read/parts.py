"""The parts of a zipped workbook, found as calamine finds them: a part by name in any
case, a tag's attributes, a cell reference's column, and the part of each sheet by the
workbook's relationships. Shared by the cell counts (:mod:`.bounds`) and the error-cell
scan (:mod:`.errorcells`), so that both read the same part for a sheet. Imports nothing
heavy: it runs on the thread of the early parse."""

from __future__ import annotations

import re
import zipfile

from ltl_plan.read.files import MIB

# No workbook.xml or relationships part of a real workbook is this large.
_LARGEST_INDEX = 64 * MIB

_ATTRIBUTE = re.compile(rb"""([\w.:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_SHEET_TAG = re.compile(rb"<(?:[\w.-]+:)?sheet\b((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>")
_RELATIONSHIP_TAG = re.compile(rb"<(?:[\w.-]+:)?Relationship\b((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>")


def attributes(tag: bytes) -> dict[bytes, bytes]:
    """A tag's attributes, however they are quoted."""
    return {
        m.group(1): m.group(2) if m.group(2) is not None else m.group(3) or b""
        for m in _ATTRIBUTE.finditer(tag)
    }


def column_number(letters: bytes) -> int:
    """A column's number, 1-based, from its letters (either case, as calamine reads them):
    A = 1, XFD = 16,384."""
    number = 0
    for byte in letters:
        number = number * 26 + ((byte & 0xDF) - 64)
    return number


def find_member(archive: zipfile.ZipFile, name: str) -> zipfile.ZipInfo | None:
    """A part by name, ignoring case (as calamine finds it)."""
    name = name.lower()
    return next((i for i in archive.infolist() if i.filename.lower() == name), None)


def part_name(target: str | None) -> str | None:
    """A sheet's part in the archive, from its relationship's target (relative to xl/,
    or absolute); None when the relationship is missing."""
    if target is None:
        return None
    if target.startswith("/xl/"):
        return target[1:]
    return target if target.startswith("xl/") else f"xl/{target}"


def relationship_targets(archive: zipfile.ZipFile, rels: zipfile.ZipInfo) -> dict[str, str]:
    """Each relationship's target by its id (none from a part too large to be real)."""
    if rels.file_size > _LARGEST_INDEX:
        return {}
    targets = {}
    for match in _RELATIONSHIP_TAG.finditer(archive.read(rels)):
        attrs = attributes(match.group(1))
        if b"Id" in attrs and b"Target" in attrs:
            targets[attrs[b"Id"].decode("utf-8", "replace")] = attrs[b"Target"].decode(
                "utf-8", "replace"
            )
    return targets


def xlsx_sheet_parts(archive: zipfile.ZipFile) -> list[str | None]:
    """The part of each sheet of an .xlsx (None where it cannot be found), in workbook
    order: the order of calamine's sheet names, by the workbook's relationships, as
    calamine resolves them."""
    workbook = find_member(archive, "xl/workbook.xml")
    rels = find_member(archive, "xl/_rels/workbook.xml.rels")
    if workbook is None or rels is None or workbook.file_size > _LARGEST_INDEX:
        return []
    targets = relationship_targets(archive, rels)
    parts: list[str | None] = []
    for match in _SHEET_TAG.finditer(archive.read(workbook)):
        attrs = attributes(match.group(1))
        rel = attrs.get(b"r:id") or attrs.get(b"relationships:id") or b""
        parts.append(part_name(targets.get(rel.decode("utf-8", "replace"))))
    return parts
