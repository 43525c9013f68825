"""Seeded generator of realistic institution data in ltl-plan's input format.

One row per institution per reporting year, with the Vietnamese headers of the
submissions the districts send ("Mã đơn vị", "Tên đơn vị", "Năm", ...), Vietnamese
institution names, every category of the plan (public libraries and cultural centres at
provincial, district and commune level), one provincial library and cultural centre per
province and one district library and cultural centre per district, and provinces added
as the data grows (about 2,000 institutions each, up to Vietnam's 63), as in a national
roll-up. The yes/no columns are filled (``Có``/``Không``) only where an indicator of the
plan counts them, and the learning visits (whole numbers) only for libraries and museums;
a small share of those cells is left blank (not reported), which ``ltl-plan check``
reports as warnings. Shares of "Có" and visits grow from year to year.

``--noisy`` writes the same institutions with every yes/no column filled in every row, as
offices do with a form: each answer in a column the plan does not count for the
institution's category is a ``flag-not-applicable`` warning (about 3.3 a row: 330,000 on
100,000 rows). ``--fill-column NAME`` fills only the columns named, e.g. "Chương trình
giáo dục" (counted for museums only): the same warning in the same column on nearly
every row. The rows are otherwise those of the clean file, cell for cell.

``rows`` rows in total over ``years`` consecutive years ending in ``last_year``: every
institution reports each year (ids are unique per year), and when ``rows`` is not a
multiple of ``years`` the remainder are institutions that opened in the last year. Every
category is present from 13 institutions per year on. The same arguments always give the
same rows.

Run as a script::

    python benchmarks/generate.py --rows 100000 --years 8 --seed 76 --format xlsx \\
        --out benchmarks/data/institutions-100k.xlsx

or import it (``from generate import Spec, generate``) with ``benchmarks/`` on the path.
Workbooks are written with the fastest writer installed (``benchmarks/requirements.txt``:
rustpy-xlsxwriter, else XlsxWriter; both with a shared-string table, as Excel saves),
falling back to openpyxl's write-only mode (inline strings), which ltl-plan depends on.
"""

from __future__ import annotations

import argparse
import csv
import importlib
import itertools
import math
import os
import random
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

# Bump when the rows produced for the same arguments change (cached files are named by it).
GENERATOR_VERSION = 1

SHEET = "Danh sách đơn vị"
LL, DIG, EDU, CRE, ACT = (
    "Dịch vụ học tập suốt đời",
    "Ứng dụng CNTT, chuyển đổi số",
    "Chương trình giáo dục",
    "Hỗ trợ sáng tạo, hưởng thụ văn hóa",
    "Hoạt động học tập suốt đời",
)
VISITS = "Lượt phục vụ học tập"
HEADERS: tuple[str, ...] = (
    "Mã đơn vị",
    "Tên đơn vị",
    "Năm",
    "Loại hình",
    "Cấp",
    "Huyện",
    LL,
    DIG,
    EDU,
    CRE,
    ACT,
    VISITS,
)
COL = {name: index for index, name in enumerate(HEADERS)}
YES, NO = "Có", "Không"
FLAGS: tuple[str, ...] = (LL, DIG, EDU, CRE, ACT)  # the yes/no columns

Cell = str | int | None
Row = list[Cell]
Format = Literal["xlsx", "csv"]
Writer = Literal["auto", "rustpy", "xlsxwriter", "openpyxl"]
WRITERS: tuple[str, ...] = ("auto", "rustpy", "xlsxwriter", "openpyxl")

