"""Real submissions: encodings, separators, Vietnamese numbers and words, wide years,
broken files, the correction workbook and the district breakdown."""

from __future__ import annotations

import codecs
import json
import unicodedata
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from typer.testing import CliRunner

from ltl_plan.cells import parse_number
from ltl_plan.cli import Exit, app
from ltl_plan.plan import Plan

from conftest import HEADERS, make_dataset, row, write_xlsx

runner = CliRunner(env={"COLUMNS": "200"})
PEERS = Path(__file__).resolve().parents[2] / "shared" / "peers" / "calamine"

ROWS = [
    row("P1", 2024, "Thư viện công cộng", "Tỉnh", ll="Có", digital="Có", visits=1200),
    row("X1", 2024, "Thư viện công cộng", "Xã", ll="Không", digital="Có", visits=300),
    row("M1", 2024, "Bảo tàng", edu="Có", visits=5000),
]


def check_json(*args: str) -> tuple[int, dict[str, Any]]:
    result = runner.invoke(app, ["check", *args, "--format", "json"])
    return result.exit_code, json.loads(result.stdout) if result.stdout else {}


def figures(document: dict[str, Any]) -> list[tuple[str, Any, Any]]:
    return [(i["id"], i["actual"], i.get("achieved")) for i in document["indicators"]]


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("12.500", 12500),
        ("1.234.567", 1234567),
        ("12 500", 12500),
        ("12\u00a0500", 12500),
        ("1,234", 1234),
        ("1,234,567", 1234567),
        ("12,5", 12.5),
        ("1.234,5", 1234.5),
        ("1,234.5", 1234.5),
        ("300", 300),
        ("-15", -15),
        ("khoảng 300", None),
        ("", None),
        ("inf", None),
    ],
)
def test_numbers_as_people_type_them(text: str, number: float | None) -> None:
    parsed = parse_number(text)
    assert (parsed != parsed) if number is None else parsed == number


def encode(text: str, encoding: str) -> bytes:
    """Windows-1258 has some Vietnamese letters only as a base letter and a tone mark."""
    if encoding != "cp1258":
        return text.encode(encoding)
    out = b""
    for char in text:
        try:
            out += char.encode(encoding)
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", char)
            tones = "".join(c for c in parts if c in "\u0300\u0301\u0303\u0309\u0323")
            base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones))
            out += (base + tones).encode(encoding)
    return out


@pytest.mark.parametrize(
    ("encoding", "separator"),
    [
        ("utf-8", ","),
        ("utf-8-sig", ";"),
        ("utf-16", "\t"),
        ("cp1258", ";"),
        ("utf-8", "\t"),
    ],
)
def test_csv_encodings_and_separators(tmp_path: Path, encoding: str, separator: str) -> None:
    lines = [separator.join(HEADERS)] + [separator.join(str(v) for v in r) for r in ROWS]
    text = "BIỂU TỔNG HỢP\n" + "\n".join(lines) + "\n"
    path = tmp_path / "submission.csv"
    path.write_bytes(encode(text, encoding))
    if encoding == "utf-16":
        assert path.read_bytes().startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    code, document = check_json(str(path))
    assert code == Exit.OK, document
    assert document["counts"]["used"] == 3
    assert document["files"][0]["header_row"] == 2
    commune = next(i for i in document["indicators"] if i["id"] == "2.1.2-public-commune")
    assert (commune["achieved"], commune["total"]) == (1, 1)


