"""Write examples/tuyen-quang-2022-2026.xlsx: the merged province, 2022-2026 (synthetic
data, seeded: the output never changes).

Tuyên Quang as it is since 1 July 2025: the former provinces of Tuyên Quang and Hà
Giang, reported by district up to 2024 (18 district-level units) and by commune or ward
from 2025 (124 communes and wards, Nghị quyết 1684/NQ-UBTVQH15), with a few hundred
institutions that keep their ids across the reform. The district libraries and district
cultural centres report up to 2024: from 2025 there is no district level. The rows name
no former province: ltl-plan finds it from the district or the commune (the plan file
``tuyen-quang-2025`` knows which former province each lies in). The places are real;
the institutions, their answers and figures are invented.

Checked in the README with ``ltl-plan check examples/tuyen-quang-2022-2026.xlsx --plan
tuyen-quang-2025 --by commune``.

Run: python examples/make_merged.py  (or examples/make_examples.py, which runs it too)
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

HERE = Path(__file__).resolve().parent
YEARS = (2022, 2023, 2024, 2025, 2026)
REFORM = 2025  # from this year: communes and wards, no district
LL, DIG, EDU, CRE, ACT = (
    "Dịch vụ học tập suốt đời",
    "Ứng dụng CNTT, chuyển đổi số",
    "Chương trình giáo dục",
    "Hỗ trợ sáng tạo, hưởng thụ văn hóa",
    "Hoạt động học tập suốt đời",
)
FLAGS = (LL, DIG, EDU, CRE, ACT)
HEADERS = ("Mã đơn vị", "Tên đơn vị", "Năm", "Loại hình", "Cấp", "Huyện", "Xã, phường",
           *FLAGS, "Lượt phục vụ học tập", "Đơn vị báo cáo")  # fmt: skip
WIDTHS = (14, 58, 7, 34, 7, 22, 18, 14, 16, 14, 18, 16, 14, 34)
CULTURE, EDUCATION = "Sở Văn hóa, Thể thao và Du lịch", "Sở Giáo dục và Đào tạo"

# Each former district and new communes and wards that lie in it (Nghị quyết 1684:
# a new unit is listed under the district that gave most of it).
TQ = {
    "Thành phố Tuyên Quang": ["Mỹ Lâm", "Minh Xuân", "Nông Tiến", "An Tường", "Bình Thuận"],
    "Lâm Bình": ["Thượng Lâm", "Lâm Bình", "Minh Quang", "Bình An"],
    "Na Hang": ["Côn Lôn", "Yên Hoa", "Thượng Nông", "Hồng Thái", "Nà Hang"],
    "Chiêm Hóa": ["Tân Mỹ", "Yên Lập", "Tân An", "Chiêm Hóa", "Hòa An", "Kiên Đài", "Tri Phú",
                  "Kim Bình", "Yên Nguyên", "Trung Hà"],
    "Hàm Yên": ["Yên Phú", "Bạch Xa", "Phù Lưu", "Hàm Yên", "Bình Xa", "Thái Sơn", "Thái Hòa",
                "Hùng Đức"],
    "Yên Sơn": ["Hùng Lợi", "Trung Sơn", "Thái Bình", "Tân Long", "Xuân Vân", "Lực Hành",
                "Yên Sơn", "Nhữ Khê", "Kiến Thiết"],
    "Sơn Dương": ["Tân Trào", "Minh Thanh", "Sơn Dương", "Bình Ca", "Tân Thanh", "Sơn Thủy",
                  "Phú Lương", "Trường Sinh", "Hồng Sơn", "Đông Thọ"],
}  # fmt: skip
HG = {
    "Thành phố Hà Giang": ["Ngọc Đường", "Hà Giang 1", "Hà Giang 2"],
    "Đồng Văn": ["Lũng Cú", "Đồng Văn", "Sà Phìn", "Phố Bảng", "Lũng Phìn"],
    "Mèo Vạc": ["Sủng Máng", "Sơn Vĩ", "Mèo Vạc", "Khâu Vai", "Niêm Sơn", "Tát Ngà"],
    "Yên Minh": ["Thắng Mố", "Bạch Đích", "Yên Minh", "Mậu Duệ", "Ngọc Long", "Du Già",
                 "Đường Thượng"],
    "Quản Bạ": ["Lùng Tám", "Cán Tỷ", "Nghĩa Thuận", "Quản Bạ", "Tùng Vài"],
    "Vị Xuyên": ["Lao Chải", "Thanh Thủy", "Minh Tân", "Thuận Hòa", "Tùng Bá", "Phú Linh",
                 "Linh Hồ", "Bạch Ngọc", "Vị Xuyên", "Việt Lâm", "Cao Bồ", "Thượng Sơn"],
    "Bắc Mê": ["Yên Cường", "Đường Hồng", "Bắc Mê", "Giáp Trung", "Minh Sơn", "Minh Ngọc"],
    "Hoàng Su Phì": ["Thông Nguyên", "Hồ Thầu", "Nậm Dịch", "Tân Tiến", "Hoàng Su Phì",
                     "Thàng Tín", "Bản Máy", "Pờ Ly Ngài"],
    "Xín Mần": ["Xín Mần", "Pà Vầy Sủ", "Nấm Dẩn", "Trung Thịnh", "Quảng Nguyên", "Khuôn Lùng"],
    "Bắc Quang": ["Tân Quang", "Đồng Tâm", "Liên Hiệp", "Bằng Hành", "Bắc Quang", "Hùng An",
                  "Vĩnh Tuy", "Đồng Yên"],
    "Quang Bình": ["Tiên Yên", "Xuân Giang", "Bằng Lang", "Yên Thành", "Quang Bình",
                   "Tân Trịnh", "Tiên Nguyên"],
}  # fmt: skip
WARDS = {"Mỹ Lâm", "Minh Xuân", "Nông Tiến", "An Tường", "Bình Thuận", "Hà Giang 1", "Hà Giang 2"}
DISTRICTS = {**TQ, **HG}


def place_name(commune: str) -> str:
    return f"{'phường' if commune in WARDS else 'xã'} {commune}"


def district_unit(district: str) -> str:
    return (
        district.replace("Thành phố", "thành phố")
        if district.startswith("Thành phố")
        else (f"huyện {district}")
    )


@dataclass
class Institution:
    uid: str
    name: str
    category: str
    level: str | None  # Tỉnh, Huyện, Xã
    district: str
    commune: str  # where it stands from 2025
    last: int = 2026  # the last year it reports
    reporter: str | None = None  # an agency; None: its district (to 2024) or commune
    flags: dict[tuple[int, str], str | None] = field(default_factory=dict)
    visits: dict[int, int] = field(default_factory=dict)

    def row(self, year: int) -> list[object]:
        before = year < REFORM
        reporter = self.reporter or (self.district if before else self.commune)
        return [
            self.uid, self.name, year, self.category, self.level,
            self.district if before else None, None if before else self.commune,
            *(self.flags.get((year, f)) for f in FLAGS), self.visits.get(year), reporter,
        ]  # fmt: skip


def build(rng: random.Random) -> list[Institution]:
    """The institutions, each with a place before and after the reform."""
    found: list[Institution] = []

    def add(prefix: str, name: str, category: str, level: str | None, district: str,
            commune: str, **extra: object) -> None:  # fmt: skip
        number = sum(1 for i in found if i.uid.startswith(prefix)) + 1
        found.append(Institution(f"{prefix}{number:03d}", name, category, level, district,
                                 commune, **extra))  # type: ignore[arg-type]  # fmt: skip

    pub, cc = "Thư viện công cộng", "Trung tâm văn hóa"
    for city, ward, province in (("Thành phố Tuyên Quang", "Minh Xuân", "Tuyên Quang"),
                                 ("Thành phố Hà Giang", "Hà Giang 1", "Hà Giang")):  # fmt: skip
        add("TV-T-", f"Thư viện tỉnh {province}", pub, "Tỉnh", city, ward, reporter=CULTURE)
        add("TTVH-T-", f"Trung tâm Văn hóa tỉnh {province}", cc, "Tỉnh", city, ward,
            reporter=CULTURE)  # fmt: skip
        add("BT-", f"Bảo tàng tỉnh {province}", "Bảo tàng", None, city, ward, reporter=CULTURE)
    add("BT-", "Bảo tàng Tân Trào ATK", "Bảo tàng", None, "Sơn Dương", "Tân Trào",
        reporter=CULTURE)  # fmt: skip
    add("TV-DH-", "Thư viện Trường Đại học Tân Trào", "Thư viện đại học", None, "Yên Sơn",
        "Trung Sơn", reporter=EDUCATION)  # fmt: skip
    for province, reporter in (("Tuyên Quang", "Công an tỉnh"), ("Hà Giang", "Công an tỉnh")):
        city = f"Thành phố {province}"
        add("TV-LLVT-", f"Thư viện Công an tỉnh {province}", "Thư viện lực lượng vũ trang", None,
            city, DISTRICTS[city][0], reporter=reporter)  # fmt: skip
    for district, communes in DISTRICTS.items():
        unit = district_unit(district)
        add("TV-H-", f"Thư viện {unit}", pub, "Huyện", district, communes[0], last=2024)
        add("TTVH-H-", f"Trung tâm Văn hóa, Truyền thông và Thể thao {unit}", cc, "Huyện",
            district, communes[0], last=2024)  # fmt: skip
        for commune in rng.sample(communes, k=max(1, len(communes) // 2)):
            add("TV-X-", f"Thư viện {place_name(commune)}", pub, "Xã", district, commune)
        for commune in communes:
            for school in rng.sample(("Tiểu học", "THCS", "THPT"), k=rng.choice((1, 2))):
                add("TV-PT-", f"Thư viện Trường {school} {commune}",
                    "Thư viện cơ sở giáo dục phổ thông", None, district, commune,
                    reporter=EDUCATION)  # fmt: skip
    return found


SHARES = {  # the share answering "Có" in 2022 and in 2026, by category and level
    ("Thư viện công cộng", "Tỉnh"): {LL: (1.0, 1.0), DIG: (1.0, 1.0)},
    ("Thư viện công cộng", "Huyện"): {LL: (0.6, 0.9), DIG: (0.45, 0.75)},
    ("Thư viện công cộng", "Xã"): {LL: (0.22, 0.48), DIG: (0.08, 0.26)},
    ("Thư viện đại học", None): {LL: (1.0, 1.0), DIG: (1.0, 1.0)},
    ("Thư viện lực lượng vũ trang", None): {LL: (0.5, 1.0), DIG: (0.5, 1.0)},
    ("Thư viện cơ sở giáo dục phổ thông", None): {LL: (0.5, 0.74), DIG: (0.28, 0.6)},
    ("Bảo tàng", None): {EDU: (0.4, 0.8)},
    ("Trung tâm văn hóa", "Tỉnh"): {CRE: (1.0, 1.0), ACT: (0.5, 1.0)},
    ("Trung tâm văn hóa", "Huyện"): {CRE: (0.55, 0.85), ACT: (0.4, 0.7)},
}
VISITS = {  # learning visits in 2022 (range), by category and level
    ("Thư viện công cộng", "Tỉnh"): (60000, 75000),
    ("Thư viện công cộng", "Huyện"): (8000, 20000),
    ("Thư viện công cộng", "Xã"): (300, 2500),
    ("Thư viện đại học", None): (30000, 40000),
    ("Thư viện lực lượng vũ trang", None): (2000, 6000),
    ("Thư viện cơ sở giáo dục phổ thông", None): (800, 9000),
    ("Bảo tàng", None): (6000, 30000),
}


def answer(institutions: list[Institution], rng: random.Random) -> None:
    """Yes/no answers rising from the 2022 share to the 2026 one, and learning visits
    growing by 6-16% a year."""
    for key, shares in SHARES.items():
        group = [i for i in institutions if (i.category, i.level) == key]
        for flag, (first, last) in shares.items():
            order = sorted(group, key=lambda _: rng.random())
            for year in YEARS:
                share = first + (last - first) * (year - YEARS[0]) / (YEARS[-1] - YEARS[0])
                active = [i for i in order if year <= i.last]
                yes = int(share * len(active) + 0.5)
                for n, i in enumerate(active):
                    i.flags[year, flag] = "Có" if n < yes else "Không"
    for i in institutions:
        span = VISITS.get((i.category, i.level))
        if span is None:
            continue
        total = rng.randint(*span)
        for year in YEARS:
            if year <= i.last:
                i.visits[year] = total
                total = round(total * rng.uniform(1.06, 1.16))
    commune_libraries = [i for i in institutions if i.uid.startswith("TV-X-")]
    for i in rng.sample(commune_libraries, 3):  # a few answers not reported in 2026
        i.flags[2026, DIG] = None


def save(rows: list[list[object]], path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Danh sách đơn vị"
    sheet.append(list(HEADERS))
    for row in rows:
        sheet.append(row)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for column, width in zip(sheet.iter_cols(min_row=1, max_row=1), WIDTHS, strict=True):
        sheet.column_dimensions[column[0].column_letter].width = width
    sheet.freeze_panes = "A2"
    workbook.save(path)


def main() -> None:
    rng = random.Random(2025)
    institutions = build(rng)
    answer(institutions, rng)
    rows = [i.row(y) for y in YEARS for i in institutions if y <= i.last]
    save(rows, HERE / "tuyen-quang-2022-2026.xlsx")
    count = f"{len(rows)} rows ({len(institutions)} institutions)"
    print(f"wrote {count} to tuyen-quang-2022-2026.xlsx")


if __name__ == "__main__":
    main()