# Vietnam's 63 provinces and centrally-run cities (before the 2025 merger), with their
# administrative codes; the plan's own province first.
CITIES = {"Hà Nội", "Hải Phòng", "Đà Nẵng", "Hồ Chí Minh", "Cần Thơ"}
PROVINCES: tuple[tuple[str, str], ...] = (
    ("08", "Tuyên Quang"), ("01", "Hà Nội"), ("02", "Hà Giang"), ("04", "Cao Bằng"),
    ("06", "Bắc Kạn"), ("10", "Lào Cai"), ("11", "Điện Biên"), ("12", "Lai Châu"),
    ("14", "Sơn La"), ("15", "Yên Bái"), ("17", "Hòa Bình"), ("19", "Thái Nguyên"),
    ("20", "Lạng Sơn"), ("22", "Quảng Ninh"), ("24", "Bắc Giang"), ("25", "Phú Thọ"),
    ("26", "Vĩnh Phúc"), ("27", "Bắc Ninh"), ("30", "Hải Dương"), ("31", "Hải Phòng"),
    ("33", "Hưng Yên"), ("34", "Thái Bình"), ("35", "Hà Nam"), ("36", "Nam Định"),
    ("37", "Ninh Bình"), ("38", "Thanh Hóa"), ("40", "Nghệ An"), ("42", "Hà Tĩnh"),
    ("44", "Quảng Bình"), ("45", "Quảng Trị"), ("46", "Thừa Thiên Huế"), ("48", "Đà Nẵng"),
    ("49", "Quảng Nam"), ("51", "Quảng Ngãi"), ("52", "Bình Định"), ("54", "Phú Yên"),
    ("56", "Khánh Hòa"), ("58", "Ninh Thuận"), ("60", "Bình Thuận"), ("62", "Kon Tum"),
    ("64", "Gia Lai"), ("66", "Đắk Lắk"), ("67", "Đắk Nông"), ("68", "Lâm Đồng"),
    ("70", "Bình Phước"), ("72", "Tây Ninh"), ("74", "Bình Dương"), ("75", "Đồng Nai"),
    ("77", "Bà Rịa - Vũng Tàu"), ("79", "Hồ Chí Minh"), ("80", "Long An"),
    ("82", "Tiền Giang"), ("83", "Bến Tre"), ("84", "Trà Vinh"), ("86", "Vĩnh Long"),
    ("87", "Đồng Tháp"), ("89", "An Giang"), ("91", "Kiên Giang"), ("92", "Cần Thơ"),
    ("93", "Hậu Giang"), ("94", "Sóc Trăng"), ("95", "Bạc Liêu"), ("96", "Cà Mau"),
)  # fmt: skip
INSTITUTIONS_PER_PROVINCE = 2000
MAX_DISTRICTS_PER_PROVINCE = 12
# Words of Vietnamese place names; districts and communes are named by pairs of them.
PLACE_WORDS = [
    "An",
    "Bình",
    "Châu",
    "Đông",
    "Đức",
    "Gia",
    "Hà",
    "Hải",
    "Hòa",
    "Hoàng",
    "Hưng",
    "Hương",
    "Kim",
    "Lạc",
    "Lâm",
    "Long",
    "Minh",
    "Mỹ",
    "Nam",
    "Ninh",
    "Phú",
    "Phúc",
    "Quang",
    "Sơn",
    "Tân",
    "Thạch",
    "Thái",
    "Thanh",
    "Thuận",
    "Tiên",
    "Trung",
    "Vĩnh",
    "Xuân",
    "Yên",
    "Bắc",
    "Cẩm",
    "Đại",
    "Lương",
    "Hiệp",
    "Khánh",
    "Lộc",
    "Nghĩa",
    "Phong",
    "Thọ",
    "Thịnh",
    "Tường",
    "Hội",
    "Lợi",
    "Hồng",
    "Nhân",
    "Quý",
    "Văn",
    "Cao",
    "Đồng",
    "Thượng",
    "Hạ",
    "Tây",
    "Vạn",
    "Định",
    "Hùng",
]

PUB, CC = "Thư viện công cộng", "Trung tâm văn hóa"


@dataclass(frozen=True)
class Kind:
    """One kind of institution: its category and level as typed, its id prefix, the share
    of "Có" in each counted yes/no column in the first and the last year, its yearly
    learning visits in the opening year (range), and its weight among the institutions
    that are not one per province or district."""

    category: str
    level: str | None
    prefix: str
    flags: dict[str, tuple[float, float]]
    visits: tuple[int, int] | None
    weight: float = 0.0


