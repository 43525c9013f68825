"""Hostile and huge inputs at the reading layer (issue 13): every file a test needs is
built here, in bytes. Each test reproduces one way a file used to crash the process,
allocate gigabytes, lose data silently or print raw control characters.

Files that would allocate gigabytes before their check are read in a child process with
a memory limit, so that a regression fails the test instead of the machine."""

from __future__ import annotations

import io
import json
import os
import random
import struct
import subprocess
import sys
import threading
import time
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from ltl_plan.errors import InputError
from ltl_plan.read import (
    NO_CACHED_VALUE,
    STDIN,
    Limits,
    StartedParse,
    display_name,
    expand,
    read_sheets,
    written_by_ltl_plan,
)
from ltl_plan.read import files as reading_files
from ltl_plan.read.bounds.xlsb import _records
from ltl_plan.read.errorcells import xlsx_error_cells
from ltl_plan.read.files import MIB
from ltl_plan.read.legacy import TCVN3, VNI, encode

PEERS = Path(__file__).resolve().parents[2] / "shared" / "peers" / "calamine"
SMALL = Limits(max_cells=100_000)


# --- building files --------------------------------------------------------------------

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def xlsx(sheet_data: str, dimension: str | None = "A1:B2", shared: str | None = None) -> bytes:
    """A minimal .xlsx whose one sheet, 'Data', holds ``sheet_data`` (the inside of
    <sheetData>), written as given."""
    out = io.BytesIO()
    rels = f'<Relationship Id="rId1" Type="{_RELS}/worksheet" Target="worksheets/sheet1.xml"/>'
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.'
            'openxmlformats.org/package/2006/content-types"><Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/><Override PartName='
            '"/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            'spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.'
            'worksheet+xml"/></Types>',
        )
        z.writestr(
            "_rels/.rels",
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
            'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" '
            f'Type="{_RELS}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        z.writestr(
            "xl/workbook.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{_MAIN}" xmlns:r='
            f'"{_RELS}"><sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets>'
            "</workbook>",
        )
        if shared is not None:
            rels += (
                f'<Relationship Id="rId2" Type="{_RELS}/sharedStrings" Target="sharedStrings.xml"/>'
            )
            z.writestr("xl/sharedStrings.xml", shared)
        z.writestr(
            "xl/_rels/workbook.xml.rels",
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
            f'openxmlformats.org/package/2006/relationships">{rels}</Relationships>',
        )
        dim = f'<dimension ref="{dimension}"/>' if dimension else ""
        z.writestr(
            "xl/worksheets/sheet1.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{_MAIN}" '
            f'xmlns:x="{_MAIN}">{dim}<sheetData>{sheet_data}</sheetData></worksheet>',
        )
    return out.getvalue()


HEAD = '<row r="1"><c r="A1" t="inlineStr"><is><t>Mã</t></is></c><c r="B1"><v>1</v></c></row>'