def test_vietnamese_numbers_and_words_in_a_workbook(plan: Plan) -> None:
    data = make_dataset(
        plan,
        [
            row("A", 2024, "thu vien dai hoc", ll="Đạt", digital="✓", visits="12.500"),
            row("B", "2024", "THƯ VIỆN ĐẠI HỌC", ll="chưa", digital="x", visits="1.234.567"),
            row("C", 2024.0, "Thư viện công cộng cấp xã", ll="có", digital="", visits="12 500"),
            row("D", 2024, "Trung tâm văn hóa tỉnh", creative="Có", activities="Không"),
            row("E", 2024, "Thư viện công cộng cấp xã", "huyện", ll="có", digital="có"),
            row("F", 2024, "Bảo tàng", edu="#REF!", visits="#DIV/0!"),
            row("G", 2024, "Bảo tàng", edu="có", visits="12,5"),
        ],
    )
    records = data.records.set_index("id")
    assert records.loc["A", "learning_visits"] == 12500
    assert records.loc["B", "learning_visits"] == 1234567
    assert (records.loc["C", "category"], records.loc["C", "level"]) == (
        "public_library",
        "commune",
    )
    assert (records.loc["D", "category"], records.loc["D", "level"]) == (
        "cultural_center",
        "province",
    )
    assert records.loc["A", "lifelong_learning"] and not records.loc["B", "lifelong_learning"]
    errors = [(p.row, p.cell, p.code, p.value) for p in data.problems if p.severity == "error"]
    assert errors == [
        (6, "E6", "level-conflict", "huyện"),
        (7, "I7", "formula-error", "#REF!"),
        (7, "L7", "formula-error", "#DIV/0!"),
        (8, "L8", "not-whole-number", "12,5"),
    ]


def test_formula_error_cells_of_an_xlsx_are_reported(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "f.xlsx", [row("M", 2024, "Bảo tàng", edu="có", visits=1)])
    workbook = openpyxl.load_workbook(path)
    workbook.active["L2"] = "#REF!"  # stored as an error cell, as Excel saves a broken formula
    workbook.save(path)
    assert workbook.active["L2"].data_type == "e"
    code, document = check_json(str(path))
    assert code == Exit.DATA_PROBLEMS
    assert [(p["cell"], p["code"], p["value"]) for p in document["problems"]] == [
        ("L2", "formula-error", "#REF!")
    ]


def test_wide_year_columns_in_one_header_row(tmp_path: Path) -> None:
    headers = ["STT", "Mã đơn vị", "Tên đơn vị", "Loại hình", "learning_visits_2023",
               "Lượt phục vụ học tập 2024", "Chương trình giáo dục 2023",
               "Chương trình giáo dục 2024"]  # fmt: skip
    rows = [[1, "M1", "Bảo tàng tỉnh", "Bảo tàng", 1000, 1100, "Không", "Có"],
            [2, "M2", "Bảo tàng Tân Trào", "Bảo tàng", None, 500, None, "Có"]]  # fmt: skip
    path = write_xlsx(tmp_path / "wide.xlsx", rows, headers=headers)
    code, document = check_json(str(path))
    assert code == Exit.OK, document["problems"]
    assert [f["year_from_headers"] for f in document["files"]] == [2023, 2024]
    assert [f["used"] for f in document["files"]] == [1, 2]
    visits = next(i for i in document["indicators"] if i["id"] == "2.2-museum-learning-visits")
    assert visits["series"] == {"2023": 1000, "2024": 1600}
    assert visits["like_for_like"]["total"] == 1100
    edu = next(i for i in document["indicators"] if i["id"] == "2.2-museum-education")
    assert (edu["achieved"], edu["total"]) == (2, 2)


def test_a_numbering_row_under_the_header_is_skipped(tmp_path: Path) -> None:
    numbering = [f"({k})" for k in range(1, len(HEADERS) + 1)]
    path = write_xlsx(tmp_path / "n.xlsx", [numbering, *ROWS])
    code, document = check_json(str(path))
    assert (code, document["counts"]["used"]) == (Exit.OK, 3)


def _zip_bomb(path: Path) -> Path:
    """A tiny zip whose central directory declares a 4 GiB member."""
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
    data = bytearray(path.read_bytes())
    central = data.rfind(b"PK\x01\x02")
    data[central + 24 : central + 28] = (0xFFFFFFF0).to_bytes(4, "little")
    path.write_bytes(bytes(data))
    return path