KINDS: dict[str, Kind] = {
    "public_T": Kind(PUB, "Tỉnh", "TV-T", {LL: (0.9, 1.0), DIG: (0.8, 1.0)}, (40000, 120000)),
    "public_H": Kind(PUB, "Huyện", "TV-H", {LL: (0.5, 0.9), DIG: (0.35, 0.75)}, (6000, 25000)),
    "cc_T": Kind(CC, "Tỉnh", "TTVH-T", {CRE: (0.9, 1.0), ACT: (0.6, 1.0)}, None),
    "cc_H": Kind(CC, "Huyện", "TTVH-H", {CRE: (0.5, 0.9), ACT: (0.4, 0.8)}, None),
    # Weighted kinds, in the order they are given one institution each when there are few.
    "school": Kind(
        "Thư viện cơ sở giáo dục phổ thông",
        None,
        "TV-PT",
        {LL: (0.5, 0.72), DIG: (0.25, 0.5)},
        (800, 12000),
        62.0,
    ),
    "public_X": Kind(PUB, "Xã", "TV-X", {LL: (0.2, 0.45), DIG: (0.08, 0.25)}, (300, 3000), 14.0),
    "museum": Kind("Bảo tàng", None, "BT", {EDU: (0.3, 0.75)}, (4000, 40000), 1.2),
    "university": Kind(
        "Thư viện đại học", None, "TV-DH", {LL: (0.8, 1.0), DIG: (0.7, 1.0)}, (20000, 60000), 0.6
    ),
    "armed": Kind(
        "Thư viện lực lượng vũ trang",
        None,
        "TV-LLVT",
        {LL: (0.4, 0.85), DIG: (0.2, 0.65)},
        (1500, 8000),
        1.5,
    ),
    "vocational": Kind(
        "Thư viện cơ sở giáo dục nghề nghiệp",
        None,
        "TV-NN",
        {LL: (0.45, 0.75), DIG: (0.3, 0.7)},
        (2500, 12000),
        2.0,
    ),
    "other_ed": Kind(
        "Thư viện cơ sở giáo dục khác",
        None,
        "TV-GDK",
        {LL: (0.35, 0.65), DIG: (0.2, 0.6)},
        (1000, 5000),
        1.5,
    ),
    "specialized": Kind(
        "Thư viện chuyên ngành", None, "TV-CN", {DIG: (0.35, 0.7)}, (800, 6000), 2.5
    ),
    "cc_X": Kind(CC, "Xã", "NVH-X", {}, None, 8.0),
}
WEIGHTED = tuple(code for code, kind in KINDS.items() if kind.weight > 0)


@dataclass(frozen=True)
class Spec:
    """What to generate: ``rows`` rows over ``years`` years ending in ``last_year``."""

    rows: int
    years: int = 8
    seed: int = 76
    last_year: int = 2025
    blank_rate: float = 0.002  # share of counted yes/no and visits cells left blank
    # Yes/no columns answered in every row, also where the plan does not count them for
    # the institution's category (each such answer a flag-not-applicable warning).
    fill: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.rows < 1:
            raise ValueError("rows must be at least 1")
        if not 1 <= self.years <= self.last_year - 2015 + 1:
            raise ValueError(f"years must be 1 to {self.last_year - 2015 + 1} (from 2015 on)")
        if not 0 <= self.blank_rate < 1:
            raise ValueError("blank_rate must be in [0, 1)")
        unknown = [name for name in self.fill if name not in FLAGS]
        if unknown:
            raise ValueError(f"not a yes/no column: {', '.join(unknown)}")

    @property
    def first_year(self) -> int:
        return self.last_year - self.years + 1

    @property
    def institutions(self) -> int:
        """Institutions reporting in the last year."""
        return self.rows // self.years + self.rows % self.years


@dataclass(frozen=True)
class Institution:
    ident: str
    name: str
    category: str
    level: str | None
    district: str
    opened: int
    # (column index, the institution's threshold, share of "Có" in the first and last year)
    flags: tuple[tuple[int, float, float, float], ...]
    visits: tuple[float, float] | None  # visits in the opening year, yearly growth factor


# -- names -------------------------------------------------------------------------------


@dataclass
class Province:
    code: str
    name: str
    districts: list[str]
    communes: dict[str, list[str]]

    @property
    def unit(self) -> str:
        return f"thành phố {self.name}" if self.name in CITIES else f"tỉnh {self.name}"


def _place_names(rng: random.Random, count: int, taken: set[str] | None = None) -> list[str]:
    """``count`` distinct two-word place names (e.g. "Yên Sơn"), none in ``taken``."""
    seen = set(taken or ())
    out: list[str] = []
    while len(out) < count:
        first, second = rng.sample(PLACE_WORDS, 2)
        name = f"{first} {second}"
        if name not in seen:
            seen.add(name)
            out.append(name)
    return out