def ods(table: str) -> bytes:
    """A minimal .ods with one table, 'Data', holding ``table`` (its rows)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr(
            "META-INF/manifest.xml",
            '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest='
            '"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
            '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/'
            'vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path='
            '"content.xml" manifest:media-type="text/xml"/></manifest:manifest>',
        )
        z.writestr(
            "content.xml",
            '<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office='
            '"urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:'
            'names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:'
            'opendocument:xmlns:text:1.0" office:version="1.2"><office:body>'
            f'<office:spreadsheet><table:table table:name="Data">{table}</table:table>'
            "</office:spreadsheet></office:body></office:document-content>",
        )
    return out.getvalue()


def ods_row(*values: str, repeated: int = 1, columns: int = 1) -> str:
    cells = "".join(
        '<table:table-cell office:value-type="string" office:string-value='
        f'"{v}" table:number-columns-repeated="{columns}"><text:p>{v}</text:p>'
        "</table:table-cell>"
        for v in values
    )
    return f'<table:table-row table:number-rows-repeated="{repeated}">{cells}</table:table-row>'


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def cells_of(path: Path | str, limits: Limits | None = None) -> list[list[object]]:
    (sheet,) = read_sheets(Path(path), limits or Limits())
    return [list(row) for row in sheet.cells.to_numpy().tolist()]


def refused(path: Path, limits: Limits = SMALL) -> str:
    with pytest.raises(InputError) as caught:
        list(read_sheets(path, limits))
    return caught.value.message


# --- 1. limits before allocation (classes 4 and 9) --------------------------------------


def test_a_cell_far_down_is_refused_before_calamine_parses(tmp_path: Path) -> None:
    path = write(
        tmp_path, "far.xlsx", xlsx(HEAD + '<row r="200000"><c r="B200000"><v>1</v></c></row>')
    )
    message = refused(path)
    assert message == (
        f"{path}: sheet 'Data' uses 200,000 rows × 2 columns (400,000 cells), more than the "
        "limit of 100,000 cells; if the file is real, raise it with --max-cells"
    )


@pytest.mark.parametrize(
    "cell",
    [
        '<c r="XFD5"><v>1</v></c>',  # far right
        '<c s="1" r="XFD5"><v>1</v></c>',  # the reference not first
        "<c r='XFD5'><v>1</v></c>",  # single quotes
        '<x:c r="XFD5"><x:v>1</x:v></x:c>',  # a namespace prefix
        '<c r="xfd5"><v>1</v></c>',  # lower case, as calamine reads it
    ],
)
def test_a_cell_far_right_is_refused_however_it_is_written(tmp_path: Path, cell: str) -> None:
    data = HEAD + "".join(f'<row r="{r}"><c r="A{r}"><v>{r}</v></c></row>' for r in range(2, 8))
    path = write(tmp_path, "wide.xlsx", xlsx(data + f'<row r="5">{cell}</row>', None))
    assert "uses 7 rows × 16,384 columns (114,688 cells)" in refused(path)


def test_cells_without_references_are_placed_as_calamine_places_them(tmp_path: Path) -> None:
    row = "<row>" + "<c><v>1</v></c>" * 500 + "</row>"
    path = write(tmp_path, "positional.xlsx", xlsx(row * 300, None))
    assert "sheet 'Data' uses 300 rows × 500 columns (150,000 cells)" in refused(path)


def test_what_calamine_does_not_place_is_not_counted(tmp_path: Path) -> None:
    # A dimension claiming the whole sheet, and styled empty cells far away: calamine
    # places no cell for them, so neither is a reason to refuse the file.
    data = HEAD + '<row r="1048576"><c r="XFD1048576" s="1"/><c r="XFC1048576"></c></row>'
    path = write(tmp_path, "styled.xlsx", xlsx(data, "A1:XFD1048576"))
    assert cells_of(path, SMALL) == [["Mã", 1.0]]


def test_the_used_range_is_measured_the_cheap_way_when_it_is_written_as_usual(
    tmp_path: Path,
) -> None:
    from ltl_plan.read.bounds.xlsx import _fast_extent

    rows = "".join(
        f'<row r="{r}"><c r="A{r}"><v>1</v></c><c r="BH{r}" t="s"><v>0</v></c></row>'
        for r in range(1, 3001)
    )
    part = xlsx(rows, "A1:BH3000")
    with (
        zipfile.ZipFile(io.BytesIO(part)) as archive,
        archive.open("xl/worksheets/sheet1.xml") as stream,
    ):
        rows_bound, columns_bound = _fast_extent(stream, 1_000_000) or (0, 0)
    assert (rows_bound, columns_bound) == (3999, 78)  # within a class: BZ, 3999


def test_a_declared_shared_string_count_is_refused_when_impossible(tmp_path: Path) -> None:
    # 50 million strings: calamine reserves 1.2 GB of address space for them (2**31 of
    # them abort the process) in a part of a few bytes.
    shared = (
        f'<?xml version="1.0"?><sst xmlns="{_MAIN}" count="50000000" '
        'uniqueCount="50000000"><si><t>a</t></si></sst>'
    )
    data = '<row r="1"><c r="A1" t="s"><v>0</v></c></row>'
    path = write(tmp_path, "sst.xlsx", xlsx(data, "A1", shared))
    message = refused(path, Limits())
    assert "declare 50,000,000 strings, more than its" in message


def test_a_shared_string_count_a_writer_got_wrong_is_let_be(tmp_path: Path) -> None:
    shared = f'<sst xmlns="{_MAIN}" count="9" uniqueCount="9"><si><t>a</t></si></sst>'
    path = write(
        tmp_path, "sst.xlsx", xlsx('<row r="1"><c r="A1" t="s"><v>0</v></c></row>', "A1", shared)
    )
    assert cells_of(path) == [["a"]]


def test_repeated_ods_rows_are_summed_before_calamine_expands_them(tmp_path: Path) -> None:
    table = ods_row("Mã", "Tên") + ods_row("A", "B", repeated=90_000)
    path = write(tmp_path, "repeated.ods", ods(table))
    assert "sheet 'Data' uses 90,001 rows × 2 columns (180,002 cells)" in refused(path)


def test_a_row_of_values_repeated_down_the_whole_sheet_is_refused(tmp_path: Path) -> None:
    # 12 cells repeated 1,048,576 times are within the cell limit, but take 3 GB to read.
    table = ods_row("Mã", "Tên") + ods_row("A", "B", repeated=1_048_576)
    path = write(tmp_path, "filled.ods", ods(table))
    assert "repeats one row of values 1,048,576 times" in refused(path, Limits())


def test_an_ods_cut_short_is_damaged_not_read_for_ever(tmp_path: Path) -> None:
    # calamine loops without end on a content.xml that stops in the middle of the table.
    whole = ods(ods_row("Mã", "Tên") + ods_row("A", "B"))
    with zipfile.ZipFile(io.BytesIO(whole)) as old:
        content = old.read("content.xml")
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as new:
            for info in old.infolist():
                cut = content[: content.rfind(b"</table:table-row>")]
                new.writestr(info, cut if info.filename == "content.xml" else old.read(info))
    path = write(tmp_path, "cut.ods", out.getvalue())
    assert "its content ends before the document does" in refused(path)
    assert cells_of(write(tmp_path, "whole.ods", whole)) == [["Mã", "Tên"], ["A", "B"]]


@pytest.mark.parametrize(
    ("cell", "row", "written"),
    [
        ("A2000000", '<row r="2000000"><c r="A2000000"><v>7</v></c></row>', "A2000000"),
        ("XFE1", '<row r="3"><c r="XFE3"><v>7</v></c></row>', "XFE3"),
        # no references: placed after the row numbered 1,048,577 (measured exactly)
        ("A1048577", '<row r="1048577"><c><v>7</v></c></row>', "A1048577"),
    ],
)
def test_a_cell_beyond_the_worksheet_grid_is_damage(
    tmp_path: Path, cell: str, row: str, written: str
) -> None:
    # Within the cell limit (2,000,000 rows x 2 columns), but no program writes such a
    # cell, and calamine made the range down to it: 1.8 GB and 13 s for a 2 KB file.
    path = write(tmp_path, "grid.xlsx", xlsx(HEAD + row, dimension=None))
    said = refused(path, Limits())
    assert f"sheet 'Data' has a cell at {written}, beyond the 1,048,576 rows" in said
    assert said.startswith(f"{path}: the file is damaged and cannot be read")


def test_the_last_cell_of_the_grid_is_still_read(tmp_path: Path) -> None:
    row = '<row r="1048576"><c r="C1048576"><v>7</v></c></row>'
    cells = cells_of(write(tmp_path, "last.xlsx", xlsx(HEAD + row, dimension=None)))
    assert len(cells) == 1_048_576 and cells[-1][2] == 7.0 and cells[0][:2] == ["Mã", 1.0]


@pytest.mark.filterwarnings("ignore:Duplicate name")  # zipfile writes it as asked
@pytest.mark.parametrize(("suffix", "part"), [(".ods", "content.xml"), (".xlsx", None)])
def test_a_part_stored_twice_is_damaged(tmp_path: Path, suffix: str, part: str | None) -> None:
    # The limits were checked in the first copy while calamine read the second: a fuzzed
    # .ods with a second content.xml repeating a row 1,048,576 times took 2.8 GB.
    whole = (
        ods(ods_row("Mã", "Tên"))
        if suffix == ".ods"
        else xlsx('<row r="1"><c r="A1" t="inlineStr"><is><t>Mã</t></is></c></row>')
    )
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(whole)) as old, zipfile.ZipFile(out, "w") as new:
        for info in old.infolist():
            new.writestr(info, old.read(info))
        twice = part or "xl/worksheets/sheet1.xml"
        new.writestr(twice.upper() if suffix == ".xlsx" else twice, old.read(twice))
    path = write(tmp_path, f"twice{suffix}", out.getvalue())
    said = refused(path)
    assert "the file is damaged and cannot be read (it stores the part" in said
    assert "twice" in said and cells_of(write(tmp_path, f"once{suffix}", whole))


def test_repeated_ods_columns_are_summed_too(tmp_path: Path) -> None:
    table = ods_row("Mã") + ods_row("A", columns=200_000)
    path = write(tmp_path, "columns.ods", ods(table))
    assert "uses 2 rows × 200,000 columns" in refused(path)


def test_libreoffice_trailing_filler_is_not_counted(tmp_path: Path) -> None:
    # LibreOffice ends a table with its empty rows and columns, repeated to the limits.
    filler = (
        '<table:table-row table:number-rows-repeated="1048574"><table:table-cell '
        'table:number-columns-repeated="1024"/></table:table-row>'
    )
    path = write(tmp_path, "filler.ods", ods(ods_row("Mã", "Tên") + ods_row("A", "B") + filler))
    assert cells_of(path, SMALL) == [["Mã", "Tên"], ["A", "B"]]


def _xls_fixture() -> bytes:
    path = PEERS / "date.xls"
    if not path.exists():
        pytest.skip("no .xls fixture among the peers' files")
    return path.read_bytes()


def _xls_with_cell_at(row: int, col: int) -> bytes:
    data = bytearray(_xls_fixture())
    at = data.find(b"\x7e\x02\x0a\x00")  # an RK record: row, column, format, value
    assert at > 0
    struct.pack_into("<HH", data, at + 4, row, col)
    return bytes(data)


def test_an_xls_cell_far_away_is_refused_before_calamine_opens_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, "far.xls", _xls_with_cell_at(4999, 255))
    assert "sheet 'Sheet1' reaches 5,000 rows × 256 columns (1,280,000 cells)" in refused(path)


def test_an_xls_cell_beyond_column_iv_is_damage(tmp_path: Path) -> None:
    # Within the cell limit, but no .xls has a column past IV (256): a fuzzed bit put one
    # at column 32,776 of a 170 KB file, and calamine took 2.7 GB and 12 s to read it.
    path = write(tmp_path, "wide.xls", _xls_with_cell_at(3, 300))
    said = refused(path, Limits())
    assert "the file is damaged and cannot be read (sheet 'Sheet1' has a cell in column KO" in said
    assert "beyond the 256 columns an .xls sheet has" in said


def test_an_xls_that_declares_a_vast_area_is_refused_before_calamine_reserves_it(
    tmp_path: Path,
) -> None:
    # A DIMENSIONS record whose first row is after its last: calamine's 32-bit sums wrap
    # and it would reserve room for about four billion rows (the process aborts).
    data = bytearray(_xls_fixture())
    at = data.find(b"\x00\x02\x0e\x00")  # DIMENSIONS, BIFF8: rows u32 u32, columns u16 u16
    assert at > 0
    struct.pack_into("<IIHH", data, at + 4, 10, 5, 0, 3)
    path = write(tmp_path, "vast.xls", bytes(data))
    assert "declares 4,294,967,291 rows × 3 columns" in refused(path)


def test_an_xls_that_declares_billions_of_shared_strings_is_refused(tmp_path: Path) -> None:
    source = PEERS / "sst_continue.xls"  # a workbook with a shared-string table
    if not source.exists():
        pytest.skip("no .xls fixture with shared strings among the peers' files")
    data = bytearray(source.read_bytes())
    at = data.find(b"\xfc\x00\x20\x20")  # SST: total count, unique count (reserved at once)
    assert at > 0
    struct.pack_into("<i", data, at + 8, 2_000_000_000)
    path = write(tmp_path, "strings.xls", bytes(data))
    assert "declares 2,000,000,000 shared strings" in refused(path)


def _xlsb_with_column(col: int) -> bytes:
    source = PEERS / "any_sheets.xlsb"
    if not source.exists():
        pytest.skip("no .xlsb fixture among the peers' files")
    out = io.BytesIO()
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            data = old.read(info)
            if info.filename == "xl/worksheets/sheet1.bin":
                patched = bytearray(data)
                for kind, start, length in _records(data):
                    if 0x0002 <= kind <= 0x0007 and length >= 8:
                        struct.pack_into("<I", patched, start, col)
                        break
                data = bytes(patched)
            new.writestr(info, data)
    return out.getvalue()


def test_an_xlsb_cell_far_right_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "far.xlsb", _xlsb_with_column(199_999))
    message = refused(path)
    assert "reaches" in message and "× 200,000 columns" in message


def test_a_csv_row_wider_than_a_spreadsheet_is_refused(tmp_path: Path) -> None:
    text = "Mã,Tên\n" + "A,B\n" * 10 + ",".join(["x"] * 20_000) + "\n"
    path = write(tmp_path, "wide.csv", text.encode())
    assert refused(path, Limits()) == (
        f"{path}: row 12 has 20,000 fields, more than the 16,384 columns a spreadsheet "
        "can have; the file is damaged or not a table"
    )


def test_a_wide_first_row_is_refused_before_pandas_parses(tmp_path: Path) -> None:
    path = write(tmp_path, "wide.csv", (",".join(["x"] * 17_000) + "\nA\n").encode())
    assert "row 1 has 17,000 fields" in refused(path, Limits())


def test_csv_rows_times_columns_are_checked_before_pandas_parses(tmp_path: Path) -> None:
    text = ",".join(f"c{i}" for i in range(100)) + "\n" + "A\n" * 2_000
    path = write(tmp_path, "long.csv", text.encode())
    assert "has 2,001 rows × 100 columns (200,100 cells)" in refused(path)


def test_delimiters_inside_quotes_do_not_count(tmp_path: Path) -> None:
    note = '"' + "," * 20_000 + '"'
    path = write(tmp_path, "quoted.csv", f"Mã,Ghi chú\nA,{note}\n".encode())
    assert cells_of(path, SMALL)[1] == ["A", "," * 20_000]


BOMBS = """
import resource, sys
from pathlib import Path
resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))
from ltl_plan.errors import InputError
from ltl_plan.read import read_sheets
for name in sys.argv[1:]:
    try:
        for sheet in read_sheets(Path(name)):
            pass
        print("read", name, flush=True)
    except InputError as exc:
        print("refused", exc.message, flush=True)