def _empty(path: Path) -> Path:
    path = path.with_suffix(".xlsx")
    path.write_bytes(b"")
    return path


def _corrupt(path: Path) -> Path:
    path = path.with_suffix(".xlsx")
    path.write_bytes(b"PK\x03\x04" + b"\0" * 64)
    return path


def _too_large(path: Path) -> Path:
    path = path.with_suffix(".csv")
    path.write_bytes(b"id,name\n" * 200_000)  # 1.5 MiB, over --max-file-size 1
    return path


@pytest.mark.parametrize(
    ("make", "code", "message"),
    [
        (_empty, 2, "empty"),
        (lambda p: _zip_bomb(p.with_suffix(".xlsx")), 2, "unpacks to 4,096 MiB"),
        (_corrupt, 2, "damaged workbook"),
        (lambda p: write_xlsx(p.with_suffix(".xlsx"), []), 1, None),
        (lambda p: write_xlsx(p.with_suffix(".xlsx"), [], headers=("a", "b")), 1, None),
        (_too_large, 2, "larger than any real submission"),
    ],
    ids=["empty", "zip-bomb", "corrupt", "header-only", "no-table", "too-large"],
)
def test_bad_files_end_in_one_line_and_the_documented_code(
    tmp_path: Path, make: Callable[[Path], Path], code: int, message: str | None
) -> None:
    path = make(tmp_path / "bad")
    before = path.read_bytes()
    result = runner.invoke(app, ["check", str(path), "--max-file-size", "1"])
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    if code == Exit.CANNOT_RUN:
        lines = result.stderr.strip().splitlines()
        assert message is not None
        assert len(lines) == 1 and path.name in lines[0] and message in lines[0]
    else:
        assert "DỮ LIỆU CHƯA HỢP LỆ" in result.stdout
    assert path.read_bytes() == before


@pytest.mark.skipif(not (PEERS / "pass_protected.xlsx").exists(), reason="no peers corpus")
def test_a_password_protected_workbook(tmp_path: Path) -> None:
    result = runner.invoke(app, ["check", str(PEERS / "pass_protected.xlsx")])
    assert result.exit_code == Exit.CANNOT_RUN
    assert "password-protected" in result.stderr


def test_one_unreadable_file_among_several_stops_the_run(
    xlsx: Callable[..., Path], tmp_path: Path
) -> None:
    good = xlsx(ROWS)
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"")
    result = runner.invoke(app, ["check", str(good), str(bad), "-f", "json"])
    assert result.exit_code == Exit.CANNOT_RUN
    assert result.stdout == ""  # never a partial result presented as complete
    assert "cannot read 1 of 2 files; nothing was checked" in result.stderr


