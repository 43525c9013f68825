"""The province as it is today (plan tuyen-quang-2025): a series across the two-level
reform of 1 July 2025, the merger of the former Hà Giang, indicators that end with the
district level, and the kinds of indicator plans use. Every figure is worked out by hand
in the test."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

import ltl_plan
from ltl_plan.plan import parse_plan
from ltl_plan.plan.load import shipped_path
from ltl_plan.result import AnyResult, CountResult, CoverageResult, GrowthResult, Status

from conftest import write_xlsx

HEADERS = (
    "id", "name", "year", "category", "level", "district", "commune", "lifelong_learning",
    "digital", "education_program", "creative_support", "learning_activities",
    "learning_visits",
)  # fmt: skip
PLAN = "tuyen-quang-2025"


def library(
    ident: str, year: int, level: str, place: str, *, ll: str = "", dig: str = "", visits: Any = ""
) -> list[Any]:
    """A public library: its district up to 2024, its commune or ward from 2025."""
    district, commune = (place, "") if year < 2025 else ("", place)
    return [ident, f"Thư viện {ident}", year, "Thư viện công cộng", level, district, commune,
            ll, dig, "", "", "", visits]  # fmt: skip


def museum(ident: str, year: int, place: str, visits: int) -> list[Any]:
    district, commune = (place, "") if year < 2025 else ("", place)
    return [ident, f"Bảo tàng {ident}", year, "Bảo tàng", "", district, commune, "", "", "có",
            "", "", visits]  # fmt: skip


def check(tmp_path: Path, rows: list[list[Any]], **options: Any) -> ltl_plan.Result:
    path = write_xlsx(tmp_path / "data.xlsx", rows, headers=HEADERS)
    return ltl_plan.check([path], plan=options.pop("plan", PLAN), **options)


def indicator(result: ltl_plan.Result, ident: str) -> AnyResult:
    return next(i for i in result.report.indicators if i.id == ident)


def growth(result: ltl_plan.Result, ident: str) -> GrowthResult:
    found = indicator(result, ident)
    assert isinstance(found, GrowthResult)
    return found


def flagged(result: ltl_plan.Result, ident: str) -> CoverageResult | CountResult:
    found = indicator(result, ident)
    assert isinstance(found, CoverageResult | CountResult)
    return found


def notes(found: AnyResult) -> list[str]:
    return [n.say("en") for n in found.notes]


def test_a_coverage_series_runs_across_the_reform(tmp_path: Path) -> None:
    # Commune libraries: 1 of 4 in 2022 (by district), 3 of 5 in 2026 (by commune).
    rows = [library(f"X{n}", 2022, "Xã", "Sơn Dương", ll="có" if n == 0 else "không")
            for n in range(4)]  # fmt: skip
    rows += [library(f"X{n}", 2026, "Xã", "Tân Trào", ll="có" if n < 3 else "không")
             for n in range(5)]  # fmt: skip
    result = check(tmp_path, rows)
    commune = flagged(result, "2.1.1-public-commune")
    assert result.report.years == [2022, 2026]
    assert commune.series == {2022: 0.25, 2026: 0.6}
    # In 2026 the 2030 target (60%) is in force; its leg starts where the data stood in
    # 2025, or, with no 2025, in the latest earlier year: 25% in 2022.
    assert (commune.milestone, commune.status) == (2030, Status.MET)
    assert commune.trend is not None and commune.trend.path[2025] == pytest.approx(0.40)
    assert commune.trend.path[2026] == pytest.approx(0.25 + (0.60 - 0.25) * 4 / 8)
    assert result.report.valid


def test_district_indicators_are_not_applicable_after_the_reform(tmp_path: Path) -> None:
    rows = [library("H1", 2024, "Huyện", "Sơn Dương", ll="có"),
            library("X1", 2025, "Xã", "Tân Trào", ll="có"),
            library("X1", 2026, "Xã", "Tân Trào", ll="không")]  # fmt: skip
    for year in (2025, 2026):
        result = check(tmp_path, rows, year=year)
        for ident in (
            "2.1.1-public-district",
            "2.1.2-public-district",
            "2.3-creative-support-district",
            "2.3-learning-activities-district",
        ):
            found = indicator(result, ident)
            assert found.status is Status.NOT_APPLICABLE, (year, ident)
            assert notes(found) == [
                f"not applicable in {year}: from 1 July 2025 local government has two levels "
                "(province, commune); the district level ended"
            ]  # fmt: skip
            assert found.actual is None
        district = indicator(result, "2.1.1-public-district")
        assert district.series[2024] == 1.0  # its years before the reform stay in the series
    before = check(tmp_path, rows, year=2024)
    assert indicator(before, "2.1.1-public-district").status is Status.MET


def test_a_row_at_a_level_that_ended_is_an_error_naming_the_reform(tmp_path: Path) -> None:
    rows = [library("H1", 2025, "Huyện", "Tân Trào", ll="có"),
            library("X1", 2025, "Xã", "Tân Trào", ll="có")]  # fmt: skip
    result = check(tmp_path, rows)
    (problem,) = [p for p in result.report.problems if p.severity == "error"]
    assert (problem.code, problem.row, problem.cell, problem.value) == (
        "level-ended",
        2,
        "E2",
        "Huyện",
    )
    text = problem.message.say("en")
    assert "up to 2024" in text and "the district level ended" in text
    assert result.report.counts.used == 1


def test_the_former_province_comes_from_the_district_or_the_commune(tmp_path: Path) -> None:
    rows = [museum("M1", 2022, "Vị Xuyên", 100), museum("M2", 2022, "Sơn Dương", 300),
            museum("M1", 2026, "Vị Xuyên", 121), museum("M2", 2026, "Tân Trào", 363)]  # fmt: skip
    result = check(tmp_path, rows, by="former_province")
    places = result.records[["id", "year", "former_province"]].values.tolist()
    assert places == [["M1", 2022, "Hà Giang"], ["M2", 2022, "Tuyên Quang"],
                      ["M1", 2026, "Hà Giang"], ["M2", 2026, "Tuyên Quang"]]  # fmt: skip
    breakdown = result.report.breakdown
    assert breakdown is not None and [g.name for g in breakdown.groups] == [
        "Hà Giang",
        "Tuyên Quang",
    ]
    visits = {g.name: next(i for i in g.indicators if i.id == "2.2-museum-learning-visits")
              for g in breakdown.groups}  # fmt: skip
    # Each former province alone, from 2022 (the data has no 2025, where the leg of the
    # 2030 target starts) to 2026: (121/100)^(1/4) - 1 and (363/300)^(1/4) - 1.
    assert visits["Hà Giang"].actual == pytest.approx((121 / 100) ** 0.25 - 1)
    assert visits["Tuyên Quang"].actual == pytest.approx((363 / 300) ** 0.25 - 1)


def test_growth_across_the_merger_counts_both_former_provinces(tmp_path: Path) -> None:
    # Both former provinces reported in 2025: the base total counts both.
    rows = [museum("M1", 2025, "Vị Xuyên", 1000), museum("M2", 2025, "Tân Trào", 3000),
            museum("M1", 2026, "Vị Xuyên", 1100), museum("M2", 2026, "Tân Trào", 3300)]  # fmt: skip
    grown = growth(check(tmp_path, rows), "2.2-museum-learning-visits")
    assert (grown.base_year, grown.base_total, grown.total) == (2025, 4000, 4400)
    assert grown.actual == pytest.approx(0.10) and grown.status is Status.MET
    assert grown.like_for_like is not None and grown.like_for_like.institutions == 2
    assert notes(grown) == []


def test_growth_across_the_merger_says_when_a_former_province_has_no_base(
    tmp_path: Path,
) -> None:
    # The former Hà Giang sent nothing for 2025: the 2025 total is Tuyên Quang's alone
    # (3000), the 2026 total counts both (3300 + 900). The totals (+40%) would compare two
    # territories; the growth is judged like for like, only M2: 3000 -> 3295, +9.8% < 10%.
    rows = [museum("M2", 2025, "Tân Trào", 3000),
            museum("M1", 2026, "Vị Xuyên", 900), museum("M2", 2026, "Tân Trào", 3295)]  # fmt: skip
    grown = growth(check(tmp_path, rows), "2.2-museum-learning-visits")
    assert (grown.base_total, grown.total) == (3000, 4195)
    like = grown.like_for_like
    assert like is not None and (like.institutions, like.base_total, like.total) == (1, 3000, 3295)
    assert grown.actual == like.actual == pytest.approx(3295 / 3000 - 1)
    assert grown.status is Status.BEHIND and grown.gap == pytest.approx(0.10 - 295 / 3000)
    assert notes(grown) == [
        "no visits from Hà Giang (Former province) in 2025, so the 2025 total counts "
        "Tuyên Quang only; the growth is judged like for like, over the institutions that "
        "reported in both years: 1"
    ]


def _plan_with(extra: dict[str, Any], **top: Any) -> Any:
    data = yaml.safe_load(shipped_path(PLAN).read_text(encoding="utf-8"))
    data["indicators"].append(extra)
    for name, value in top.items():
        data[name] = value if name != "plan" else {**data["plan"], **value}
    return parse_plan(data)


def test_a_count_target(tmp_path: Path) -> None:
    plan = _plan_with(
        {
            "id": "count-digital", "section": "x", "group": "libraries", "kind": "count",
            "flag": "digital",
            "population": {"categories": ["public_library"], "levels": ["commune"]},
            "label": {"vi": "Ít nhất 5 thư viện xã ứng dụng CNTT",
                      "en": "At least 5 commune libraries online"},
            "targets": {2030: 5},
        }
    )  # fmt: skip
    rows = [library(f"X{n}", 2022, "Xã", "Sơn Dương", dig="có" if n == 0 else "không")
            for n in range(4)]  # fmt: skip
    rows += [library(f"X{n}", 2026, "Xã", "Tân Trào", dig="có" if n < 3 else "không")
             for n in range(7)]  # fmt: skip
    found = flagged(check(tmp_path, rows, plan=plan), "count-digital")
    # 1 in 2022, 3 in 2026; the path runs from 1 in 2022 to 5 in 2030: 3 in 2026.
    assert (found.kind, found.target, found.actual, found.achieved, found.total) == (
        "count",
        5,
        3,
        3,
        7,
    )
    assert found.series == {2022: 1, 2026: 3}
    assert found.path is not None and found.path.expected == pytest.approx(3.0)
    assert (found.status, found.needed, found.gap) == (Status.ON_TRACK, 2, 2)
    assert ltl_plan.render(check(tmp_path, rows, plan=plan), "markdown").count("≥5") == 1


def test_growth_of_a_measure_the_plan_declares(tmp_path: Path) -> None:
    measure = {
        "code": "book_loans", "label": {"vi": "Lượt mượn sách", "en": "Book loans"},
        "aliases": ["Số lượt mượn"], "unit": {"vi": "lượt mượn", "en": "loans"},
    }  # fmt: skip
    data = yaml.safe_load(shipped_path(PLAN).read_text(encoding="utf-8"))
    data["measures"].append(measure)
    data["indicators"].append(
        {
            "id": "loans", "section": "x", "group": "libraries", "kind": "growth",
            "measure": "book_loans", "population": {"categories": ["public_library"]},
            "label": {"vi": "Lượt mượn sách tăng", "en": "Book loans, growth"},
            "targets": {2025: {"min": 10}},
        }
    )  # fmt: skip
    plan = parse_plan(data)
    headers = (*HEADERS, "Lượt mượn sách")
    rows = [[*library("P1", 2022, "Tỉnh", "Thành phố Tuyên Quang"), 1000],
            [*library("P1", 2024, "Tỉnh", "Thành phố Tuyên Quang"), 1210]]  # fmt: skip
    path = write_xlsx(tmp_path / "loans.xlsx", rows, headers=headers)
    found = growth(ltl_plan.check([path], plan=plan), "loans")
    assert (found.base_total, found.total, found.unit.en) == (1000, 1210, "loans")
    assert found.actual == pytest.approx(0.10) and found.status is Status.MET


def test_a_milestone_in_any_year(tmp_path: Path) -> None:
    plan = _plan_with(
        {
            "id": "by-2027", "section": "x", "group": "museums", "kind": "coverage",
            "flag": "education_program", "population": {"categories": ["museum"]},
            "label": {"vi": "Bảo tàng 2027", "en": "Museums by 2027"},
            "targets": {2027: 80},
        },
        plan={"milestones": [2025, 2027, 2030]},
    )  # fmt: skip
    rows = [museum("M1", 2026, "Tân Trào", 10)]
    found = indicator(check(tmp_path, rows, plan=plan), "by-2027")
    assert (found.milestone, found.target, found.status) == (2027, 0.8, Status.MET)


def test_check_and_trend_start_the_path_at_the_same_point(tmp_path: Path) -> None:
    # No 2022 data: both start the path from 2023, the earliest year in the data.
    rows = [library(f"X{n}", 2023, "Xã", "Sơn Dương", ll="không") for n in range(4)]
    rows += [library(f"X{n}", 2024, "Xã", "Sơn Dương", ll="có" if n == 0 else "không")
             for n in range(4)]  # fmt: skip
    result = check(tmp_path, rows)
    found = flagged(result, "2.1.1-public-commune")
    assert found.path is not None and (found.path.from_year, found.path.from_value) == (2023, 0.0)
    # 0% in 2023 to 40% in 2025: 20% in 2024; 25% is on track.
    assert found.path.expected == pytest.approx(0.20) and found.status is Status.ON_TRACK
    assert found.trend is not None and min(found.trend.path) == 2023
    assert found.trend.path[2024] == pytest.approx(found.path.expected)
    assert notes(found) == [
        "no data for 2022: the path starts from 2023, the earliest year in the data"
    ]
    trend = json.loads(ltl_plan.render(result, "json", view="trend"))
    commune = next(i for i in trend["indicators"] if i["id"] == "2.1.1-public-commune")
    assert commune["trend"]["path"]["2024"] == pytest.approx(0.20)
    visits = growth(result, "2.1.3-library-learning-visits")
    assert visits.trend is not None and visits.trend.path == {}  # no visits: no path, no "0-0"


def test_growth_with_only_a_2030_target_in_2025(tmp_path: Path) -> None:
    plan = _plan_with(
        {
            "id": "late", "section": "x", "group": "museums", "kind": "growth",
            "measure": "learning_visits", "population": {"categories": ["museum"]},
            "label": {"vi": "Muộn", "en": "Late"}, "targets": {2030: {"min": 10}},
        }
    )  # fmt: skip
    rows = [museum("M1", 2022, "Sơn Dương", 1000), museum("M1", 2025, "Tân Trào", 1331)]
    found = growth(check(tmp_path, rows, plan=plan), "late")
    # The path to 2030 starts at the baseline, 2022: 1000 -> 1331 is 10% a year.
    assert (found.base_year, found.status) == (2022, Status.MET)
    assert found.actual == pytest.approx(0.10)
    assert notes(found) == []