"""


def test_bombs_are_refused_without_aborting_the_process(tmp_path: Path) -> None:
    """The files of the issue, read in a child process limited to 3 GB of address space:
    each used to abort it (a Rust allocation failure) or take minutes and gigabytes."""
    bombs = {
        "xfd.xlsx": xlsx(HEAD + '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'),
        "sst.xlsx": xlsx(
            '<row r="1"><c r="A1" t="s"><v>0</v></c></row>',
            "A1",
            f'<sst xmlns="{_MAIN}" uniqueCount="2147483647"><si><t>a</t></si></sst>',
        ),
        "rows.ods": ods(ods_row(*"ABCDEFGHIJKL") + ods_row(*"ABCDEFGHIJKL", repeated=7_600_000)),
        "columns.ods": ods(ods_row("A", columns=2_000_000_000)),
        "spaces.ods": ods(
            '<table:table-row><table:table-cell office:value-type="string"><text:p>a'
            '<text:s text:c="2000000000"/></text:p></table:table-cell></table:table-row>'
        ),
    }
    if (PEERS / "date.xls").exists():
        bombs["far.xls"] = _xls_with_cell_at(65535, 65535)
    paths = [str(write(tmp_path, name, data)) for name, data in bombs.items()]
    run = subprocess.run(
        [sys.executable, "-c", BOMBS, *paths], capture_output=True, text=True, timeout=120
    )
    assert run.returncode == 0, run.stderr[-2000:]
    lines = run.stdout.splitlines()
    assert len(lines) == len(paths) and all(line.startswith("refused") for line in lines), lines
    assert "1,048,576 rows × 16,384 columns (17,179,869,184 cells)" in lines[0]


# --- 2. damaged files (class 5) ---------------------------------------------------------


def test_a_truncated_xls_is_refused_before_calamine_panics_on_it(tmp_path: Path) -> None:
    # calamine panics on it ("slice index starts at 4096 but ends at 3584"): a
    # PanicException, which is a BaseException, and a Rust backtrace on stderr
    path = write(tmp_path, "t.xls", _xls_fixture()[:4096])
    assert refused(path, Limits()) == (
        f"{path}: the file is damaged and cannot be read "
        "(cut short: sector 8 lies past the end of the file)"
    )


def _panic_class() -> type[BaseException]:
    """pyo3's PanicException, as calamine raises it on a file cut short."""
    from python_calamine import CalamineWorkbook

    try:
        CalamineWorkbook.from_filelike(io.BytesIO(_xls_fixture()[:4096]))
    except Exception:  # not the one wanted
        pytest.skip("calamine no longer panics on this file")
    except BaseException as exc:  # the panic, which is no Exception
        return type(exc)
    pytest.skip("calamine no longer panics on this file")


