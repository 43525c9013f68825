"""The error cells of an .xlsx sheet (#REF!, #DIV/0!), which calamine reads as blank,
and its formulas that have no cached value (a workbook written by a program that does not
calculate, such as openpyxl): found in the sheet's XML, so that validation can report them.

The sheet's XML is streamed, a piece at a time, and only the cells that need a look are
parsed: those whose type attribute is ``e`` (in any attribute order, either quote, with
or without a namespace prefix on the element), and those whose formula is followed by no
value or an empty one. A sheet with neither costs two substring searches of each piece
(for ``"e"`` and ``<f``; and ``'e'`` or ``:f`` too when its start shows single-quoted
attributes or prefixed elements).

What is returned maps a cell's 0-based (row, column) to the text the reader puts in the
cell instead of calamine's blank: the error value as Excel shows it ("#REF!"), or
:data:`NO_CACHED_VALUE` for a formula whose value was never calculated (``<f>`` with no
``<v>``, or an empty one, unless the type is ``str``: an empty string is a value). The
reader puts these texts into the cells (growing the area calamine read when one lies
beyond it), and validation maps the text to a problem: an Excel error value is a
``formula-error``; :data:`NO_CACHED_VALUE` means "a formula without a cached value" (open
the file in Excel and save it again).
"""

from __future__ import annotations

import html
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from ltl_plan.read.files import MIB, ZIP_ERRORS, open_source
from ltl_plan.read.parts import attributes, column_number, find_member, xlsx_sheet_parts

NO_CACHED_VALUE = "#NO-VALUE"  # a formula whose value was never calculated

_CHUNK = 4 * MIB
_WINDOW = 8192  # how far before a formula its cell's start tag is looked for

# A type attribute of "e", however it is quoted and spaced.
_ERROR_TYPE = re.compile(rb"""t\s*=\s*["']e["']""")
# A formula followed by no value, or by an empty one: the end of its cell, <v/> or <v></v>.
_NO_VALUE = re.compile(
    rb"<(?:[\w.-]+:)?f\b(?:[^>\"']|\"[^\"]*\"|'[^']*')*"
    rb"(?:/>|>[^<]*</(?:[\w.-]+:)?f\s*>)\s*"
    rb"(?:</(?:[\w.-]+:)?c\s*>|<(?:[\w.-]+:)?v\b[^>]*(?:/>|>\s*</(?:[\w.-]+:)?v\s*>))"
)
_CELL_START = re.compile(rb"<((?:[\w.-]+:)?)c((?:\s(?:[^>\"']|\"[^\"]*\"|'[^']*')*)?)(/?)>")
_REFERENCE = re.compile(rb"([A-Za-z]{1,3})([0-9]{1,7})")


def _position(reference: bytes) -> tuple[int, int] | None:
    match = _REFERENCE.fullmatch(reference)
    if match is None:
        return None
    return int(match.group(2)) - 1, column_number(match.group(1)) - 1


def _last_cell_start(data: bytes) -> int:
    """Where the last cell start tag in ``data`` begins (-1: none). Searched from the
    end, and the rarer forms (``<c>``, ``<x:c ``) only after the usual one."""
    last = data.rfind(b"<c ")
    bare = data.rfind(b"<c>", max(last, 0))
    prefixed = data.rfind(b":c ", max(last, bare, 0))
    if prefixed > max(last, bare):
        return data.rfind(b"<", 0, prefixed)
    return max(last, bare)


def cell_pieces(stream: IO[bytes], size: int = _CHUNK) -> Iterator[bytes]:
    """The part in pieces of about ``size`` bytes, each ending just before the last cell
    start in it, so that every cell (and every tag) is whole in one piece (a part of
    one chunk or less is one piece)."""
    carry, chunk = b"", stream.read(size)
    while chunk:
        following = stream.read(size)
        data = carry + chunk
        if not following:
            yield data
            return
        end = _last_cell_start(data)
        if end <= 0:
            carry = b"" if len(data) > 2 * size else data
            if not carry:
                yield data
        else:
            yield data[:end]
            carry = data[end:]
        chunk = following
    if carry:
        yield carry