def _commune_unit(rng: random.Random, commune: str) -> str:
    roll = rng.random()
    return (
        f"phường {commune}"
        if roll < 0.07
        else f"thị trấn {commune}"
        if roll < 0.12
        else (f"xã {commune}")
    )


def _district_unit(district: str) -> str:
    return (
        district[0].lower() + district[1:]
        if district.startswith("Thành phố")
        else (f"huyện {district}")
    )


def _name(kind: str, rng: random.Random, province: Province, district: str) -> str:
    """A realistic Vietnamese name for an institution of ``kind`` in ``district``."""
    p, pname, d = province.unit, province.name, _district_unit(district)
    commune = rng.choice(province.communes[district])
    if kind == "public_T":
        return f"Thư viện {p}"
    if kind == "public_H":
        return f"Thư viện {d}"
    if kind == "public_X":
        return f"Thư viện {_commune_unit(rng, commune)}"
    if kind == "cc_T":
        return f"Trung tâm Văn hóa {p}"
    if kind == "cc_H":
        return f"Trung tâm Văn hóa, Truyền thông và Thể thao {d}"
    if kind == "cc_X":
        return rng.choice(("Nhà văn hóa", "Trung tâm Văn hóa - Thể thao")) + (
            f" {_commune_unit(rng, commune)}"
        )
    if kind == "school":
        grade = rng.choices(
            ("Tiểu học", "THCS", "Tiểu học và THCS", "PTDTBT THCS", "THPT"), (45, 33, 8, 4, 10)
        )[0]
        return f"Thư viện Trường {grade} {commune}"
    if kind == "university":
        field = rng.choice(
            (
                "Sư phạm",
                "Y Dược",
                "Kinh tế",
                "Nông Lâm",
                "Kỹ thuật Công nghiệp",
                "Khoa học",
                "Văn hóa, Thể thao và Du lịch",
                "Công nghệ Thông tin",
            )
        )
        return f"Thư viện Trường Đại học {field} {pname}"
    if kind == "armed":
        return rng.choice(
            (
                f"Thư viện Công an {p}",
                f"Thư viện Bộ Chỉ huy Quân sự {p}",
                f"Thư viện Bộ Chỉ huy Bộ đội Biên phòng {p}",
                f"Thư viện Trường Quân sự {p}",
                f"Thư viện Ban Chỉ huy Quân sự {d}",
                f"Thư viện Công an {d}",
            )
        )
    if kind == "vocational":
        field = rng.choice(
            (
                "Nghề Kỹ thuật",
                "Y tế",
                "Kỹ thuật Nông Lâm",
                "Văn hóa Nghệ thuật",
                "Kinh tế - Kỹ thuật",
                "Nghề Dân tộc nội trú",
            )
        )
        return rng.choice(
            (
                f"Thư viện Trường Cao đẳng {field} {pname}",
                f"Thư viện Trường Trung cấp {field} {pname}",
                f"Thư viện Trung tâm Giáo dục nghề nghiệp {d}",
            )
        )
    if kind == "other_ed":
        return rng.choice(
            (
                f"Thư viện Trung tâm GDNN-GDTX {d}",
                f"Thư viện Trung tâm Giáo dục thường xuyên {p}",
                f"Thư viện Trung tâm Học tập cộng đồng xã {commune}",
            )
        )
    if kind == "specialized":
        department = rng.choice(
            (
                "Khoa học và Công nghệ",
                "Tư pháp",
                "Nông nghiệp và Phát triển nông thôn",
                "Tài nguyên và Môi trường",
                "Văn hóa, Thể thao và Du lịch",
            )
        )
        return rng.choice(
            (
                f"Thư viện Bệnh viện Đa khoa {p}",
                f"Thư viện Trung tâm Y tế {d}",
                f"Thư viện Sở {department} {p}",
                f"Thư viện Trường Chính trị {p}",
                f"Thư viện Trung tâm Kiểm soát bệnh tật {p}",
            )
        )
    if kind == "museum":
        return rng.choice(
            (
                f"Bảo tàng {p}",
                f"Bảo tàng Lực lượng vũ trang {p}",
                f"Bảo tàng Văn hóa các dân tộc {pname}",
                f"Bảo tàng Di tích lịch sử {commune}",
                f"Bảo tàng Lịch sử {pname}",
            )
        )
    raise ValueError(f"unknown kind {kind!r}")