class _Book:
    """A calamine workbook whose every call panics."""

    def __init__(self, panic: type[BaseException]) -> None:
        self.panic = panic
        self.sheet_names = ["Data"]

    @property
    def sheets_metadata(self) -> list[object]:
        raise self.panic("index out of bounds: the len is 0 but the index is 8")

    def get_sheet_by_index(self, index: int) -> object:
        raise self.panic("index out of bounds: the len is 0 but the index is 8")


def test_a_panic_in_calamine_is_an_input_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import python_calamine

    panic = _panic_class()
    path = write(tmp_path, "t.xlsx", xlsx(HEAD))

    class Opening:
        @classmethod
        def from_path(cls, name: str) -> _Book:
            raise panic("called `Option::unwrap()` on a `None` value")

    monkeypatch.setattr(python_calamine, "CalamineWorkbook", Opening)
    assert refused(path, Limits()) == (
        f"{path}: the file is damaged and cannot be read "
        "(called `Option::unwrap()` on a `None` value)"
    )

    class Listing(Opening):
        @classmethod
        def from_path(cls, name: str) -> _Book:
            return _Book(panic)

    monkeypatch.setattr(python_calamine, "CalamineWorkbook", Listing)
    assert "index out of bounds" in refused(path, Limits())


def test_a_panic_on_the_early_parse_is_left_to_the_reader(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import python_calamine

    panic = _panic_class()
    escaped: list[object] = []  # what Python would print as "Exception in thread ..."
    monkeypatch.setattr(threading, "excepthook", lambda args: escaped.append(args.exc_value))
    path = write(tmp_path, "t.xlsx", xlsx(HEAD))

    class Listing:
        @classmethod
        def from_path(cls, name: str) -> _Book:
            return _Book(panic)

    monkeypatch.setattr(python_calamine, "CalamineWorkbook", Listing)
    started = StartedParse(path, Limits())
    assert started.take(path, Limits()) is None
    with pytest.raises(InputError, match="damaged"):
        list(read_sheets(path, Limits(), started))
    assert escaped == []


def _mutants(seed: int, sources: list[bytes], count: int) -> Iterator[bytes]:
    rng = random.Random(seed)
    for _ in range(count):
        data = bytearray(rng.choice(sources))
        how = rng.randrange(4)
        if how == 0:  # truncated
            del data[rng.randrange(512, len(data)) :]
        elif how == 1:  # bytes flipped
            for _ in range(rng.randrange(1, 20)):
                data[rng.randrange(len(data))] ^= 1 << rng.randrange(8)
        elif how == 2:  # bytes set to an extreme
            for _ in range(rng.randrange(1, 8)):
                data[rng.randrange(len(data))] = rng.choice((0, 0xFF, 0x7F, 0x80))
        else:  # a run overwritten
            at = rng.randrange(len(data))
            data[at : at + rng.randrange(1, 64)] = bytes(rng.randrange(256) for _ in range(8))
        yield bytes(data)


def test_mutated_xls_files_give_an_input_error_or_cells(tmp_path: Path) -> None:
    sources = [
        p.read_bytes() for p in sorted(PEERS.glob("*.xls")) if 2048 < p.stat().st_size < 60_000
    ]
    if not sources:
        pytest.skip("no .xls fixture among the peers' files")
    limits = Limits(max_cells=2_000_000)
    deadline = time.monotonic() + 5
    outcomes = {"read": 0, "refused": 0}
    for i, data in enumerate(_mutants(13, sources, 150)):
        if time.monotonic() > deadline:
            break
        path = write(tmp_path, f"m{i}.xls", data)
        try:
            for _ in read_sheets(path, limits):
                pass
            outcomes["read"] += 1
        except InputError as exc:
            assert exc.message.startswith(str(path)) and "\n" not in exc.message
            outcomes["refused"] += 1
    assert sum(outcomes.values()) >= 20


# --- 3. formula errors (class 6) --------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "text"),
    [
        ('<c t="e" r="C3"><v>#REF!</v></c>', "#REF!"),  # the type before the reference
        ("<c r='C3' t='e'><v>#N/A</v></c>", "#N/A"),  # single quotes
        ('<x:c r="C3" t="e"><x:v>#DIV/0!</x:v></x:c>', "#DIV/0!"),  # a namespace prefix
        ('<c r="C3" t = "e" ><f>1/0</f><v>#DIV/0!</v></c>', "#DIV/0!"),  # spaces, a formula
        ('<c r="C3"><f>SUM(A1:A2)</f></c>', NO_CACHED_VALUE),  # a formula, no value
        ('<c r="C3"><f>SUM(A1:A2)</f><v/></c>', NO_CACHED_VALUE),  # an empty value
        ('<c r="C3"><f>SUM(A1:A2)</f><v></v></c>', NO_CACHED_VALUE),
        ('<x:c r="C3"><x:f>A1</x:f></x:c>', NO_CACHED_VALUE),
    ],
)
def test_error_cells_and_formulas_without_a_value_are_found(
    tmp_path: Path, cell: str, text: str
) -> None:
    data = (
        HEAD
        + f'<row r="2"><c r="A2"><v>2</v></c></row><row r="3"><c r="A3"><v>3</v></c>{cell}</row>'
    )
    path = write(tmp_path, "e.xlsx", xlsx(data, None))
    assert xlsx_error_cells(path, 0) == {(2, 2): text}
    sheet = cells_of(path)
    assert sheet[2][2] == text