def test_the_correction_workbook(tmp_path: Path) -> None:
    rows = [*ROWS, row("=HYPERLINK(1)", 2024, "Thư viện tư nhân", name="=1+1"),
            row("M2", 2024, "Bảo tàng", edu="", visits=5)]  # fmt: skip
    path = write_xlsx(tmp_path / "na-hang.xlsx", rows, above=[["UBND HUYỆN NA HANG"]])
    before = path.read_bytes()
    out = tmp_path / "na-hang-loi.xlsx"
    result = runner.invoke(app, ["check", str(path), "--errors-xlsx", str(out), "--lang", "vi"])
    assert result.exit_code == Exit.DATA_PROBLEMS
    assert path.read_bytes() == before
    workbook = openpyxl.load_workbook(out)
    assert workbook.sheetnames == ["Danh sách lỗi", "na-hang - institutions"]
    listing, copy = workbook.worksheets
    assert [c.value for c in listing[1]] == [
        "Mức độ", "Mã lỗi", "Tệp", "Trang tính", "Cột", "Số", "Đến ô", "Vị trí", "Nội dung"
    ]  # fmt: skip
    found = [[c.value for c in r] for r in listing.iter_rows(min_row=2)]
    # The header as typed: the title above the header row is read as its top line.
    header = "UBND HUYỆN NA HANG / "
    assert [(r[1], r[4], r[5], r[6], r[7]) for r in found] == [
        ("unknown-category", f"D “{header}category”", 1, "D6",
         f"D6 “Thư viện tư nhân” ở cột D “{header}category”"),
        ("flag-blank", f"I “{header}education_program”", 1, "I7",
         f"I7 (trống) ở cột I “{header}education_program”"),
    ]  # fmt: skip
    assert found[0][8].startswith("không phải là loại hình của kế hoạch")
    assert listing["G2"].hyperlink.location == "'na-hang - institutions'!D6"
    assert copy["A1"].value == "UBND HUYỆN NA HANG"  # the title block is kept
    assert copy["D6"].value == "Thư viện tư nhân"  # same cell as in the submission
    assert copy["D6"].fill.fgColor.rgb.endswith("FFC7CE")
    assert copy["D6"].comment is not None and "unknown-category" in copy["D6"].comment.text
    assert copy["I7"].fill.fgColor.rgb.endswith("FFEB9C")
    assert (copy["A6"].value, copy["A6"].data_type) == ("=HYPERLINK(1)", "s")
    assert (copy["B6"].value, copy["B6"].data_type) == ("=1+1", "s")
    # Text one indent in, so that a number on its left never runs into it when printed;
    # header text bold, a marked cell coloured and indented alike; numbers as they are.
    assert copy["D6"].alignment.indent == 1 and copy["B5"].alignment.indent == 1
    assert copy["A2"].font.b and copy["A2"].alignment.indent == 1
    assert copy["C5"].alignment.indent == 0
    assert not any(p.name.endswith(".tmp") for p in tmp_path.iterdir())


def test_the_correction_workbook_never_replaces_an_input(xlsx: Callable[..., Path]) -> None:
    path = xlsx(ROWS)
    result = runner.invoke(app, ["check", str(path), "--errors-xlsx", str(path)])
    assert result.exit_code == Exit.CANNOT_RUN and "never writes over an input" in result.stderr


def test_breakdown_by_district(tmp_path: Path) -> None:
    rows = [
        row("A", 2024, "Thư viện công cộng", "xã", ll="có", digital="có", district="Na Hang"),
        row("B", 2024, "Thư viện công cộng", "xã", ll="không", digital="có", district="na hang"),
        row("C", 2024, "Thư viện công cộng", "xã", ll="có", digital="không", district="Lâm Bình"),
        row("D", 2024, "Thư viện công cộng", "xã", ll="có", digital="không"),
    ]
    path = write_xlsx(tmp_path / "d.xlsx", rows)
    code, document = check_json(str(path), "--by", "district")
    assert code == Exit.OK
    groups = document["breakdown"]["groups"]
    # The rows that name no district are a group of their own, named by the outputs.
    assert [g["name"] for g in groups] == ["Lâm Bình", "Na Hang", None]
    assert (document["breakdown"]["by"], document["breakdown"]["label"]["vi"]) == (
        "district",
        "Huyện",
    )
    commune = [
        next(i for i in g["indicators"] if i["id"] == "2.1.1-public-commune") for g in groups
    ]
    assert [(i["achieved"], i["total"]) for i in commune] == [(1, 1), (1, 2), (1, 1)]
    province = next(i for i in document["indicators"] if i["id"] == "2.1.1-public-commune")
    assert (province["achieved"], province["total"]) == (3, 4)
    table = runner.invoke(app, ["check", str(path), "--by", "district", "--lang", "vi"])
    assert "Toàn tỉnh" in table.stdout and "Na Hang" in table.stdout
    assert "(không rõ huyện)" in table.stdout


def test_a_file_named_twice_is_read_once(xlsx: Callable[..., Path]) -> None:
    path = xlsx(ROWS)
    code, document = check_json(str(path), str(path), str(path.parent))
    assert (code, len(document["files"]), document["counts"]["errors"]) == (Exit.OK, 1, 0)