# -- institutions ------------------------------------------------------------------------


def _allocate(total: int, codes: Sequence[str]) -> dict[str, int]:
    """Split ``total`` among the weighted kinds: one each first (in order, while there are
    enough), the rest by weight with the largest remainders."""
    counts = dict.fromkeys(codes, 0)
    for code in codes[:total]:
        counts[code] = 1
    rest = total - sum(counts.values())
    if rest <= 0:
        return counts
    weights = [KINDS[code].weight for code in codes]
    shares = [rest * w / sum(weights) for w in weights]
    floors = [math.floor(s) for s in shares]
    order = sorted(range(len(codes)), key=lambda i: floors[i] - shares[i])
    for i in order[: rest - sum(floors)]:
        floors[i] += 1
    for code, extra in zip(codes, floors, strict=True):
        counts[code] += extra
    return counts


def institutions(spec: Spec) -> list[Institution]:
    """Every institution, in id order within each province (the row order of a year)."""
    rng = random.Random(spec.seed)
    total = spec.institutions
    n_provinces = min(len(PROVINCES), max(1, math.ceil(total / INSTITUTIONS_PER_PROVINCE)))
    per_district = round(total / n_provinces * 0.011)
    n_districts = max(1, min(MAX_DISTRICTS_PER_PROVINCE, per_district))
    # Leave room for one institution of each weighted kind when the data is small.
    while n_districts > 1 and total - 2 * n_provinces * (1 + n_districts) < len(WEIGHTED):
        n_districts -= 1
    provinces: list[Province] = []
    for code, name in PROVINCES[:n_provinces]:
        districts = _place_names(rng, n_districts)
        if name not in CITIES:  # the provincial capital is the first district
            districts[0] = f"Thành phố {name.split(' - ')[-1]}"
        communes = {d: _place_names(rng, rng.randint(12, 24), {d}) for d in districts}
        provinces.append(Province(code, name, districts, communes))

    fixed = 2 * n_provinces * (1 + n_districts)
    counts = _allocate(max(0, total - fixed), WEIGHTED)
    plan: list[tuple[str, Province, str]] = []  # kind, province, district
    for province in provinces:
        plan.append(("public_T", province, province.districts[0]))
        plan += [("public_H", province, d) for d in province.districts]
        plan.append(("cc_T", province, province.districts[0]))
        plan += [("cc_H", province, d) for d in province.districts]
    for code in WEIGHTED:
        for i in range(counts[code]):
            province = provinces[i % n_provinces]
            plan.append((code, province, rng.choice(province.districts)))
    plan = plan[:total]  # only when fewer institutions than provinces and districts
    rank = {province.code: index for index, province in enumerate(provinces)}
    plan.sort(key=lambda entry: rank[entry[1].code])

    # The remainder of rows / years are institutions that opened in the last year.
    late = set(rng.sample(range(len(plan)), spec.rows % spec.years)) if spec.years > 1 else set()
    numbers: dict[tuple[str, str], int] = {}
    out: list[Institution] = []
    for index, (code, province, district) in enumerate(plan):
        kind = KINDS[code]
        number = numbers[code, province.code] = numbers.get((code, province.code), 0) + 1
        flags = tuple(
            (COL[flag], rng.random(), first, last) for flag, (first, last) in kind.flags.items()
        )
        visits = None
        if kind.visits is not None:
            visits = (rng.uniform(*kind.visits), rng.uniform(1.03, 1.17))
        out.append(
            Institution(
                ident=f"{kind.prefix}-{province.code}-{number:05d}",
                name=_name(code, rng, province, district),
                category=kind.category,
                level=kind.level,
                district=district,
                opened=spec.last_year if index in late else spec.first_year,
                flags=flags,
                visits=visits,
            )
        )
    return out