@pytest.mark.parametrize(
    "cell",
    [
        '<c r="C3" t="str"><f>IF(A1,"","x")</f><v></v></c>',  # a formula giving ""
        '<c r="C3"><f>A1</f><v>1</v></c>',
        '<c r="C3" t="s"><v>0</v></c>',
        '<c r="C3" x:t="e"><v>1</v></c>',  # not calamine's type attribute
    ],
)
def test_formulas_with_a_value_are_not_reported(tmp_path: Path, cell: str) -> None:
    path = write(tmp_path, "e.xlsx", xlsx(HEAD + f'<row r="3">{cell}</row>', None))
    assert xlsx_error_cells(path, 0) == {}


def test_the_error_scan_keeps_to_the_sheet_asked_for_and_streams(tmp_path: Path) -> None:
    rows = "".join(
        f'<row r="{r}"><c r="A{r}"><v>{r}</v></c><c r="B{r}" t="e"><v>#N/A</v></c></row>'
        for r in range(1, 60_001)
    )
    path = write(tmp_path, "many.xlsx", xlsx(rows, None))
    found = xlsx_error_cells(path, 0)
    assert len(found) == 60_000 and found[(59_999, 1)] == "#N/A"
    assert xlsx_error_cells(path, 1) == {}


# --- 4. names and quotes (classes 2 and 3) ---------------------------------------------


