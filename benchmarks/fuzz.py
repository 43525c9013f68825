"""Seeded mutation fuzzer for ``ltl-plan check``: no input may crash it.

    python benchmarks/fuzz.py                        # 2,000 mutants over xlsx, xls, ods, csv
    python benchmarks/fuzz.py --mutants 200 --families xlsx,csv --seed 7
    python benchmarks/fuzz.py --seed 76 --only xlsx-00042   # one mutant again

Seeds are small valid submissions, made afresh in ``OUT/seeds`` on every run: the
institution table of ``generate.py`` (36 rows) as xlsx (XlsxWriter: shared strings;
openpyxl: inline strings), ods (written here, with repeated rows and columns as
LibreOffice writes them) and csv; ``examples/*.xlsx``; the example as csv (UTF-8 with a
byte-order mark and semicolons, UTF-16 with tabs, Windows-1258); with LibreOffice
(``soffice``) installed, the generated table and the example converted to .xls and .ods;
and the .xls files of calamine's test corpus (``../shared/peers/calamine``). Without
either, the xls family is skipped with a note.

Each mutant is one seed changed by one or two mutations, chosen by a generator seeded with
``SEED:FAMILY:INDEX`` (so one mutant can be made again alone, ``--only``): bit flips,
bytes overwritten with boundary values (0x00, 0xff, 0x7f, digits, 16- and 32-bit extremes),
chunks deleted, duplicated or inserted, truncation; for CSV also broken quotes, rows of
very many fields, long fields, stray bytes, other line ends and byte-order marks; for the
zipped formats (xlsx, ods) the XML members are changed and zipped again, so that the XML
parser is reached and not only the zip checksum: cell references, dimensions, counts and
``number-rows-repeated`` made huge, a cell at XFD1048576, closing tags removed, control
characters and entities inserted, cell types and texts replaced, elements repeated, and
members dropped, renamed, doubled or padded.

Every mutant (and every seed, unchanged) runs as ``ltl-plan check MUTANT -f json -o
OUT.json`` in a process of its own, in its own folder, with a timeout (``--timeout``,
20 s) and an address-space limit (``--memory-gb``, 3), ``--jobs`` at a time. Outcomes:

- fine: exit 0, 1 or 2, nothing below;
- traceback: "Traceback (most recent call last)" on stderr;
- bug: "internal error" or "This is a bug" on stderr (the mutant runs again with
  ``--debug`` to get the traceback);
- signal: killed by a signal (a negative return code; e.g. SIGABRT after a failed
  allocation in Rust);
- hang: still running at the timeout (killed);
- bad exit: any other exit code;
- input changed: the mutant's bytes differ after the run;
- bad output: exit 0 or 1 without a JSON document in the output file;
- left files: files other than the input and the output left in their folders.

Prints a Markdown table per family (mutants, clean exits 0/1/2, each failure kind, the
slowest run and the largest peak memory) and one row per failure signature (exception
type and last frame, Rust panic location or signal) with an example. Every failing mutant
is saved to ``OUT/failures/ID/`` with its stderr and ``info.json`` (seed file, mutation,
command); ``OUT/results.jsonl`` has every run, ``OUT/summary.md`` the tables. Exits 1
when any run failed.
"""

from __future__ import annotations

import argparse
import codecs
import contextlib
import csv
import hashlib
import io
import json
import os
import random
import re
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import warnings
import zipfile
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from generate import HEADERS, SHEET, Spec, rows, write_csv, write_xlsx

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
EXAMPLES = ROOT / "examples"
PEERS = ROOT.parent / "shared" / "peers" / "calamine"
OUT = HERE / "data" / "fuzz"
FAMILIES: tuple[str, ...] = ("xlsx", "xls", "ods", "csv")
TIMEOUT = 20.0
MEMORY_GB = 3.0
TRACEBACK = "Traceback (most recent call last)"
FINE_EXITS = (0, 1, 2)
# Outcome kinds, in the order the tables show them; "ok" is a fine run.
FAILURES: tuple[str, ...] = (
    "traceback",
    "bug",
    "signal",
    "hang",
    "bad-exit",
    "input-changed",
    "bad-output",
    "left-files",
)
MAX_GROWTH = 8 * 2**20  # a byte mutation adds at most this much


# -- seeds -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Seed:
    family: str
    name: str  # file name, unique within the family
    data: bytes
    origin: str  # how it was made
    peer: bool = False  # from calamine's corpus (not an institution table)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


def _table() -> list[list[str | int | None]]:
    """The generated institution table (header first): 36 rows over 3 years, no blanks."""
    spec = Spec(rows=36, years=3, seed=5, blank_rate=0.0)
    return [list(HEADERS), *rows(spec)]


def ods_bytes(sheet: str, table: Sequence[Sequence[object]]) -> bytes:
    """A minimal OpenDocument spreadsheet of ``table`` (None: a blank cell), with blank
    runs as ``number-columns-repeated`` and blank rows below as ``number-rows-repeated``,
    as LibreOffice writes them. Byte-for-byte the same for the same table."""
    width = max((len(row) for row in table), default=1)
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        ' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
        ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        f"<office:body><office:spreadsheet><table:table table:name={quoteattr(sheet)}>"
        f'<table:table-column table:number-columns-repeated="{width}"/>'
    ]
    for row in table:
        out.append("<table:table-row>")
        blanks = 0
        for value in row:
            if value is None or value == "":
                blanks += 1
                continue
            if blanks:
                out.append(_ods_blanks(blanks))
                blanks = 0
            if isinstance(value, int | float):
                out.append(
                    f'<table:table-cell office:value-type="float" office:value="{value}">'
                    f"<text:p>{value}</text:p></table:table-cell>"
                )
            else:
                out.append(
                    '<table:table-cell office:value-type="string">'
                    f"<text:p>{escape(str(value))}</text:p></table:table-cell>"
                )
        if blanks:
            out.append(_ods_blanks(blanks))
        out.append("</table:table-row>")
    out.append(
        '<table:table-row table:number-rows-repeated="3">'
        f"{_ods_blanks(width)}</table:table-row>"
        "</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"'
        ' manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/"'
        ' manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    members = [
        ("mimetype", b"application/vnd.oasis.opendocument.spreadsheet", zipfile.ZIP_STORED),
        ("META-INF/manifest.xml", manifest.encode(), zipfile.ZIP_DEFLATED),
        ("content.xml", "".join(out).encode(), zipfile.ZIP_DEFLATED),
    ]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data, method in members:
            info = zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0))
            info.compress_type = method
            archive.writestr(info, data)
    return buffer.getvalue()


def reproducible(workbook: Path) -> bytes:
    """A workbook written by XlsxWriter or openpyxl made the same bytes for the same
    cells: its creation and change dates, and its members' dates, fixed."""
    members = []
    for info, data in unzip(workbook.read_bytes()):
        if info.filename == "docProps/core.xml":
            data = re.sub(
                rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)",
                rb"\g<1>2024-01-01T00:00:00Z\g<3>",
                data,
            )
        fixed = zipfile.ZipInfo(info.filename, (1980, 1, 1, 0, 0, 0))
        fixed.compress_type = info.compress_type
        fixed.external_attr = info.external_attr
        members.append((fixed, data))
    data = rezip(members)
    workbook.write_bytes(data)
    return data


def _ods_blanks(count: int) -> str:
    repeat = f' table:number-columns-repeated="{count}"' if count > 1 else ""
    return f"<table:table-cell{repeat}/>"