def rows(spec: Spec) -> Iterator[Row]:
    """The data rows (without the header), year by year, in id order within a year."""
    units = institutions(spec)
    rng = random.Random(spec.seed + 1)
    noise = random.Random(spec.seed + 2)  # the filled answers: the rows stay the same
    fill = [COL[name] for name in spec.fill]
    blank = spec.blank_rate
    span = max(1, spec.years - 1)
    for year in range(spec.first_year, spec.last_year + 1):
        progress = (year - spec.first_year) / span if spec.years > 1 else 1.0
        for unit in units:
            if unit.opened > year:
                continue
            row: Row = [
                unit.ident,
                unit.name,
                year,
                unit.category,
                unit.level,
                unit.district,
                None,
                None,
                None,
                None,
                None,
                None,
            ]
            for column, threshold, first, last in unit.flags:
                if blank and rng.random() < blank:
                    continue
                row[column] = YES if threshold < first + (last - first) * progress else NO
            if fill:
                counted = {column for column, _, _, _ in unit.flags}
                for column in fill:
                    if column not in counted:
                        row[column] = YES if noise.random() < 0.3 else NO
            if unit.visits is not None and not (blank and rng.random() < blank):
                base, growth = unit.visits
                row[-1] = round(base * growth ** (year - unit.opened))
            yield row


# -- writers -----------------------------------------------------------------------------


def _available(module: str) -> bool:
    try:
        importlib.import_module(module)
    except ImportError:
        return False
    return True


def xlsx_writer(writer: Writer = "auto") -> str:
    """The writer ``auto`` stands for: the fastest one installed."""
    if writer != "auto":
        return writer
    for name, module in (("rustpy", "rustpy_xlsxwriter"), ("xlsxwriter", "xlsxwriter")):
        if _available(module):
            return name
    return "openpyxl"


def write_xlsx(
    path: Path, sheets: Sequence[tuple[str, Iterable[Sequence[Any]]]], writer: Writer = "auto"
) -> str:
    """Write a workbook: one sheet per (name, rows), each row a list of cells (None is a
    blank cell). Returns the writer used: ``auto`` is the fastest installed;
    rustpy-xlsxwriter writes the first row of a sheet with a cell as its header, so it is
    used only when in every sheet that row is distinct texts (else XlsxWriter or openpyxl
    is)."""
    used = xlsx_writer(writer)
    # Per sheet: its name, the blank rows above its first row with a cell, that row (None
    # for an empty sheet), and the rows after it.
    parts: list[tuple[str, int, list[Any] | None, Iterator[Sequence[Any]]]] = []
    for name, data in sheets:
        remaining, skipped = iter(data), 0
        first = next(remaining, None)
        while first is not None and all(value is None for value in first):
            skipped, first = skipped + 1, next(remaining, None)
        parts.append((name, skipped, None if first is None else list(first), remaining))
    if used == "rustpy" and not all(_header_like(first) for _, _, first, _ in parts):
        used = "xlsxwriter" if _available("xlsxwriter") else "openpyxl"
    if used == "rustpy":
        fast: Any = importlib.import_module("rustpy_xlsxwriter")
        book = fast.FastExcel(str(path), output_format="xlsx")
        for name, skipped, first, remaining in parts:
            records = _records(list(first or ()), remaining)
            book.sheet(name, records, dedupe_strings=True, header_row=skipped)
        book.save()
    elif used == "xlsxwriter":
        module: Any = importlib.import_module("xlsxwriter")
        book = module.Workbook(str(path))
        for name, skipped, first, remaining in parts:
            worksheet = book.add_worksheet(name)
            if first is not None:
                rows_from_first = itertools.chain([first], remaining)
                for index, values in enumerate(rows_from_first, start=skipped):
                    worksheet.write_row(index, 0, values)
        book.close()
    elif used == "openpyxl":
        from openpyxl import Workbook

        book = Workbook(write_only=True)
        for name, skipped, first, remaining in parts:
            worksheet = book.create_sheet(name)
            for _ in range(skipped):
                worksheet.append([])
            if first is not None:
                for values in itertools.chain([first], remaining):
                    worksheet.append(list(values))
        book.save(str(path))
    else:
        raise ValueError(f"unknown writer {writer!r}; expected one of {', '.join(WRITERS)}")
    return used


def _records(keys: list[Any], rows: Iterator[Sequence[Any]]) -> Iterator[dict[Any, Any]]:
    """Rows as the records rustpy-xlsxwriter takes: keyed by the header row."""
    for values in rows:
        yield dict(zip(keys, values, strict=False))