def test_an_unterminated_quote_is_an_error_naming_its_row(tmp_path: Path) -> None:
    lines = ["Mã,Tên,Năm"] + [f"A{i},Đơn vị {i},2024" for i in range(1, 200)]
    lines[5] = 'A5,"Đơn vị 5,2024'
    path = write(tmp_path, "quote.csv", ("\n".join(lines) + "\n").encode())
    assert refused(path, Limits()) == (
        f'{path}: row 6 opens a quote (") that is never closed, so every row after it '
        "would be read as one cell; close the quote or remove it"
    )


def test_an_unterminated_quote_after_a_ragged_row_is_found_too(tmp_path: Path) -> None:
    lines = ["Mã,Tên"] + [f"A{i},B" for i in range(3_000)]
    lines[2_000] = "A,B,C,D"  # wider than the first 64 KiB: read again, line by line
    lines[2_500] = 'A,"B'
    path = write(tmp_path, "ragged.csv", ("\n".join(lines) + "\n").encode())
    assert "row 2501 opens a quote" in refused(path, Limits())


def test_a_first_row_longer_than_the_sample_keeps_every_field(tmp_path: Path) -> None:
    # pandas took the fields beyond the sample's count for an index, and dropped them
    fields = [f"field{i:05}" for i in range(9_000)]  # 90 KB: past the 64 KiB sample
    path = write(tmp_path, "long.csv", (";".join(fields) + "\n").encode())
    (row,) = cells_of(path)
    assert row == fields