def _cell(
    piece: bytes, marker: int, in_tag: bool, prefixed: bool
) -> tuple[tuple[int, int], dict[bytes, bytes], bytes] | None:
    """The cell a marker lies in (in its start tag, or in its content): its position,
    attributes and content; None when the marker is in no cell with a reference. Found
    by searching back from the marker, so each costs about the length of its cell."""
    if in_tag:
        at = piece.rfind(b"<", 0, marker)
    else:
        window = max(0, marker - _WINDOW)
        at = max(piece.rfind(b"<c ", window, marker), piece.rfind(b"<c>", window, marker))
        if prefixed:
            named = piece.rfind(b":c ", max(at, window), marker)
            if named > at:
                at = piece.rfind(b"<", 0, named)
    start = _CELL_START.match(piece, at) if at >= 0 else None
    if start is None or (in_tag and start.end() <= marker):
        return None
    attrs = attributes(start.group(2))
    position = _position(attrs.get(b"r", b""))
    if position is None:
        return None
    if start.group(3):  # <c .../>: no content
        return (position, attrs, b"") if in_tag else None
    end = re.compile(b"</" + re.escape(start.group(1)) + rb"c\s*>").search(piece, start.end())
    if end is None or end.start() < marker:
        return None
    return position, attrs, piece[start.end() : end.start()]


_VALUE = re.compile(rb"<(?:[\w.-]+:)?v\b[^>]*?(/?)>(?:([^<]*)</(?:[\w.-]+:)?v\s*>)?")
_FORMULA = re.compile(rb"<(?:[\w.-]+:)?f\b")
_ANY_FORMULA = re.compile(rb"<f")  # faster than bytes.find here: '<' is everywhere


def _scan(
    piece: bytes, found: dict[tuple[int, int], str], errors: tuple[bytes, ...], prefixed: bool
) -> None:
    """Find the cells of one piece. ``errors``: the attribute value "e" as the sheet's
    attributes quote it; ``prefixed``: whether its elements have a namespace prefix."""
    markers: list[tuple[int, bool]] = []  # where, and whether in a start tag
    if any(error in piece for error in errors):  # the value of t="e", however spaced
        markers.extend((m.start(), True) for m in _ERROR_TYPE.finditer(piece))
    if _ANY_FORMULA.search(piece) or (prefixed and b":f" in piece):
        markers.extend((m.start(), False) for m in _NO_VALUE.finditer(piece))
    for marker, in_tag in markers:
        cell = _cell(piece, marker, in_tag, prefixed)
        if cell is None:
            continue
        position, attrs, content = cell
        kind = attrs.get(b"t")
        value = _VALUE.search(content)
        text = value.group(2) if value is not None and not value.group(1) else None
        if kind == b"e":
            found[position] = (
                html.unescape(text.decode("utf-8", "replace")) if text else NO_CACHED_VALUE
            )
        elif _FORMULA.search(content) and not text:
            if kind == b"str" and value is not None:
                continue  # a formula whose value is the empty string
            if kind == b"inlineStr" or b"<is" in content or b":is" in content:
                continue
            found[position] = NO_CACHED_VALUE


def sheet_part(archive: zipfile.ZipFile, sheet_index: int) -> str | None:
    """The part of sheet ``sheet_index`` (in workbook order), as calamine resolves it."""
    parts = xlsx_sheet_parts(archive)
    part = parts[sheet_index] if sheet_index < len(parts) else None
    member = find_member(archive, part) if part is not None else None
    return member.filename if member is not None else None


class ErrorCells:
    """The error cells of one sheet, found a piece at a time (pieces from
    :func:`cell_pieces`): ``found`` maps (row, col) to the text for the cell;
    ``complete`` is set by whoever fed it every piece."""

    def __init__(self) -> None:
        self.found: dict[tuple[int, int], str] = {}
        self.complete = False
        self._errors: tuple[bytes, ...] = (b'"e"',)
        self._prefixed = False
        self._started = False

    def feed(self, piece: bytes) -> None:
        if not self._started:  # how the sheet is written, from its start
            self._started = True
            if b"='" in piece or b"= '" in piece:
                self._errors = (b'"e"', b"'e'")
            self._prefixed = b":c " in piece or b":c>" in piece or b":worksheet" in piece
        _scan(piece, self.found, self._errors, self._prefixed)


def xlsx_error_cells(path: Path, sheet_index: int) -> dict[tuple[int, int], str]:
    """Cells of an .xlsx sheet that hold an error value, or a formula without a cached
    value (:data:`NO_CACHED_VALUE`), keyed by 0-based (row, col)."""
    cells = ErrorCells()
    try:
        with open_source(path) as handle, zipfile.ZipFile(handle) as archive:
            name = sheet_part(archive, sheet_index)
            if name is None:
                return {}
            with archive.open(name) as stream:
                for piece in cell_pieces(stream):
                    cells.feed(piece)
    except ZIP_ERRORS:
        return cells.found
    return cells.found