def _sheet_rows(path: Path) -> list[list[object]]:
    """The first sheet of a workbook, whole numbers as int, blanks as None."""
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_path(str(path))
    cells = book.get_sheet_by_index(0).to_python(skip_empty_area=False)
    return [
        [
            None
            if value == ""
            else int(value)
            if isinstance(value, float) and value.is_integer()
            else value
            for value in row
        ]
        for row in cells
    ]


def _csv_bytes(table: Sequence[Sequence[object]], encoding: str, delimiter: str) -> bytes:
    text = io.StringIO(newline="")
    writer = csv.writer(text, delimiter=delimiter, lineterminator="\r\n")
    writer.writerows([["" if v is None else v for v in row] for row in table])
    return text.getvalue().encode(encoding, errors="replace")


def soffice_path() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def _convert(soffice: str, sources: Sequence[Path], fmt: str, work: Path) -> list[Path]:
    """``sources`` converted by LibreOffice to ``fmt`` (a private profile, so that it runs
    beside other LibreOffice processes); the files it could convert. A conversion already
    in ``work`` from the same source is kept (LibreOffice's bytes differ from one run to
    the next; kept, the mutants of a seed are the same in every run, as ``--only``
    needs)."""
    outdir = work / f"soffice-{fmt}"
    outdir.mkdir(parents=True, exist_ok=True)

    def stamp(source: Path) -> Path:
        return outdir / f"{source.stem}.{fmt}.source-sha256"

    def converted(source: Path) -> Path:
        return outdir / f"{source.stem}.{fmt}"

    def digest(source: Path) -> str:
        return hashlib.sha256(source.read_bytes()).hexdigest()

    missing = [
        source
        for source in sources
        if not converted(source).is_file()
        or not stamp(source).is_file()
        or stamp(source).read_text(encoding="ascii") != digest(source)
    ]
    if missing:
        profile = work / "soffice-profile"
        command = [soffice, f"-env:UserInstallation={profile.resolve().as_uri()}", "--headless"]
        command += ["--convert-to", fmt, "--outdir", str(outdir), *map(str, missing)]
        try:
            subprocess.run(command, capture_output=True, timeout=180, check=False)
        except (OSError, subprocess.TimeoutExpired) as exc:
            note(f"note: LibreOffice could not convert to {fmt}: {exc}")
        for source in missing:
            if converted(source).is_file():
                stamp(source).write_text(digest(source), encoding="ascii")
    found = [converted(source) for source in sources]
    return [path for path in found if path.is_file() and path.stat().st_size > 0]


def build_seeds(
    work: Path,
    families: Sequence[str] = FAMILIES,
    peers: Path | None = PEERS,
    soffice: str | None = None,
    use_soffice: bool = True,
) -> dict[str, list[Seed]]:
    """The seeds of each family (made in ``work``). A family with no seed is left out."""
    work.mkdir(parents=True, exist_ok=True)
    seeds: dict[str, list[Seed]] = {family: [] for family in families}
    table = _table()
    example = EXAMPLES / "tuyen-quang-2022-2024.xlsx"
    generated = work / "generated.xlsx"
    write_xlsx(generated, [(SHEET, table)], "xlsxwriter")
    data = reproducible(generated)
    if "xlsx" in families:
        inline = work / "generated-inline.xlsx"
        write_xlsx(inline, [(SHEET, table)], "openpyxl")
        seeds["xlsx"] += [
            Seed("xlsx", "generated.xlsx", data, "generate.py, XlsxWriter"),
            Seed("xlsx", "generated-inline.xlsx", reproducible(inline), "generate.py, openpyxl"),
        ]
        for path in sorted(EXAMPLES.glob("*.xlsx")):
            seeds["xlsx"].append(
                Seed("xlsx", path.name, path.read_bytes(), f"examples/{path.name}")
            )
    if "csv" in families:
        plain = work / "generated.csv"
        write_csv(plain, table[1:])
        seeds["csv"].append(Seed("csv", "generated.csv", plain.read_bytes(), "generate.py"))
        if example.is_file():
            cells = _sheet_rows(example)
            short = cells[:41]
            for name, data, origin in (
                ("example-bom-semicolon.csv", _csv_bytes(cells, "utf-8-sig", ";"), "UTF-8 BOM, ;"),
                ("example-utf16-tab.csv", _csv_bytes(short, "utf-16", "\t"), "UTF-16, tab"),
                ("example-cp1258.csv", _csv_bytes(short, "cp1258", ","), "Windows-1258, ,"),
            ):
                seeds["csv"].append(Seed("csv", name, data, f"{example.name} as {origin}"))
    if "ods" in families:
        data = ods_bytes(SHEET, table)
        seeds["ods"].append(Seed("ods", "generated.ods", data, "generate.py, written here"))
    soffice = soffice or (soffice_path() if use_soffice else None)
    sources = [generated, *([example] if example.is_file() else [])]
    if soffice is not None:
        for fmt in ("xls", "ods"):
            if fmt in families:
                for path in _convert(soffice, sources, fmt, work):
                    name = f"{path.stem}-soffice.{fmt}"
                    seeds[fmt].append(Seed(fmt, name, path.read_bytes(), "LibreOffice"))
    elif "xls" in families:
        note("note: no LibreOffice (soffice): no institution table as .xls")
    if "xls" in families:
        if peers is not None and peers.is_dir():
            for path in sorted(peers.glob("*.xls")):
                origin = f"calamine corpus {path.name}"
                seeds["xls"].append(Seed("xls", path.name, path.read_bytes(), origin, peer=True))
        else:
            note(f"note: {peers} is not present: no calamine .xls files")
    for family in list(seeds):
        if not seeds[family]:
            note(f"note: no seed for {family}: the family is skipped")
            del seeds[family]
    return seeds


# -- mutations ---------------------------------------------------------------------------

Mutated = tuple[bytes, str]  # the bytes and a description of what was done

INTERESTING_BYTES = (b"\x00", b"\xff", b"\x7f", b"\x80", b"\x01", b"0", b"9", b"-", b"\n", b'"')
INTERESTING_WORDS = (
    b"\x00\x00",
    b"\xff\xff",
    b"\xff\x7f",
    b"\x00\x80",
    b"\xff\xff\xff\xff",
    b"\xff\xff\xff\x7f",
    b"\x00\x00\x00\x80",
    b"\x00\x00\x00\x00",
    b"\x00\x10\x00\x00",
    b"99999999",
)


def _position(rng: random.Random, data: bytes | bytearray, end: bool = False) -> int:
    return rng.randint(0, len(data)) if end or not data else rng.randrange(len(data))


def bit_flip(rng: random.Random, data: bytes) -> Mutated:
    if not data:
        return b"\x01", "bitflip of empty"
    out = bytearray(data)
    count = rng.choice((1, 1, 2, 4, 8, 32))
    where = [_position(rng, data) for _ in range(count)]
    for at in where:
        out[at] ^= 1 << rng.randrange(8)
    return bytes(out), f"bitflip x{count} at {where[:4]}"


def interesting(rng: random.Random, data: bytes) -> Mutated:
    out = bytearray(data)
    count = rng.choice((1, 1, 2, 4))
    done = []
    for _ in range(count):
        value = rng.choice(INTERESTING_BYTES if rng.random() < 0.5 else INTERESTING_WORDS)
        at = _position(rng, out)
        out[at : at + len(value)] = value
        done.append(f"{value!r}@{at}")
    return bytes(out), "overwrite " + " ".join(done)