@pytest.mark.parametrize("name", ["data[1].csv", "*.csv", "?.csv"])
def test_a_file_name_is_taken_as_it_is(tmp_path: Path, name: str) -> None:
    (tmp_path / "data1.csv").write_text("Mã\nother\n", encoding="utf-8")
    path = tmp_path / name
    path.write_text("Mã\nthis\n", encoding="utf-8")
    assert expand([path]) == [path]
    assert cells_of(path) == [["Mã"], ["this"]]


# --- 5. names that are not UTF-8, or hold control characters (class 12) ----------------


def test_a_name_that_is_not_utf8_reads_and_prints(tmp_path: Path) -> None:
    raw = os.fsencode(tmp_path) + b"/d\xffata\x1b]0;owned\x07.csv"
    with open(raw, "wb") as handle:
        handle.write("Mã,Tên\nA,B\n".encode())
    path = Path(os.fsdecode(raw))
    (sheet,) = read_sheets(path)
    shown = display_name(path)
    assert shown.endswith("d\\xffata\\x1b]0;owned\\x07.csv") and sheet.file == shown
    json.dumps({"file": sheet.file}, ensure_ascii=False).encode("utf-8")
    with open(raw, "wb") as handle:
        handle.write(b"PK\x03\x04 broken")
    message = refused(path, Limits())
    assert message.startswith(shown) and "\x1b" not in message
    message.encode("utf-8")


# --- 6. sizes and encodings -------------------------------------------------------------