def _header_like(row: Sequence[Any] | None) -> bool:
    """Distinct non-empty texts: a row rustpy-xlsxwriter can write as a header."""
    return (
        bool(row)
        and all(isinstance(value, str) and value for value in row or ())
        and len(set(row or ())) == len(row or ())
    )


def write_csv(path: Path, data: Iterable[Sequence[Any]], header: Sequence[str] = HEADERS) -> None:
    """UTF-8 CSV (no byte-order mark); None is an empty field."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(header)
        out.writerows(data)


def generate(path: Path, spec: Spec, fmt: Format | None = None, writer: Writer = "auto") -> Path:
    """Write the rows of ``spec`` to ``path`` (format from its suffix unless given),
    atomically: an interrupted run leaves no partial file under ``path``."""
    kind = _kind(path, fmt)
    _write(path, rows(spec), kind, writer)
    return path


def generate_folder(
    folder: Path, spec: Spec, files: int, fmt: Format = "xlsx", writer: Writer = "auto"
) -> list[Path]:
    """The rows of ``spec`` as ``files`` submissions in ``folder`` (consecutive slices of
    about equal size, as districts would send them), each written atomically."""
    if files < 1:
        raise ValueError("--files must be 1 or more")
    data = list(rows(spec))
    size = -(-len(data) // files)
    paths = []
    for index in range(files):
        path = folder / f"submission-{index + 1:03d}.{fmt}"
        _write(path, data[index * size : (index + 1) * size], fmt, writer)
        paths.append(path)
    return paths


def _kind(path: Path, fmt: Format | None) -> Format:
    kind = fmt or path.suffix.lower().lstrip(".")
    if kind not in ("xlsx", "csv"):
        raise ValueError(f"{path}: format must be xlsx or csv, not {kind!r}")
    return "xlsx" if kind == "xlsx" else "csv"


def _write(path: Path, data: Iterable[Row], kind: Format, writer: Writer) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.stem}.partial.{kind}")
    try:
        if kind == "xlsx":
            write_xlsx(partial, [(SHEET, itertools.chain([HEADERS], data))], writer)
        else:
            write_csv(partial, data)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Generate realistic, seeded institution data in ltl-plan's input format."
    )
    parser.add_argument("--rows", type=int, required=True, help="rows in total (all years)")
    parser.add_argument("--years", type=int, default=8, help="reporting years (default 8)")
    parser.add_argument("--last-year", type=int, default=2025, help="last year (default 2025)")
    parser.add_argument("--seed", type=int, default=76, help="random seed (default 76)")
    parser.add_argument(
        "--blank-rate",
        type=float,
        default=0.002,
        help="share of counted yes/no and visits cells left blank (default 0.002)",
    )
    parser.add_argument(
        "--noisy",
        action="store_true",
        help="fill every yes/no column in every row, as a form does (flag-not-applicable "
        "warnings where the plan does not count the column for the category)",
    )
    parser.add_argument(
        "--fill-column",
        action="append",
        choices=FLAGS,
        default=[],
        metavar="NAME",
        help="fill this yes/no column in every row (repeatable): " + "; ".join(FLAGS),
    )
    parser.add_argument("--format", choices=("xlsx", "csv"), help="default: from --out")
    parser.add_argument("--writer", choices=WRITERS, default="auto", help="xlsx writer")
    parser.add_argument(
        "--files",
        type=int,
        help="write this many submission files into the folder --out instead of one file "
        "(the rows split between them; format xlsx unless --format csv)",
    )
    parser.add_argument("--out", type=Path, required=True, help="file (or folder) to write")
    args = parser.parse_args(argv)
    try:
        spec = Spec(
            rows=args.rows,
            years=args.years,
            seed=args.seed,
            last_year=args.last_year,
            blank_rate=args.blank_rate,
            fill=FLAGS if args.noisy else tuple(dict.fromkeys(args.fill_column)),
        )
        if args.files is None:
            generate(args.out, spec, args.format, args.writer)
        else:
            generate_folder(args.out, spec, args.files, args.format or "xlsx", args.writer)
    except ValueError as exc:
        parser.error(str(exc))
    print(
        f"wrote {spec.rows} rows ({spec.institutions} institutions, "
        f"{spec.first_year}-{spec.last_year}) to {args.out}"
        + (f" ({args.files} files)" if args.files else ""),
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