def delete_chunk(rng: random.Random, data: bytes) -> Mutated:
    at = _position(rng, data)
    size = rng.choice((1, 4, 16, 256, 4096))
    return data[:at] + data[at + size :], f"delete {size} at {at}"


def duplicate_chunk(rng: random.Random, data: bytes) -> Mutated:
    at = _position(rng, data)
    size = rng.choice((1, 16, 256, 4096))
    chunk = data[at : at + size] or b"\x00"
    times = rng.choice((1, 1, 2, 16, 1000))
    times = max(1, min(times, MAX_GROWTH // len(chunk)))
    to = _position(rng, data, end=True)
    return data[:to] + chunk * times + data[to:], f"duplicate {len(chunk)}@{at} x{times} to {to}"


def insert_chunk(rng: random.Random, data: bytes) -> Mutated:
    to = _position(rng, data, end=True)
    if rng.random() < 0.5:
        chunk = rng.randbytes(rng.choice((1, 8, 64, 1024)))
        what = f"{len(chunk)} random bytes"
    else:
        value = rng.choice(INTERESTING_BYTES + INTERESTING_WORDS)
        times = rng.choice((1, 8, 1024))
        chunk, what = value * times, f"{value!r}x{times}"
    return data[:to] + chunk + data[to:], f"insert {what} at {to}"


def truncate(rng: random.Random, data: bytes) -> Mutated:
    roll = rng.random()
    if roll < 0.3 and len(data) > 512:
        at = rng.randrange(1, len(data) // 512 + 1) * 512  # a sector boundary (xls)
    elif roll < 0.5:
        at = max(0, len(data) - rng.randint(1, 200))  # into the zip's central directory
    else:
        at = _position(rng, data)
    return data[:at], f"truncate to {at} of {len(data)}"


BYTE_MUTATIONS: tuple[Callable[[random.Random, bytes], Mutated], ...] = (
    bit_flip,
    bit_flip,
    interesting,
    interesting,
    delete_chunk,
    duplicate_chunk,
    insert_chunk,
    truncate,
)


def byte_mutation(rng: random.Random, data: bytes) -> Mutated:
    return rng.choice(BYTE_MUTATIONS)(rng, data)


# CSV: text-level changes (on the bytes, whatever the encoding).

CSV_VALUES = (
    b"99999999999999999999999",
    b"-1",
    b"1e309",
    b"NaN",
    b"2023.5",
    b"0x10",
    "١٢٣".encode(),
    "２０２４".encode(),
    b"=1+1",
    b"[/bold]",
    b"\x1b]0;title\x07",
    b"",
)


def csv_mutation(rng: random.Random, data: bytes) -> Mutated:
    kind = rng.choice(
        (
            "quote",
            "fields",
            "long-field",
            "lines",
            "control",
            "stray-byte",
            "line-ends",
            "bom",
            "value",
            "header",
        )
    )
    lines = data.split(b"\n")
    if kind == "quote":
        at = _position(rng, data, end=True)
        return data[:at] + b'"' + data[at:], f"csv unterminated quote at {at}"
    if kind == "fields":
        count = rng.choice((100, 10_000, 100_000, 300_000, 1_000_000))
        row = rng.randrange(len(lines))
        sep = rng.choice((b",", b";", b"\t"))
        lines[row] = lines[row].rstrip(b"\r") + sep * count
        return b"\n".join(lines), f"csv row {row} + {count} fields ({sep!r})"
    if kind == "long-field":
        size = rng.choice((10_000, 1_000_000, 5_000_000))
        at = _position(rng, data, end=True)
        return data[:at] + b"9" * size + data[at:], f"csv field of {size} bytes at {at}"
    if kind == "lines":
        row = rng.randrange(len(lines))
        times = rng.choice((2, 1000, 50_000))
        times = max(1, min(times, MAX_GROWTH // (len(lines[row]) + 1)))
        lines[row : row + 1] = [lines[row]] * times
        return b"\n".join(lines), f"csv line {row} x{times}"
    if kind == "control":
        value = rng.choice((b"\x00", b"\x01", b"\x0b", b"\x1e", b"\x1b[2J", b"\x7f", b"\r"))
        at = _position(rng, data, end=True)
        return data[:at] + value + data[at:], f"csv insert {value!r} at {at}"
    if kind == "stray-byte":
        value = rng.choice((b"\xff", b"\xc3", b"\xe1\xba", b"\xed\xa0\x80", b"\xf4\x90\x80\x80"))
        at = _position(rng, data, end=True)
        return data[:at] + value + data[at:], f"csv insert {value!r} at {at}"
    if kind == "line-ends":
        end = rng.choice((b"\r", b"", b"\r\r\n", b"\n\n", b"\x85", "\u2028".encode()))
        return data.replace(b"\r\n", b"\n").replace(b"\n", end), f"csv line ends -> {end!r}"
    if kind == "bom":
        bom = rng.choice(
            (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE, b"")
        )
        body = data
        for known in (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
            body = body.removeprefix(known)
        return bom + body, f"csv byte-order mark -> {bom!r}"
    if kind == "value":
        fields = list(re.finditer(rb"(?<=[,;\t\n])[^,;\t\r\n]*", data))
        if not fields:
            return byte_mutation(rng, data)
        match = rng.choice(fields)
        value = rng.choice(CSV_VALUES)
        out = data[: match.start()] + value + data[match.end() :]
        return out, f"csv field at {match.start()} -> {value!r}"
    # header: a header cell shortened, doubled or emptied
    header = lines[0]
    cells = re.split(rb"([,;\t])", header)
    index = rng.randrange(0, len(cells), 2)
    action = rng.choice(("cut", "double", "empty"))
    if action == "cut":
        cells[index] = cells[index][:-1]
    elif action == "double":
        cells.append(cells[1] if len(cells) > 1 else b",")
        cells.append(cells[index])
    else:
        cells[index] = b""
    lines[0] = b"".join(cells)
    return b"\n".join(lines), f"csv header cell {index // 2}: {action}"


# Zipped formats (xlsx, ods): the XML members changed and zipped again.

REFS = (b"XFD1048576", b"Z1048576", b"A2000000", b"A1048577", b"XFE1", b"AAAA1", b"A0", b"", b"1")
NUMBERS = (
    b"0",
    b"-1",
    b"2147483647",
    b"2147483648",
    b"4294967296",
    b"9223372036854775807",
    b"99999999999999999999",
    b"7600000",
    b"1048576",
    b"16384",
    b"1e9",
    b"NaN",
    b"",
)
TEXTS = (
    b"",
    b"-1",
    b"1e308",
    b"NaN",
    b"9" * 400,
    b"2023.5",
    b"#DIV/0!",
    "Có".encode(),
    b"A" * 1_000_000,
    b"[/bold]",
    b"[link=http://x]y[/link]",
    b"=cmd|' /C calc'!A0",
    b"\x1b[31mred",
    b"_x0000_",
    b"_x003D_1+1",
)
CONTROLS = (
    b"\x00",
    b"\x01",
    b"\x0b",
    b"\x1b[2J",
    b"\x1b]0;t\x07",
    b"&#0;",
    b"&#x1b;",
    b"&#xFFFF;",
    b"_x000B_",
    b"\xff",
    b"\xc3",
    b"&unknown;",
    b"&amp",
    b"<",
    b"]]>",
    b"<![CDATA[",
)
CELL_TYPES = (b"s", b"e", b"b", b"d", b"n", b"str", b"inlineStr", b"zz", b"")
ODS_TYPES = (b"float", b"string", b"date", b"time", b"boolean", b"percentage", b"void", b"")
ATTRIBUTE = re.compile(
    rb'(?<=\s)([\w:.-]{1,64})=(["\'])([A-Z]{0,4}-?\d{1,32}(?::[A-Z]{0,4}\d{1,32})?)\2'
)
# Attributes that say how big something is, changed more often than the others.
SIZE_ATTRIBUTES = {
    b"ref",
    b"count",
    b"uniqueCount",
    b"spans",
    b"number-rows-repeated",
    b"number-columns-repeated",
    b"number-columns-spanned",
    b"number-rows-spanned",
}
TEXT_NODE = re.compile(rb">([^<>]+)<")
CLOSING = re.compile(rb"</[\w:.-]+>")
ROW = re.compile(rb"<(row|table:table-row)\b[^>]*?(?:/>|>.*?</\1>)", re.S)


def _xml_attribute(rng: random.Random, xml: bytes) -> Mutated:
    """A number or a cell reference in an attribute (r="A1", ref="A1:L41", count,
    uniqueCount, number-rows-repeated, ...) made huge, negative or empty."""
    found = [m for m in ATTRIBUTE.finditer(xml) if m.group(1) not in (b"encoding", b"version")]
    if not found:
        return _xml_far_cell(rng, xml)
    sizes = [m for m in found if m.group(1).split(b":")[-1] in SIZE_ATTRIBUTES]
    match = rng.choice(sizes if sizes and rng.random() < 0.5 else found)
    old = match.group(3)
    if b":" in old:
        value = b"A1:" + rng.choice(REFS)
    elif old[:1].isalpha():
        value = rng.choice(REFS)
    else:
        value = rng.choice(NUMBERS)
    start, end = match.span(3)
    name = match.group(1).decode(errors="replace")
    return xml[:start] + value + xml[end:], f"{name}={old.decode()} -> {value.decode()}"


def _xml_repeat(rng: random.Random, xml: bytes) -> Mutated:
    """An ODS row or cell repeated a huge number of times (added where absent)."""
    huge = rng.choice((b"7600000", b"1048576", b"1073741824", b"2147483647", b"16384"))
    tag = rng.choice((b"table:table-row", b"table:table-cell"))
    attribute = (
        b"table:number-rows-repeated"
        if tag.endswith(b"row")
        else (b"table:number-columns-repeated")
    )
    found = [m.end() for m in re.finditer(b"<" + tag + rb"\b", xml)]
    if not found:
        return _xml_attribute(rng, xml)
    at = rng.choice(found)
    rest = xml[at:]
    existing = re.match(rb"[^>]*?" + re.escape(attribute) + rb'="\d+"', rest)
    if existing:
        pattern = re.escape(attribute) + rb'="\d+"'
        rest = re.sub(pattern, attribute + b'="' + huge + b'"', rest, count=1)
        return xml[:at] + rest, f"{attribute.decode()} -> {huge.decode()}"
    added = b" " + attribute + b'="' + huge + b'"'
    return xml[:at] + added + rest, f"{attribute.decode()}={huge.decode()} added"


def _xml_far_cell(rng: random.Random, xml: bytes) -> Mutated:
    """One extra cell far away: XFD1048576, Z1048576, row 2,000,000, column AAAA."""
    column, row = rng.choice(
        (("XFD", 1048576), ("Z", 1048576), ("A", 2_000_000), ("XFD", 1), ("AAAA", 1), ("A", 0))
    )
    if b"</sheetData>" in xml:
        cell = f'<row r="{row}"><c r="{column}{row}"><v>1</v></c></row>'.encode()
        return xml.replace(b"</sheetData>", cell + b"</sheetData>", 1), f"cell at {column}{row}"
    if b"</table:table>" in xml:
        repeat = f'<table:table-row table:number-rows-repeated="{max(1, row - 50)}">'
        cells = f'<table:table-cell table:number-columns-repeated="{16383}"/>'
        filled = '<table:table-cell office:value-type="float" office:value="1"/>'
        added = repeat + "<table:table-cell/></table:table-row><table:table-row>" + cells
        added += filled + "</table:table-row>"
        out = xml.replace(b"</table:table>", added.encode() + b"</table:table>", 1)
        return out, f"ods cell at row {row}, column 16384"
    return _xml_bytes(rng, xml)


def _xml_closing(rng: random.Random, xml: bytes) -> Mutated:
    found = list(CLOSING.finditer(xml))
    if not found:
        return _xml_bytes(rng, xml)
    match = rng.choice(found)
    return xml[: match.start()] + xml[match.end() :], f"removed {match.group().decode()}"


def _xml_truncate(rng: random.Random, xml: bytes) -> Mutated:
    at = _position(rng, xml)
    return xml[:at], f"xml truncated to {at} of {len(xml)}"


def _xml_control(rng: random.Random, xml: bytes) -> Mutated:
    value = rng.choice(CONTROLS)
    found = list(TEXT_NODE.finditer(xml))
    if found and rng.random() < 0.7:
        match = rng.choice(found)
        at = rng.randint(match.start(1), match.end(1))
    else:
        at = _position(rng, xml)
    return xml[:at] + value + xml[at:], f"inserted {value!r} at {at}"


def _xml_text(rng: random.Random, xml: bytes) -> Mutated:
    found = list(TEXT_NODE.finditer(xml))
    if not found:
        return _xml_control(rng, xml)
    match = rng.choice(found)
    value = rng.choice(TEXTS)
    old = match.group(1)[:20].decode(errors="replace")
    shown = value[:20].decode(errors="replace") + ("…" if len(value) > 20 else "")
    out = xml[: match.start(1)] + value + xml[match.end(1) :]
    return out, f"text {old!r} -> {shown!r} ({len(value)} bytes)"


def _xml_type(rng: random.Random, xml: bytes) -> Mutated:
    found = list(re.finditer(rb'(?:\bt|office:value-type)="([^"]*)"', xml))
    if not found:
        return _xml_text(rng, xml)
    match = rng.choice(found)
    value = rng.choice(ODS_TYPES if match.group().startswith(b"office") else CELL_TYPES)
    out = xml[: match.start(1)] + value + xml[match.end(1) :]
    return out, f"cell type {match.group(1).decode()} -> {value.decode()}"


def _xml_rows(rng: random.Random, xml: bytes) -> Mutated:
    found = list(ROW.finditer(xml))
    if not found:
        return _xml_bytes(rng, xml)
    match = rng.choice(found)
    times = rng.choice((2, 100, 10_000))
    times = max(1, min(times, MAX_GROWTH // (len(match.group()) + 1)))
    out = xml[: match.end()] + match.group() * (times - 1) + xml[match.end() :]
    return out, f"row element at {match.start()} x{times}"


def _xml_entity(rng: random.Random, xml: bytes) -> Mutated:
    """A DOCTYPE with nested entities (a small "billion laughs") used in a text node."""
    depth = rng.choice((2, 5, 9))
    lines = [b'<!ENTITY e0 "lol">']
    for level in range(1, depth + 1):
        lines.append(b'<!ENTITY e%d "%s">' % (level, b"&e%d;" % (level - 1) * 10))
    doctype = b"<!DOCTYPE d [" + b"".join(lines) + b"]>"
    declaration = re.match(rb"<\?xml[^>]*\?>\s*", xml)
    head = declaration.end() if declaration else 0
    out = xml[:head] + doctype + xml[head:]
    found = list(TEXT_NODE.finditer(out, head + len(doctype)))
    if found:
        match = rng.choice(found)
        out = out[: match.start(1)] + b"&e%d;" % depth + out[match.end(1) :]
    return out, f"entity of depth {depth} (10^{depth} copies)"


def _xml_quotes(rng: random.Random, xml: bytes) -> Mutated:
    """Attributes in single quotes, or a namespace prefix on the elements."""
    if rng.random() < 0.5:
        out = re.sub(rb'=("([^"<>]*)")', rb"='\2'", xml)
        return out, "attributes in single quotes"
    out = re.sub(rb"<(/?)(c|row|v|t|si|sheetData)\b", rb"<\1x:\2", xml)
    out = out.replace(b"<x:sheetData", b'<x:sheetData xmlns:x="urn:x"', 1)
    return out, "elements with a namespace prefix"


def _xml_bytes(rng: random.Random, xml: bytes) -> Mutated:
    data, what = byte_mutation(rng, xml)
    return data, f"xml {what}"


XML_MUTATIONS: tuple[Callable[[random.Random, bytes], Mutated], ...] = (
    _xml_attribute,
    _xml_attribute,
    _xml_attribute,
    _xml_repeat,
    _xml_far_cell,
    _xml_closing,
    _xml_truncate,
    _xml_control,
    _xml_control,
    _xml_text,
    _xml_type,
    _xml_rows,
    _xml_entity,
    _xml_quotes,
    _xml_bytes,
    _xml_bytes,
)


def unzip(data: bytes) -> list[tuple[zipfile.ZipInfo, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return [(info, archive.read(info)) for info in archive.infolist()]


def rezip(members: Iterable[tuple[zipfile.ZipInfo, bytes]]) -> bytes:
    """The members zipped again, each with its name, date and compression."""
    buffer = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "Duplicate name"
        with zipfile.ZipFile(buffer, "w") as archive:
            for info, data in members:
                copy = zipfile.ZipInfo(info.filename, info.date_time)
                copy.compress_type = info.compress_type
                copy.external_attr = info.external_attr
                archive.writestr(copy, data)
    return buffer.getvalue()


def _member_weight(name: str) -> int:
    if re.search(r"worksheets/.*\.xml$|^content\.xml$", name):
        return 6
    if name.endswith("sharedStrings.xml"):
        return 4
    if name.endswith(("workbook.xml", "styles.xml", ".rels", "manifest.xml")):
        return 2
    return 1 if name.endswith(".xml") else 0


def zip_mutation(rng: random.Random, data: bytes) -> Mutated:
    """An XML member changed (one or two mutations) or the archive's members changed."""
    members = unzip(data)
    xml = [i for i, (info, _) in enumerate(members) if _member_weight(info.filename)]
    if not xml:
        return byte_mutation(rng, data)
    if rng.random() < 0.8:
        index = rng.choices(xml, [_member_weight(members[i][0].filename) for i in xml])[0]
        info, content = members[index]
        done = []
        for _ in range(2 if rng.random() < 0.25 else 1):
            changed, what = rng.choice(XML_MUTATIONS)(rng, content)
            if changed == content:  # nothing it applies to: bytes of the XML instead
                changed, what = _xml_bytes(rng, content)
            content = changed
            done.append(what)
        members[index] = (info, content)
        return rezip(members), f"{info.filename}: " + "; ".join(done)
    kind = rng.choice(("drop", "rename", "double", "stored", "pad"))
    index = rng.choice(xml)
    info, content = members[index]
    if kind == "drop":
        del members[index]
        return rezip(members), f"zip: {info.filename} dropped"
    if kind == "rename":
        renamed = zipfile.ZipInfo(info.filename.upper(), info.date_time)
        renamed.compress_type = info.compress_type
        members[index] = (renamed, content)
        return rezip(members), f"zip: {info.filename} renamed {renamed.filename}"
    if kind == "double":
        changed, what = rng.choice(XML_MUTATIONS)(rng, content)
        members.append((info, changed))
        return rezip(members), f"zip: {info.filename} twice, the second: {what}"
    if kind == "stored":  # uncompressed: a byte mutation now hits the XML itself
        for i, (member, body) in enumerate(members):
            stored = zipfile.ZipInfo(member.filename, member.date_time)
            members[i] = (stored, body)
        out, what = byte_mutation(rng, rezip(members))
        return out, f"zip: members stored, then {what}"
    size = rng.choice((1, 50, 200)) * 2**20
    padded = content.replace(b"?>", b"?>" + b" " * size, 1) if b"?>" in content else content
    if padded is content:
        padded = b" " * size + content
    members[index] = (info, padded)
    return rezip(members), f"zip: {info.filename} padded with {size >> 20} MiB of spaces"


def mutate(family: str, rng: random.Random, data: bytes) -> Mutated:
    """One mutant of a seed of ``family``: bytes and a description; never the seed itself
    (a change that changed nothing is followed by a bit flip)."""
    out, what = _mutate(family, rng, data)
    if out == data:
        out, more = bit_flip(rng, data)
        what = f"{what} (no change); {more}"
    return out, what


def _mutate(family: str, rng: random.Random, data: bytes) -> Mutated:
    roll = rng.random()
    if family in ("xlsx", "ods") and roll < 0.7:
        try:
            return zip_mutation(rng, data)
        except (zipfile.BadZipFile, OSError, EOFError):  # an unzippable seed
            pass
    if family == "csv" and roll < 0.5:
        return csv_mutation(rng, data)
    out, what = byte_mutation(rng, data)
    if rng.random() < 0.2:
        out, more = byte_mutation(rng, out)
        what = f"{what}; {more}"
    return out, what


# -- jobs --------------------------------------------------------------------------------


@dataclass
class Job:
    ident: str  # FAMILY-NNNNN, or FAMILY-seed-NAME for an unchanged seed
    family: str
    seed: str  # the seed's file name
    seed_sha256: str
    mutation: str
    data: bytes = field(repr=False)
    original: bool = False  # an unchanged seed

    @property
    def suffix(self) -> str:
        return "." + self.family


def mutant(seed: int, family: str, index: int, seeds: Sequence[Seed]) -> Job:
    """Mutant ``index`` of ``family``: the same for the same arguments. Half of the
    mutants of a family that has both start from an institution table, half from
    calamine's corpus."""
    rng = random.Random(f"{seed}:{family}:{index}")
    own = [s for s in seeds if not s.peer]
    peers = [s for s in seeds if s.peer]
    pool = own if own and (not peers or rng.random() < 0.5) else peers
    chosen = rng.choice(pool)
    data, what = mutate(family, rng, chosen.data)
    return Job(f"{family}-{index:05d}", family, chosen.name, chosen.sha256, what, data)


def jobs_for(
    seeds: dict[str, list[Seed]], mutants: int, seed: int, originals: str = "all"
) -> Iterator[Job]:
    """The seeds unchanged (``originals``: "all", "own" for all but calamine's corpus, or
    "none"), then ``mutants`` mutants split evenly between the families, interleaved."""
    families = list(seeds)
    for family in families:
        for s in seeds[family]:
            if originals == "all" or (originals == "own" and not s.peer):
                ident = f"{family}-seed-{Path(s.name).stem}"
                yield Job(ident, family, s.name, s.sha256, "none (the seed)", s.data, True)
    counts = {
        family: mutants // len(families) + (i < mutants % len(families))
        for i, family in enumerate(families)
    }
    for index in range(max(counts.values(), default=0)):
        for family in families:
            if index < counts[family]:
                yield mutant(seed, family, index, seeds[family])


# -- running -----------------------------------------------------------------------------


@dataclass
class Outcome:
    ident: str
    family: str
    seed: str
    seed_sha256: str
    mutation: str
    original: bool
    command: list[str]
    returncode: int | None
    elapsed: float
    peak_mb: float
    timed_out: bool
    input_changed: bool
    output_problem: str | None
    leftovers: list[str]
    stderr: str
    kind: str = "ok"
    signature: str = ""
    saved: str | None = None
    debug_stderr: str | None = None


def classify(
    returncode: int | None,
    stderr: str,
    *,
    timed_out: bool = False,
    input_changed: bool = False,
    output_problem: str | None = None,
    leftovers: Sequence[str] = (),
) -> str:
    """The kind of outcome: "ok" or one of FAILURES (the first that applies)."""
    if timed_out or returncode is None:
        return "hang"
    if returncode < 0:
        return "signal"
    if TRACEBACK in stderr:
        return "traceback"
    if "internal error" in stderr or "This is a bug" in stderr:
        return "bug"
    if returncode not in FINE_EXITS:
        return "bad-exit"
    if input_changed:
        return "input-changed"
    if output_problem:
        return "bad-output"
    if leftovers:
        return "left-files"
    return "ok"


FRAME = re.compile(r'File "([^"]+)", line (\d+), in (\S+)')
PANIC = re.compile(r"panicked at ([^\s:]+\.rs):(\d+)")
INTERNAL = re.compile(r"internal error \(([\w.]+)")


def _short_path(path: str) -> str:
    """A frame's file from its package on: ltl_plan/read/workbook.py, zipfile.py."""
    for pattern in (r"site-packages/(.+)", r"/src/(ltl_plan/.+)", r"/python\d+\.\d+/(.+)"):
        match = re.search(pattern, path)
        if match:
            return match.group(1)
    return Path(path).name


def _rust_frame(stderr: str) -> str:
    """The innermost calamine function of a Rust backtrace (RUST_BACKTRACE=1), e.g.
    calamine::cfb::Sectors::get_chain."""
    for line in stderr.splitlines():
        match = re.match(r"\s*\d+: (.+)", line)
        if not match or "calamine::" not in line or "python_calamine" in line:
            continue
        text = match.group(1)
        if " as alloc::" in text or " as core::" in text:
            continue
        owner = re.search(r"calamine::\w+(?:::\w+)*", text)
        method = re.search(r">::(\w+)", text)
        if owner:
            return f"in {owner.group()}" + (f"::{method.group(1)}" if method else "")
    return ""


def _panic(stderr: str) -> str:
    match = PANIC.search(stderr)
    if not match:
        return ""
    path = match.group(1)
    parts = Path(path).parts
    crate = max((i for i, p in enumerate(parts) if p == "src"), default=None)
    short = "/".join(parts[crate - 1 :] if crate else parts[-2:])
    return f"panic at {short}:{match.group(2)}"


def _normal(line: str) -> str:
    """A message line with its numbers and paths taken out, to group like failures."""
    line = re.sub(r"/\S+", "PATH", line.strip())
    return re.sub(r"\d+", "N", line)[:120]


def _exception(text: str) -> tuple[str, str]:
    """The exception type and the last frame of the last traceback in ``text``."""
    start = text.rfind(TRACEBACK)
    block = text[start:] if start >= 0 else text
    frames = FRAME.findall(block)
    frame = ""
    if frames:
        path, line, function = frames[-1]
        frame = f"{_short_path(path)}:{line} in {function}"
        own = [f for f in frames if "ltl_plan/" in f[0]]
        if own and own[-1] != frames[-1]:  # also where it left ltl-plan's code
            path, line, function = own[-1]
            frame += f" via {_short_path(path)}:{line} in {function}"
    kind = ""
    for line in reversed(block.splitlines()):
        match = re.match(r"([A-Za-z_][\w.]*)(?::|$)", line.strip())
        if match and not line.startswith((" ", "\t")) and line.strip() != TRACEBACK:
            kind = match.group(1)
            break
    return kind, frame


def _mutation_kind(mutation: str) -> str:
    """A mutation's description without its numbers and values: what kind it was."""
    plain = re.sub(r"b'[^']*'|b\"[^\"]*\"|'[^']*'", "V", mutation)
    return re.sub(r"\d+", "N", plain.split("; ", 1)[0])[:80]


def signature(outcome: Outcome) -> str:
    """What groups failures of one cause: exception type and last frame (and the Rust
    panic location), the signal, or the message."""
    kind = outcome.kind
    if kind in ("traceback", "bug"):
        text = outcome.debug_stderr or outcome.stderr
        exception, frame = _exception(text) if TRACEBACK in text else ("", "")
        if not exception:
            match = INTERNAL.search(outcome.stderr)
            exception = match.group(1) if match else "?"
        parts = [f"{kind}: {exception}", frame, _panic(text)]
        return " · ".join(p for p in parts if p)
    if kind == "signal" and outcome.returncode is not None:
        try:
            name = signal.Signals(-outcome.returncode).name
        except ValueError:
            name = f"signal {-outcome.returncode}"
        lines = [line for line in outcome.stderr.splitlines() if line.strip()]
        detail = _panic(outcome.stderr) or (_normal(lines[0]) if lines else "")
        where = _rust_frame(outcome.stderr)
        return " · ".join(p for p in (f"signal: {name}", detail, where) if p)
    if kind == "hang":
        what = _mutation_kind(outcome.mutation)
        return f"hang: {what if what.startswith(outcome.family) else f'{outcome.family} {what}'}"
    if kind == "bad-exit":
        lines = [line for line in outcome.stderr.splitlines() if line.strip()]
        return f"exit {outcome.returncode}: {_normal(lines[-1]) if lines else ''}"
    if kind == "bad-output":
        return f"bad output: {outcome.output_problem}"
    if kind == "left-files":
        return "left files: " + ", ".join(sorted({_normal(n) for n in outcome.leftovers}))
    return kind


# Sets the limits of the process, then becomes the command (the same process): a limit
# set between fork and exec (preexec_fn) is not safe where the parent has threads, as a
# test session may.
LIMITED = (
    "import os, resource, sys; memory = int(sys.argv[1])\n"
    "if memory > 0: resource.setrlimit(resource.RLIMIT_AS, (memory, memory))\n"
    "resource.setrlimit(resource.RLIMIT_CORE, (0, 0))\n"
    "os.execvp(sys.argv[2], sys.argv[2:])"
)


def limited(command: Sequence[str], memory_bytes: int) -> list[str]:
    """``command`` with an address-space limit (none: 0) and no core dump."""
    return [sys.executable, "-S", "-c", LIMITED, str(memory_bytes), *command]


@dataclass
class _Running:
    job: Job
    process: subprocess.Popen[bytes]
    folder: Path
    source: Path
    output: Path
    started: float
    command: list[str]


def _start(job: Job, ltl_plan: Sequence[str], work: Path, memory: int, debug: bool) -> _Running:
    folder = Path(tempfile.mkdtemp(prefix=f"{job.ident}-", dir=work))
    (folder / "in").mkdir()
    (folder / "out").mkdir()
    source = folder / "in" / f"mutant{job.suffix}"
    source.write_bytes(job.data)
    output = folder / "out" / "check.json"
    command = [*ltl_plan, "check", str(source), "-f", "json", "-o", str(output)]
    if debug:
        command.append("--debug")
    errors = (folder / "stderr").open("wb")
    with errors:
        process = subprocess.Popen(
            limited(command, memory),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=errors,
            cwd=folder / "out",
            start_new_session=True,  # its own process group: killed whole at the timeout
        )
    return _Running(job, process, folder, source, output, time.perf_counter(), command)


def _kill_group(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signal.SIGKILL)


def _finish(running: _Running, status: int | None, usage: resource.struct_rusage) -> Outcome:
    job = running.job
    elapsed = time.perf_counter() - running.started
    timed_out = status is None
    code = None if status is None else os.waitstatus_to_exitcode(status)
    running.process.returncode = -9 if code is None else code  # reaped here, not by Popen
    _kill_group(running.process.pid)  # whatever it started and left running
    stderr = (running.folder / "stderr").read_bytes()[-20_000:].decode("utf-8", "replace")
    try:
        changed = (
            hashlib.sha256(running.source.read_bytes()).hexdigest()
            != hashlib.sha256(job.data).hexdigest()
        )
    except OSError:
        changed = True
    problem = None
    if code in (0, 1):
        try:
            json.loads(running.output.read_bytes())
        except FileNotFoundError:
            problem = "no output file"
        except (ValueError, OSError) as exc:
            problem = f"not JSON ({type(exc).__name__})"
    leftovers = [p.name for p in (running.folder / "in").iterdir() if p != running.source]
    leftovers += [p.name for p in (running.folder / "out").iterdir() if p != running.output]
    outcome = Outcome(
        ident=job.ident,
        family=job.family,
        seed=job.seed,
        seed_sha256=job.seed_sha256,
        mutation=job.mutation,
        original=job.original,
        command=running.command,
        returncode=code,
        elapsed=elapsed,
        peak_mb=usage.ru_maxrss / 1024,
        timed_out=timed_out,
        input_changed=changed,
        output_problem=problem,
        leftovers=leftovers,
        stderr=stderr,
    )
    outcome.kind = classify(
        code,
        stderr,
        timed_out=timed_out,
        input_changed=changed,
        output_problem=problem,
        leftovers=leftovers,
    )
    return outcome


def run_jobs(
    jobs: Iterable[Job],
    ltl_plan: Sequence[str],
    work: Path,
    *,
    workers: int = 2,
    timeout: float = TIMEOUT,
    memory_gb: float = MEMORY_GB,
    debug: bool = False,
    keep: Callable[[Outcome, Path], None] | None = None,
) -> Iterator[Outcome]:
    """Run each job as ``ltl-plan check`` in a process of its own, ``workers`` at a time,
    and yield the outcomes in the order they finish. ``keep(outcome, folder)`` is called
    before a run's folder is removed."""
    work.mkdir(parents=True, exist_ok=True)
    memory = int(memory_gb * 2**30)
    pending = iter(jobs)
    running: list[_Running] = []
    try:
        yield from _loop(pending, running, ltl_plan, work, workers, timeout, memory, debug, keep)
    finally:
        for run in running:  # interrupted: end what still runs
            _kill_group(run.process.pid)
            os.wait4(run.process.pid, 0)
            run.process.returncode = -9
            shutil.rmtree(run.folder, ignore_errors=True)


def _loop(
    pending: Iterator[Job],
    running: list[_Running],
    ltl_plan: Sequence[str],
    work: Path,
    workers: int,
    timeout: float,
    memory: int,
    debug: bool,
    keep: Callable[[Outcome, Path], None] | None,
) -> Iterator[Outcome]:
    exhausted = False
    while running or not exhausted:
        while not exhausted and len(running) < max(1, workers):
            job = next(pending, None)
            if job is None:
                exhausted = True
                break
            running.append(_start(job, ltl_plan, work, memory, debug))
        finished: list[tuple[_Running, int | None, resource.struct_rusage]] = []
        for run in running:
            pid, status, usage = os.wait4(run.process.pid, os.WNOHANG)
            if pid:
                finished.append((run, status, usage))
            elif time.perf_counter() - run.started > timeout:
                _kill_group(run.process.pid)
                _, _, usage = os.wait4(run.process.pid, 0)
                finished.append((run, None, usage))
        for run, code, usage in finished:
            running.remove(run)
            outcome = _finish(run, code, usage)
            if keep is not None:
                keep(outcome, run.folder)
            shutil.rmtree(run.folder, ignore_errors=True)
            yield outcome
        if not finished:
            time.sleep(0.01)


def run_one(
    job: Job,
    ltl_plan: Sequence[str],
    work: Path,
    *,
    timeout: float = TIMEOUT,
    memory_gb: float = MEMORY_GB,
    debug: bool = False,
) -> Outcome:
    """One job alone (``debug``: with ``--debug``), its outcome classified and signed."""
    runs = run_jobs(
        [job], ltl_plan, work, workers=1, timeout=timeout, memory_gb=memory_gb, debug=debug
    )
    outcome = next(runs)
    outcome.signature = signature(outcome)
    return outcome


def fuzz(
    seeds: dict[str, list[Seed]],
    ltl_plan: Sequence[str],
    out: Path,
    *,
    mutants: int,
    seed: int,
    workers: int = 2,
    timeout: float = TIMEOUT,
    memory_gb: float = MEMORY_GB,
    originals: str = "all",
    only: str | None = None,
    progress: bool = True,
) -> list[Outcome]:
    """Run the seeds unchanged (``originals``: all, own or none) and the mutants; save every failure
    to ``out/failures/ID`` (the mutant, stderr.txt, info.json); write every outcome to
    ``out/results.jsonl``; return them."""
    failures = out / "failures"
    failures.mkdir(parents=True, exist_ok=True)
    jobs: Iterable[Job]
    if only is not None:
        family, _, index = only.rpartition("-")
        if family not in seeds or not index.isdigit():
            raise SystemExit(f"--only {only}: expected FAMILY-NNNNN of {', '.join(seeds)}")
        jobs = [mutant(seed, family, int(index), seeds[family])]
    else:
        jobs = jobs_for(seeds, mutants, seed, originals)
    in_flight: dict[str, Job] = {}
    bugs: dict[str, Job] = {}  # run again with --debug at the end, for the traceback

    def remember(items: Iterable[Job]) -> Iterator[Job]:
        for job in items:
            in_flight[job.ident] = job
            yield job

    def keep(outcome: Outcome, folder: Path) -> None:
        if outcome.kind == "ok":
            return
        saved = failures / outcome.ident
        shutil.rmtree(saved, ignore_errors=True)
        saved.mkdir(parents=True)
        shutil.copy2(folder / "stderr", saved / "stderr.txt")
        target = saved / f"mutant.{outcome.family}"
        target.write_bytes(in_flight[outcome.ident].data)
        outcome.saved = str(target)

    outcomes: list[Outcome] = []
    started = time.perf_counter()
    work = Path(tempfile.mkdtemp(prefix="ltl-plan-fuzz-"))
    try:
        for outcome in run_jobs(
            remember(jobs),
            ltl_plan,
            work,
            workers=workers,
            timeout=timeout,
            memory_gb=memory_gb,
            keep=keep,
        ):
            job = in_flight.pop(outcome.ident)
            if outcome.kind == "bug":
                bugs[outcome.ident] = job
            outcome.signature = signature(outcome)
            outcomes.append(outcome)
            if outcome.kind != "ok" and progress:
                note(f"  {outcome.ident}: {outcome.signature} ({outcome.mutation[:100]})")
            if progress and len(outcomes) % 100 == 0:
                bad = sum(o.kind != "ok" for o in outcomes)
                note(f"{len(outcomes)} runs, {bad} failed, {time.perf_counter() - started:.0f} s")
        for outcome in outcomes:
            if outcome.ident in bugs:
                again = run_one(
                    bugs[outcome.ident],
                    ltl_plan,
                    work,
                    timeout=timeout,
                    memory_gb=memory_gb,
                    debug=True,
                )
                outcome.debug_stderr = again.stderr
                outcome.signature = signature(outcome)
                if again.kind == "ok":  # ltl-plan changed meanwhile, or chance
                    outcome.signature += f" (not again with --debug: exit {again.returncode})"
                if outcome.saved:
                    Path(outcome.saved).with_name("stderr-debug.txt").write_text(
                        again.stderr, encoding="utf-8"
                    )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    for outcome in outcomes:
        if outcome.saved:
            info = {k: v for k, v in asdict(outcome).items() if k not in ("stderr", "debug_stderr")}
            info["reproduce"] = (
                f"ltl-plan check {outcome.saved} -f json -o /tmp/out.json"
                if outcome.original
                else f"python benchmarks/fuzz.py --seed {seed} --only {outcome.ident}"
                f" (or: ltl-plan check {outcome.saved} -f json -o /tmp/out.json)"
            )
            Path(outcome.saved).with_name("info.json").write_text(
                json.dumps(info, indent=2, ensure_ascii=False), encoding="utf-8"
            )
    with (out / "results.jsonl").open("w", encoding="utf-8") as handle:
        for outcome in outcomes:
            record = asdict(outcome)
            record["stderr"] = outcome.stderr[-2000:]
            record["debug_stderr"] = (outcome.debug_stderr or "")[-4000:] or None
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return outcomes


# -- the tables --------------------------------------------------------------------------


def family_table(outcomes: Sequence[Outcome]) -> list[str]:
    """One row per family: mutants, clean exits, failures by kind, slowest, largest."""
    lines = [
        "| family | seeds | mutants | exit 0 | exit 1 | exit 2 | tracebacks | bugs | signals "
        "| hangs | other | slowest (s) | peak MB |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: "
        "| ---: |",
    ]
    families = list(dict.fromkeys(o.family for o in outcomes))
    for family in [*families, "all"]:
        runs = [o for o in outcomes if family in ("all", o.family)]
        mutants = [o for o in runs if not o.original]
        kinds = Counter(o.kind for o in runs)
        exits = Counter(o.returncode for o in mutants if o.kind == "ok")
        other = sum(kinds[k] for k in ("bad-exit", "input-changed", "bad-output", "left-files"))
        slowest = max(runs, key=lambda o: o.elapsed, default=None)
        peak = max((o.peak_mb for o in runs), default=0.0)
        lines.append(
            f"| {family} | {sum(o.original for o in runs)} | {len(mutants)} | {exits[0]} "
            f"| {exits[1]} | {exits[2]} | {kinds['traceback']} | {kinds['bug']} "
            f"| {kinds['signal']} | {kinds['hang']} | {other} "
            f"| {slowest.elapsed if slowest else 0:.1f} | {peak:.0f} |"
        )
    return lines


def signature_table(outcomes: Sequence[Outcome]) -> list[str]:
    """One row per failure signature: how many, in which families, one example."""
    groups: dict[str, list[Outcome]] = {}
    for outcome in outcomes:
        if outcome.kind != "ok":
            groups.setdefault(outcome.signature, []).append(outcome)
    if not groups:
        return ["No failure."]
    lines = [
        "| signature | runs | families | example | mutation |",
        "| --- | ---: | --- | --- | --- |",
    ]
    for sig, group in sorted(groups.items(), key=lambda item: -len(item[1])):
        first = group[0]
        families = ", ".join(sorted({o.family for o in group}))
        mutation = first.mutation[:80].replace("|", "\\|")
        lines.append(
            f"| {sig.replace('|', '/')} | {len(group)} | {families} | {first.saved} "
            f"| {first.seed}: {mutation} |"
        )
    return lines


def note(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Seeded mutation fuzzing of `ltl-plan check`; a Markdown summary."
    )
    parser.add_argument("--mutants", type=int, default=2000, help="mutants (default 2000)")
    parser.add_argument("--seed", type=int, default=76, help="random seed (default 76)")
    parser.add_argument("--jobs", type=int, default=2, help="runs at a time (default 2)")
    parser.add_argument(
        "--out", type=Path, default=OUT, help=f"where failures and results go (default {OUT})"
    )
    parser.add_argument(
        "--families", default=",".join(FAMILIES), help="comma-separated (default: all)"
    )
    parser.add_argument(
        "--ltl-plan",
        type=Path,
        default=Path(sys.executable).parent / "ltl-plan",
        help="the ltl-plan executable (default: the one next to this Python)",
    )
    parser.add_argument("--timeout", type=float, default=TIMEOUT, help="seconds per run")
    parser.add_argument(
        "--memory-gb", type=float, default=MEMORY_GB, help="address-space limit per run"
    )
    parser.add_argument("--peers", type=Path, default=PEERS, help="calamine's test files")
    parser.add_argument("--no-soffice", action="store_true", help="no LibreOffice seeds")
    parser.add_argument(
        "--originals",
        choices=("all", "own", "none"),
        default="all",
        help="seeds also run unchanged: all (default), own (not calamine's) or none",
    )
    parser.add_argument("--only", metavar="ID", help="run one mutant again (e.g. xlsx-00042)")
    args = parser.parse_args(argv)
    families = [f.strip() for f in args.families.split(",") if f.strip()]
    unknown = sorted(set(families) - set(FAMILIES))
    if unknown or not families:
        parser.error(f"--families: expected some of {', '.join(FAMILIES)}")
    if not os.access(args.ltl_plan, os.X_OK):
        parser.error(f"{args.ltl_plan}: not an executable; pass --ltl-plan PATH")
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    shutil.rmtree(out / "failures", ignore_errors=True)
    note("making the seeds ...")
    seeds = build_seeds(out / "seeds", families, args.peers, use_soffice=not args.no_soffice)
    for family, group in seeds.items():
        note(f"  {family}: {', '.join(s.name for s in group)}")
    started = time.perf_counter()
    outcomes = fuzz(
        seeds,
        [str(args.ltl_plan)],
        out,
        mutants=max(0, args.mutants),
        seed=args.seed,
        workers=args.jobs,
        timeout=args.timeout,
        memory_gb=args.memory_gb,
        originals=args.originals,
        only=args.only,
    )
    elapsed = time.perf_counter() - started
    report = [
        "## ltl-plan fuzz",
        "",
        f"`python benchmarks/fuzz.py --mutants {args.mutants} --seed {args.seed} "
        f"--families {','.join(seeds)}`: {len(outcomes)} runs (the seeds unchanged, then "
        f"the mutants) of `ltl-plan check MUTANT -f json -o OUT.json` in {elapsed:.0f} s, "
        f"{args.jobs} at a time, timeout {args.timeout:g} s, address space "
        f"{args.memory_gb:g} GB. Exits counted for clean runs only; other = bad exit, input "
        "changed, bad output or left files.",
        "",
        *family_table(outcomes),
        "",
        *signature_table(outcomes),
    ]
    failed_seeds = [o.ident for o in outcomes if o.original and o.kind != "ok"]
    if failed_seeds:
        report += ["", f"Seeds that fail unchanged: {', '.join(failed_seeds)}."]
    text = "\n".join(report)
    (out / "summary.md").write_text(text + "\n", encoding="utf-8")
    print(text)
    return 1 if any(o.kind != "ok" for o in outcomes) else 0


if __name__ == "__main__":
    sys.exit(main())