def test_a_file_over_the_size_limit_says_its_size(tmp_path: Path) -> None:
    path = write(tmp_path, "big.csv", b"a,b\n" * (int(3.4 * MIB) // 4))
    assert refused(path, Limits.of_mib(1)) == (
        f"{path}: 3.4 MiB is larger than any real submission (the limit is 1 MiB; see "
        "--max-file-size)"
    )


@pytest.mark.parametrize(
    ("data", "named"),
    [
        ("Mã,Tên\nA,Đà Nẵng\n".encode("utf-32"), "UTF-32"),
        ("Mã,Tên\nA,Đà Nẵng\n".encode("utf-32-le"), "UTF-32 (little-endian, without"),
        ("Mã,Tên\nA,Đà Nẵng\n".encode("utf-32-be"), "UTF-32 (big-endian, without"),
        ("Mã,Tên\nA,Đà Nẵng\n".encode("utf-16-le"), "UTF-16 (little-endian) without"),
        ("Mã,Tên\nA,Đà Nẵng\n".encode("utf-16-be"), "UTF-16 (big-endian) without"),
    ],
)
def test_wide_encodings_are_named(tmp_path: Path, data: bytes, named: str) -> None:
    message = refused(write(tmp_path, "t.csv", data), Limits())
    assert f"the text is in {named}" in message and "CSV UTF-8" in message


def test_the_legacy_tables_agree_with_known_text() -> None:
    assert encode("bảo thắng", TCVN3) == b"b\xb6o th\xbeng"  # "B¶o Th¾ng" in .VnTime
    assert encode("mường khương", TCVN3) == b"m\xad\xeang kh\xad\xacng"
    assert encode("thư viện", VNI) == "thö vieän".encode("cp1252")
    assert encode("đơn vị", VNI) == "ñôn vò".encode("cp1252")


@pytest.mark.parametrize(
    ("table", "named"), [(TCVN3, "the TCVN3 (ABC) encoding, used with .VnTime"), (VNI, "the VNI")]
)
def test_legacy_vietnamese_encodings_are_named(
    tmp_path: Path, table: dict[str, bytes], named: str
) -> None:
    rows = [
        "mã,tên đơn vị,loại hình",
        "a1,thư viện huyện na hang,thư viện",
        "a2,bảo tàng tỉnh,bảo tàng",
    ]
    data = b"\n".join(encode(row, table) for row in rows) + b"\n"
    message = refused(write(tmp_path, "legacy.csv", data), Limits())
    assert named in message and "CSV UTF-8" in message


def test_windows_1258_text_is_still_read(tmp_path: Path) -> None:
    text = "Ma,Ten\nA,Thư vie\u0302\u0323n\n"  # as Windows-1258 writes it: ê, then a dot below
    path = write(tmp_path, "t.csv", text.replace("e\u0302", "ê").encode("cp1258"))
    assert cells_of(path) == [["Ma", "Ten"], ["A", "Thư viê\u0323n"]]


def test_a_stray_byte_in_utf8_says_where(tmp_path: Path) -> None:
    text = "Mã,Tên,Loại hình\n" + "A,Thư viện xã,Thư viện\n" * 20
    data = bytearray(text.encode())
    at = data.index(b"\n", 200) + 3
    data[at] = 0xFF
    message = refused(write(tmp_path, "stray.csv", bytes(data)), Limits())
    line = data.count(b"\n", 0, at) + 1
    assert f"line {line}, byte {at:,}: 0xFF is not UTF-8" in message


# --- 7. standard input ------------------------------------------------------------------


class _Stream(io.BytesIO):
    def __init__(self, data: bytes) -> None:
        super().__init__(data)
        self.asked = 0

    def read(self, size: int | None = -1) -> bytes:
        chunk = super().read(size)
        self.asked += len(chunk)
        return chunk

    def isatty(self) -> bool:
        return False


Feed = Callable[[bytes], _Stream]


@pytest.fixture
def stdin(monkeypatch: pytest.MonkeyPatch) -> Feed:
    """Standard input holding the bytes given (read afresh for each)."""

    def feed(data: bytes) -> _Stream:
        stream = _Stream(data)
        monkeypatch.setattr(reading_files, "_STANDARD_INPUT", reading_files._StandardInput())
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(stream))
        return stream

    return feed


def test_standard_input_is_read_as_what_it_holds(stdin: Feed) -> None:
    stdin("Mã,Tên\nA,Đà Nẵng\n".encode())
    assert expand([STDIN]) == [STDIN]
    (sheet,) = read_sheets(STDIN)
    assert sheet.file == "<stdin>" and sheet.cells.to_numpy().tolist()[1] == ["A", "Đà Nẵng"]
    stdin(xlsx(HEAD))
    (sheet,) = read_sheets(STDIN)
    assert sheet.file == "<stdin>" and sheet.name == "Data"


def test_standard_input_over_the_limit_is_refused_unread(stdin: Feed) -> None:
    stream = stdin(b"a,b\n" * MIB)
    with pytest.raises(
        InputError, match=r"^<stdin>: standard input is larger than the limit of 1 MiB"
    ):
        list(read_sheets(STDIN, Limits.of_mib(1)))
    assert stream.asked <= MIB + 1


def test_standard_input_is_named_once_and_messages_call_it_stdin(stdin: Feed) -> None:
    with pytest.raises(InputError, match="named twice"):
        expand([STDIN, Path("-")])
    stdin(b"PK\x03\x04 broken")
    with pytest.raises(InputError, match=r"^<stdin>: a damaged workbook"):
        list(read_sheets(STDIN))


# --- 8. workbooks ltl-plan wrote --------------------------------------------------------


def test_a_workbook_written_by_ltl_plan_is_recognised(tmp_path: Path) -> None:
    xlsxwriter = pytest.importorskip("xlsxwriter")
    path = tmp_path / "report.xlsx"
    workbook = xlsxwriter.Workbook(str(path))
    workbook.set_custom_property("ltl-plan-output", "report")
    workbook.add_worksheet().write(0, 0, "x")
    workbook.close()
    assert written_by_ltl_plan(path) == "report"
    plain = write(tmp_path, "plain.xlsx", xlsx(HEAD))
    assert written_by_ltl_plan(plain) is None
    assert written_by_ltl_plan(write(tmp_path, "t.csv", b"a,b\n")) is None
    assert written_by_ltl_plan(write(tmp_path, "bad.xlsx", b"PK\x03\x04 broken")) is None
