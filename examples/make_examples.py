"""Write the example workbooks of ltl-plan (synthetic data, seeded: the output never changes).

tuyen-quang-2022-2024.xlsx: one row per institution and reporting year, 2022-2024, for
Tuyên Quang province (plan 76/KH-UBND). Names follow the province's real districts and
communes, but the institutions' answers and figures are invented.

problems.xlsx: 2024 rows with one mistake each (Excel row numbers):
  row 2   clean row (provincial library)
  row 3   blank "Tên đơn vị"
  row 4   unknown category "Thư viện tư nhân"
  row 5   public library with a blank "Cấp"
  row 6   public library with the unknown level "Thôn"
  row 7   year 2042 (outside the reporting years)
  row 8   year "20x4" (not a number)
  row 9   "Lượt phục vụ học tập" = -15
  row 10  "Lượt phục vụ học tập" = "khoảng 300"
  row 11  yes/no cell "Có lẽ" ("Dịch vụ học tập suốt đời")
  row 12  the same "Mã đơn vị" as row 13 (both 2024)
  row 13  the same "Mã đơn vị" as row 12 (both 2024)
  row 14  museum with "Dịch vụ học tập suốt đời" = "Có" (flag does not apply: warning)
  row 15  commune library with "Ứng dụng CNTT, chuyển đổi số" blank (warning)

tuyen-quang-2022-2026.xlsx: the merged province, 2022-2026 (examples/make_merged.py).

Run: python examples/make_examples.py
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from make_merged import ACT, CRE, DIG, EDU, FLAGS, LL
from make_merged import main as merged
from openpyxl import Workbook
from openpyxl.styles import Font

HERE = Path(__file__).resolve().parent
SHEET = "Danh sách đơn vị"
YEARS = (2022, 2023, 2024)
VISITS = "Lượt phục vụ học tập"
REPORTER = "Đơn vị báo cáo"
HEADERS = ("Mã đơn vị", "Tên đơn vị", "Năm", "Loại hình", "Cấp", "Huyện", *FLAGS, VISITS, REPORTER)
WIDTHS = (13, 62, 7, 34, 7, 22, 14, 16, 14, 18, 16, 14, 34)
# Which unit of section IV of the plan sends each kind's figures (district-level units
# send their own libraries and centres; None: the district).
REPORTERS = {
    "public_T": "Sở Văn hóa, Thể thao và Du lịch",
    "museum": "Sở Văn hóa, Thể thao và Du lịch",
    "cc_T": "Sở Văn hóa, Thể thao và Du lịch",
    "specialized": "Sở Văn hóa, Thể thao và Du lịch",
    "school": "Sở Giáo dục và Đào tạo",
    "university": "Sở Giáo dục và Đào tạo",
    "other_ed": "Sở Giáo dục và Đào tạo",
    "vocational": "Sở Lao động - Thương binh và Xã hội",
}
CITY = "Thành phố Tuyên Quang"
# District -> (communes, wards and townships). Commune libraries and houses use the first list.
PLACES: dict[str, tuple[str, str]] = {
    CITY: (
        "An Khang, Thái Long, Kim Phú, Tràng Đà",
        "Phan Thiết, Minh Xuân, Tân Quang, Ỷ La, Hưng Thành, Nông Tiến, Tân Hà, An Tường, "
        "Mỹ Lâm, Đội Cấn, Lưỡng Vượng",
    ),
    "Lâm Bình": (
        "Lăng Can, Thượng Lâm, Khuôn Hà, Phúc Yên, Xuân Lập, Bình An, Hồng Quang, Thổ Bình",
        "",
    ),
    "Na Hang": (
        "Năng Khả, Thanh Tương, Sơn Phú, Đà Vị, Yên Hoa, Khâu Tinh, Côn Lôn, Hồng Thái, "
        "Sinh Long, Thượng Giáp, Thượng Nông",
        "Na Hang",
    ),
    "Chiêm Hóa": (
        "Kim Bình, Tân Mỹ, Hòa Phú, Phúc Sơn, Yên Lập, Trung Hà, Hà Lang, Tân An, "
        "Hùng Mỹ, Xuân Quang, Ngọc Hội, Phú Bình, Bình Phú, Tri Phú, Linh Phú, Nhân Lý, "
        "Kiên Đài, Minh Quang, Tân Thịnh, Vinh Quang, Bình Nhân, Hòa An, Trung Hòa, "
        "Yên Nguyên",
        "Vĩnh Lộc",
    ),
    "Hàm Yên": (
        "Thái Sơn, Yên Thuận, Tân Thành, Bình Xa, Minh Hương, Minh Dân, Minh Khương, "
        "Phù Lưu, Yên Lâm, Yên Phú, Thái Hòa, Đức Ninh, Hùng Đức, Nhân Mục, Thành Long, "
        "Bạch Xa",
        "Tân Yên",
    ),
    "Yên Sơn": (
        "Tân Long, Mỹ Bằng, Trung Môn, Kim Quan, Kiến Thiết, Công Đa, Đạo Viện, "
        "Trung Sơn, Hùng Lợi, Trung Minh, Tân Tiến, Xuân Vân, Phúc Ninh, Lực Hành, "
        "Quý Quân, Chiêu Yên, Lang Quán, Chân Sơn, Thắng Quân, Tứ Quận, Phú Thịnh, "
        "Thái Bình, Nhữ Hán, Nhữ Khê, Đội Bình, Hoàng Khai",
        "Yên Sơn",
    ),
    "Sơn Dương": (
        "Tân Trào, Minh Thanh, Bình Yên, Lương Thiện, Trung Yên, Tú Thịnh, Hợp Thành, "
        "Kháng Nhật, Thượng Ấm, Vĩnh Lợi, Cấp Tiến, Sơn Nam, Đại Phú, Phú Lương, "
        "Tam Đa, Hào Phú, Hồng Lạc, Văn Phú, Thiện Kế, Ninh Lai, Sầm Dương, Đông Thọ, "
        "Quyết Thắng, Hợp Hòa, Chi Thiết, Đông Lợi, Trường Sinh, Tuân Lộ, Phúc Ứng",
        "Sơn Dương",
    ),
}
DISTRICTS = tuple(PLACES)


def names(text: str) -> list[str]:
    return [n for n in text.split(", ") if n]


MOUNTAIN = {"Lâm Bình", "Na Hang"}  # boarding schools for ethnic minorities (PTDTBT)
COMMUNE_LIBRARIES = names(  # always among the commune libraries
    "Tân Trào, Minh Thanh, Hồng Thái, Kim Bình, Thượng Lâm, Khuôn Hà, Năng Khả, Thanh Tương, "
    "Yên Hoa, Tân Mỹ, Hòa Phú, Phúc Sơn, Thái Sơn, Yên Thuận, Tân Long, Mỹ Bằng, Trung Môn, "
    "Kháng Nhật, Sơn Nam, Phúc Ứng"
)
HIGH_SCHOOLS = {
    CITY: ["Chuyên Tuyên Quang", "Tân Trào", "Ỷ La", "Nguyễn Văn Huyên", "Sông Lô"],
    "Lâm Bình": ["Lâm Bình", "Thượng Lâm"],
    "Na Hang": ["Na Hang", "Yên Hoa"],
    "Chiêm Hóa": ["Chiêm Hóa", "Minh Quang", "Hà Lang", "Hòa Phú", "Kim Bình"],
    "Hàm Yên": ["Hàm Yên", "Thái Hòa", "Phù Lưu"],
    "Yên Sơn": ["Xuân Vân", "Trung Sơn", "Xuân Huy", "Tháng 10"],
    "Sơn Dương": ["Sơn Dương", "Sơn Nam", "Kháng Nhật", "ATK Tân Trào", "Đông Thọ", "Kim Xuyên"],
}
# (name, district, year opened); year 2022 means "already open in the first year".
FIXED: dict[str, list[tuple[str, str, int]]] = {
    "university": [("Thư viện Trường Đại học Tân Trào", "Yên Sơn", 2022)],
    "armed": [
        ("Thư viện Công an tỉnh Tuyên Quang", CITY, 2022),
        ("Thư viện Bộ Chỉ huy Quân sự tỉnh Tuyên Quang", CITY, 2022),
        ("Thư viện Trường Quân sự tỉnh Tuyên Quang", "Yên Sơn", 2022),
        ("Thư viện Ban Chỉ huy Quân sự huyện Sơn Dương", "Sơn Dương", 2022),
        ("Thư viện Ban Chỉ huy Quân sự huyện Chiêm Hóa", "Chiêm Hóa", 2022),
    ],
    "vocational": [
        ("Thư viện Trường Cao đẳng Nghề Kỹ thuật Tuyên Quang", CITY, 2022),
        ("Thư viện Trường Trung cấp Y tế Tuyên Quang", CITY, 2022),
        ("Thư viện Trường Trung cấp Kỹ thuật Nông Lâm Tuyên Quang", "Yên Sơn", 2022),
        ("Thư viện Trường Trung cấp Văn hóa Nghệ thuật Tuyên Quang", CITY, 2022),
        ("Thư viện Trường Trung cấp Nghề Dân tộc nội trú Chiêm Hóa", "Chiêm Hóa", 2022),
        ("Thư viện Trường Trung cấp Nghề Sơn Dương", "Sơn Dương", 2022),
    ],
    "other_ed": [
        (f"Thư viện Trung tâm GDNN-GDTX huyện {d}", d, 2022)
        for d in ("Sơn Dương", "Hàm Yên", "Chiêm Hóa", "Yên Sơn", "Na Hang")
    ],
    "specialized": [
        ("Thư viện Bệnh viện Đa khoa tỉnh Tuyên Quang", CITY, 2022),
        ("Thư viện Trường Chính trị tỉnh Tuyên Quang", CITY, 2022),
        ("Thư viện Trung tâm Kiểm soát bệnh tật tỉnh Tuyên Quang", CITY, 2022),
        ("Thư viện Sở Khoa học và Công nghệ tỉnh Tuyên Quang", CITY, 2022),
        ("Thư viện Bệnh viện Y dược cổ truyền tỉnh Tuyên Quang", CITY, 2022),
        ("Thư viện Trung tâm Y tế huyện Hàm Yên", "Hàm Yên", 2024),
    ],
    "museum": [
        ("Bảo tàng tỉnh Tuyên Quang", CITY, 2022),
        ("Bảo tàng Tân Trào ATK", "Sơn Dương", 2022),
        ("Bảo tàng Lực lượng vũ trang tỉnh Tuyên Quang", CITY, 2022),
    ],
}


class Kind(NamedTuple):
    category: str
    level: str | None
    prefix: str  # id prefix, e.g. "TV-X-" (numbered with `digits` digits)
    digits: int
    shares: dict[str, tuple[float, float, float]]  # flag -> share of "Có" in 2022, 2023, 2024
    visits: tuple[int, int] | None  # learning visits in the opening year (range)
    growth: tuple[float, float] = (1.06, 1.15)  # yearly factor per institution (range)


PUB, CC = "Thư viện công cộng", "Trung tâm văn hóa"
KINDS: dict[str, Kind] = {
    "public_T": Kind(PUB, "Tỉnh", "TV-T-", 3, {LL: (1, 1, 1), DIG: (1, 1, 1)}, (64000, 70000)),
    "public_H": Kind(
        PUB, "Huyện", "TV-H-", 3, {LL: (0.58, 0.72, 0.86), DIG: (0.43, 0.58, 0.72)}, (9000, 22000)
    ),
    "public_X": Kind(
        PUB, "Xã", "TV-X-", 3, {LL: (0.25, 0.32, 0.38), DIG: (0.10, 0.15, 0.19)}, (300, 2800)
    ),
    "university": Kind(
        "Thư viện đại học", None, "TV-DH-", 2, {LL: (1, 1, 1), DIG: (0, 1, 1)}, (25000, 40000)
    ),
    "armed": Kind(
        "Thư viện lực lượng vũ trang",
        None,
        "TV-LLVT-",
        2,
        {LL: (0.4, 0.6, 0.8), DIG: (0.2, 0.4, 0.6)},
        (2000, 8000),
    ),
    "school": Kind(
        "Thư viện cơ sở giáo dục phổ thông",
        None,
        "TV-PT-",
        3,
        {LL: (0.55, 0.62, 0.68), DIG: (0.30, 0.38, 0.45)},
        (1000, 12500),
    ),
    "vocational": Kind(
        "Thư viện cơ sở giáo dục nghề nghiệp",
        None,
        "TV-NN-",
        2,
        {LL: (0.5, 0.67, 0.67), DIG: (0.34, 0.5, 0.67)},
        (3000, 12000),
    ),
    "other_ed": Kind(
        "Thư viện cơ sở giáo dục khác",
        None,
        "TV-GDK-",
        2,
        {LL: (0.4, 0.6, 0.6), DIG: (0.2, 0.4, 0.6)},
        (1000, 5000),
    ),
    "specialized": Kind(
        "Thư viện chuyên ngành", None, "TV-CN-", 2, {DIG: (0.4, 0.6, 0.67)}, (1000, 6000)
    ),
    "museum": Kind(
        "Bảo tàng", None, "BT-", 2, {EDU: (0.34, 0.67, 0.67)}, (5000, 32000), (1.08, 1.16)
    ),
    "cc_T": Kind(CC, "Tỉnh", "TTVH-T-", 2, {CRE: (1, 1, 1), ACT: (0, 1, 1)}, None),
    "cc_H": Kind(
        CC, "Huyện", "TTVH-H-", 2, {CRE: (0.58, 0.72, 0.86), ACT: (0.43, 0.58, 0.72)}, None
    ),
    "cc_X": Kind(CC, "Xã", "NVH-X-", 2, {}, None),
}


@dataclass
class Unit:
    uid: str
    name: str
    kind: str
    district: str
    opened: int
    flags: dict[tuple[int, str], str | None] = field(default_factory=dict)
    visits: dict[int, int] = field(default_factory=dict)

    def row(self, year: int) -> list[object]:
        k = KINDS[self.kind]
        answers = [self.flags.get((year, f)) for f in FLAGS]
        return [
            self.uid,
            self.name,
            year,
            k.category,
            k.level,
            self.district,
            *answers,
            self.visits.get(year),
            self.reporter(),
        ]

    def reporter(self) -> str:
        if self.kind == "armed":
            return "Công an tỉnh" if "Công an" in self.name else "Bộ Chỉ huy Quân sự tỉnh"
        return REPORTERS.get(self.kind, self.district)


def unit_of(district: str) -> str:
    return "thành phố Tuyên Quang" if district == CITY else f"huyện {district}"


def communes(district: str) -> list[str]:
    return names(PLACES[district][0])


def build(rng: random.Random) -> list[Unit]:
    """Every institution with its answers and visits for each year it reports."""
    plan: dict[str, list[tuple[str, str, int]]] = {
        "public_T": [("Thư viện tỉnh Tuyên Quang", CITY, 2022)],
        "public_H": [(f"Thư viện {unit_of(d)}", d, 2022) for d in DISTRICTS],
        "cc_T": [("Trung tâm Văn hóa tỉnh Tuyên Quang", CITY, 2022)],
        "cc_H": [
            (f"Trung tâm Văn hóa, Truyền thông và Thể thao {unit_of(d)}", d, 2022)
            for d in DISTRICTS
        ],
        **FIXED,
    }
    rural = [(c, d) for d in DISTRICTS for c in communes(d)]
    others = [p for p in rural if p[0] not in COMMUNE_LIBRARIES]
    chosen = [(c, d) for c, d in rural if c in COMMUNE_LIBRARIES] + rng.sample(others, 22)
    plan["public_X"] = [
        (f"Thư viện xã {c}", d, 2022 if i < 40 else 2023 + (i - 40))
        for i, (c, d) in enumerate(chosen)
    ]
    plan["cc_X"] = [(f"Nhà văn hóa xã {c}", d, 2022) for c, d in rng.sample(rural, 10)]
    pool: list[tuple[str, str]] = []
    for d in DISTRICTS:
        places = communes(d) + names(PLACES[d][1])
        lower = "PTDTBT THCS" if d in MOUNTAIN else "THCS"
        pool += [(f"Trường {t} {p}", d) for p in places for t in ("Tiểu học", lower)]
        pool += [(f"Trường THPT {s}", d) for s in HIGH_SCHOOLS[d]]
    rng.shuffle(pool)
    first = sorted(pool[:215], key=lambda p: (DISTRICTS.index(p[1]), p[0]))
    later = zip(pool[215:218], (2023, 2023, 2024), strict=True)  # opened after 2022
    plan["school"] = [(f"Thư viện {n}", d, 2022) for n, d in first] + [
        (f"Thư viện {n}", d, y) for (n, d), y in later
    ]

    units: list[Unit] = []
    for kind, entries in plan.items():
        k = KINDS[kind]
        group = [
            Unit(f"{k.prefix}{i:0{k.digits}d}", n, kind, d, y)
            for i, (n, d, y) in enumerate(entries, start=1)
        ]
        for flag, shares in k.shares.items():  # the first k_y in this order answer "Có"
            order = sorted(group, key=lambda u: (u.opened, rng.random()))
            for year, share in zip(YEARS, shares, strict=True):
                active = [u for u in order if u.opened <= year]
                yes = int(share * len(active) + 0.5)
                for i, u in enumerate(active):
                    u.flags[year, flag] = "Có" if i < yes else "Không"
        for u in group:
            if k.visits is None:
                continue
            lo, hi = k.visits
            for year in YEARS:
                if year == u.opened:
                    u.visits[year] = rng.randint(lo, (lo + hi) // 2 if year > 2022 else hi)
                elif year > u.opened:
                    u.visits[year] = round(u.visits[year - 1] * rng.uniform(*k.growth))
        units += group
    # A few 2024 answers were not reported.
    silent = rng.sample([u for u in units if u.kind == "public_X" and u.opened == 2022], 3)
    for u in silent:
        u.flags[2024, LL] = u.flags[2024, DIG] = None
    rng.choice([u for u in units if u.kind == "school"]).flags[2024, DIG] = None
    rng.choice([u for u in units if u.kind == "cc_H"]).flags[2024, ACT] = None
    return units


def save(rows: list[list[object]], path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    ws.append(list(HEADERS))
    for row in rows:
        ws.append(row)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for col, width in zip(ws.iter_cols(min_row=1, max_row=1), WIDTHS, strict=True):
        ws.column_dimensions[col[0].column_letter].width = width
    visits = HEADERS.index(VISITS) + 1
    for (cell,) in ws.iter_rows(min_row=2, min_col=visits, max_col=visits):
        cell.number_format = "#,##0"
    ws.freeze_panes = "A2"
    wb.save(path)


def problems(units: list[Unit]) -> list[list[object]]:
    """2024 rows with exactly one mistake each; see the list at the top of this file."""
    clean = [u for u in units if None not in (u.flags.get((2024, f), "") for f in FLAGS)]

    def pick(kind: str, n: int = 0) -> list[object]:
        return [u for u in clean if u.kind == kind][n].row(2024)

    rows = [pick("public_T")]
    rows.append(pick("school", 3))
    rows[-1][1] = None
    rows.append(
        [
            "TV-TN-01",
            "Thư viện tư nhân Ánh Dương",
            2024,
            "Thư viện tư nhân",
            None,
            CITY,
            "Có",
            "Không",
            None,
            None,
            None,
            850,
        ]
    )
    rows.append(pick("public_H", 2))
    rows[-1][4] = None
    rows.append(pick("public_X", 5))
    rows[-1][4] = "Thôn"
    rows.append(pick("school", 10))
    rows[-1][2] = 2042
    rows.append(pick("specialized", 1))
    rows[-1][2] = "20x4"
    rows.append(pick("school", 20))
    rows[-1][HEADERS.index(VISITS)] = -15
    rows.append(pick("public_X", 8))
    rows[-1][HEADERS.index(VISITS)] = "khoảng 300"
    rows.append(pick("armed", 2))
    rows[-1][6] = "Có lẽ"
    rows += [pick("school", 30), pick("school", 31)]
    rows[-1][0] = rows[-2][0]
    rows.append(pick("museum", 1))
    rows[-1][6] = "Có"
    rows.append(pick("public_X", 12))
    rows[-1][7] = None
    return rows


def main() -> None:
    units = build(random.Random(76))
    pairs = sorted(
        ((y, u) for u in units for y in YEARS if y >= u.opened), key=lambda p: (p[0], p[1].uid)
    )
    rows = [u.row(y) for y, u in pairs]
    save(rows, HERE / "tuyen-quang-2022-2024.xlsx")
    bad = problems(units)
    save(bad, HERE / "problems.xlsx")
    print(f"wrote {len(rows)} rows to tuyen-quang-2022-2024.xlsx, {len(bad)} to problems.xlsx")
    merged()


if __name__ == "__main__":
    main()
