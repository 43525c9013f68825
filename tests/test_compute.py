"""The computation against numbers worked out by hand in each test."""

from __future__ import annotations

import math

import pytest

from ltl_plan.assemble import assemble
from ltl_plan.errors import UsageError
from ltl_plan.plan import Plan
from ltl_plan.result import AnyResult, CoverageResult, GrowthResult, Report, Status

from conftest import make_dataset, row


def indicator(report: Report, ident: str) -> AnyResult:
    return next(i for i in report.indicators if i.id == ident)


def coverage(report: Report, ident: str) -> CoverageResult:
    result = indicator(report, ident)
    assert isinstance(result, CoverageResult)
    return result


def growth(report: Report, ident: str) -> GrowthResult:
    result = indicator(report, ident)
    assert isinstance(result, GrowthResult)
    return result


def communes(year: int, yes: int, no: int, blank: int = 0, prefix: str = "X") -> list[list[object]]:
    """Commune public libraries with the lifelong-learning flag yes/no/blank."""
    flags = ["có"] * yes + ["không"] * no + [""] * blank
    return [
        row(f"{prefix}{i}", year, "Thư viện công cộng", "xã", ll=flag, digital="không")
        for i, flag in enumerate(flags)
    ]


def test_coverage_counts_needed_gap_and_exact_path(plan: Plan) -> None:
    # 2022: 1 of 10 = 10%. The 2025 target is 40%; the straight path at 2024 is
    # 10% + (40% - 10%) * 2/3 = 30%. In 2024, 3 of 10 say yes: exactly on the path.
    # Still needed: ceil(40% of 10) - 3 = 1. Two blanks count as not achieved.
    data = make_dataset(plan, communes(2022, 1, 9) + communes(2024, 3, 5, 2))
    result = coverage(assemble(data, plan), "2.1.1-public-commune")
    assert (result.achieved, result.total, result.not_reported) == (3, 10, 2)
    assert result.actual == pytest.approx(0.3)
    assert result.milestone == 2025
    assert result.target == pytest.approx(0.4)
    assert result.needed == 1
    assert result.gap == pytest.approx(0.1)
    assert result.path is not None
    assert (result.path.from_year, result.path.from_value) == pytest.approx((2022, 0.1))
    assert result.path.expected == pytest.approx(0.3)
    assert result.status is Status.ON_TRACK  # 0.3 >= 0.3 holds only in exact arithmetic
    assert result.series == {2022: pytest.approx(0.1), 2024: pytest.approx(0.3)}


def test_coverage_below_the_path_is_behind(plan: Plan) -> None:
    data = make_dataset(plan, communes(2022, 1, 9) + communes(2024, 2, 8))
    result = coverage(assemble(data, plan), "2.1.1-public-commune")
    assert result.actual == pytest.approx(0.2)
    assert result.needed == 2
    assert result.status is Status.BEHIND


def test_coverage_met_and_milestone_year(plan: Plan) -> None:
    # 2025 is the milestone year: 4 of 10 meets 40%; 3 of 10 is behind, whatever the path.
    met = coverage(assemble(make_dataset(plan, communes(2025, 4, 6)), plan), "2.1.1-public-commune")
    assert (met.status, met.needed, met.gap) == (Status.MET, 0, 0)
    behind = coverage(
        assemble(make_dataset(plan, communes(2022, 0, 10) + communes(2025, 3, 7)), plan),
        "2.1.1-public-commune",
    )
    assert (behind.status, behind.needed) == (Status.BEHIND, 1)


def test_population_with_no_institution_is_no_data(plan: Plan) -> None:
    report = assemble(make_dataset(plan, communes(2024, 1, 1)), plan)
    result = coverage(report, "2.1.1-university")
    assert result.status is Status.NO_DATA
    assert (result.actual, result.gap, result.needed, result.total) == (None, None, None, 0)
    assert result.target == pytest.approx(0.9)


def test_education_group_spans_three_categories(plan: Plan) -> None:
    # 2.1.1's education group: schools 2 of 3, vocational 1 of 2, other 1 of 1 -> 4 of 6.
    # Target 70%: ceil(0.7 * 6) = 5, so 1 more is needed. No earlier year: the path is
    # drawn from 0% in 2022, so 2024 expects 70% * 2/3 = 46.7%: on track.
    rows = [
        row("S1", 2024, "Thư viện cơ sở giáo dục phổ thông", ll="x", digital="x"),
        row("S2", 2024, "school_library", ll="x", digital=""),
        row("S3", 2024, "thu vien co so giao duc pho thong", ll="", digital="x"),
        row("V1", 2024, "Thư viện cơ sở giáo dục nghề nghiệp", ll="có", digital="không"),
        row("V2", 2024, "vocational_library", ll="không", digital="không"),
        row("O1", 2024, "Thư viện cơ sở giáo dục khác", ll="1", digital="0"),
    ]
    report = assemble(make_dataset(plan, rows), plan)
    lifelong = coverage(report, "2.1.1-education")
    assert (lifelong.achieved, lifelong.total, lifelong.not_reported) == (4, 6, 1)
    assert lifelong.actual == pytest.approx(4 / 6)
    assert lifelong.needed == 1
    assert lifelong.gap == pytest.approx(0.7 - 4 / 6)
    assert lifelong.path is not None and lifelong.path.expected == pytest.approx(0.7 * 2 / 3)
    assert lifelong.status is Status.ON_TRACK
    assert any("drawn from 0 in 2022" in note.say("en") for note in lifelong.notes)
    digital = coverage(report, "2.1.2-education")
    assert (digital.achieved, digital.total, digital.not_reported) == (2, 6, 1)
    assert digital.needed == math.ceil(0.7 * 6) - 2


def test_specialised_libraries_have_only_a_2030_target(plan: Plan) -> None:
    # No 2025 milestone: the 2030 target (100%) is in force; path from 0/2 in 2022:
    # 0 + 100% * (2024 - 2022) / (2030 - 2022) = 25% expected; 1 of 2 = 50% is on track.
    rows = [
        row("C1", 2022, "Thư viện chuyên ngành", digital="không"),
        row("C2", 2022, "Thư viện chuyên ngành", digital="không"),
        row("C1", 2024, "Thư viện chuyên ngành", digital="có"),
        row("C2", 2024, "Thư viện chuyên ngành", digital="không"),
    ]
    result = coverage(assemble(make_dataset(plan, rows), plan), "2.1.2-specialized")
    assert (result.milestone, result.target) == (2030, 1.0)
    assert result.path is not None and result.path.expected == pytest.approx(0.25)
    assert (result.status, result.needed) == (Status.ON_TRACK, 1)


def test_after_2025_the_path_starts_at_2025(plan: Plan) -> None:
    # 2030 target 60% for communes; 2025 value 4/10; 2027 expects 40% + 20% * 2/5 = 48%.
    rows = communes(2022, 0, 10) + communes(2025, 4, 6) + communes(2027, 5, 5)
    result = coverage(assemble(make_dataset(plan, rows), plan), "2.1.1-public-commune")
    assert (result.milestone, result.target) == pytest.approx((2030, 0.6))
    assert result.path is not None
    assert (result.path.from_year, result.path.expected) == pytest.approx((2025, 0.48))
    assert result.status is Status.ON_TRACK
    assert result.needed == 1


def libraries(year: int, visits: dict[str, int]) -> list[list[object]]:
    return [
        row(k, year, "Thư viện đại học", ll="có", digital="có", visits=v) for k, v in visits.items()
    ]


def test_growth_with_a_missing_middle_year(plan: Plan) -> None:
    # 2022: A 1000 + B 1000 = 2000. 2023 is missing. 2024: A 1100 + B 1000 + C (new) 320 = 2420.
    # Average growth over two years: sqrt(2420 / 2000) - 1 = sqrt(1.21) - 1 = 10% exactly: met.
    # No 2023, so no year-on-year figure. Like for like (A and B): sqrt(2100 / 2000) - 1.
    rows = libraries(2022, {"A": 1000, "B": 1000}) + libraries(
        2024, {"A": 1100, "B": 1000, "C": 320}
    )
    result = growth(assemble(make_dataset(plan, rows), plan), "2.1.3-library-learning-visits")
    assert (result.base_year, result.base_total, result.total) == (2022, 2000, 2420)
    assert result.series == {2022: 2000, 2024: 2420}
    assert result.actual == pytest.approx(0.10)
    assert result.status is Status.MET  # exactly 1.1 ** 2, decided in exact arithmetic
    assert result.yoy is None
    assert result.band is None  # the 2025 target has no upper bound
    assert result.like_for_like is not None
    assert (result.like_for_like.institutions, result.like_for_like.base_total) == (2, 2000)
    assert result.like_for_like.total == 2100
    assert result.like_for_like.actual == pytest.approx(math.sqrt(1.05) - 1)


def test_growth_year_on_year_and_behind(plan: Plan) -> None:
    # 2022 1000, 2023 1050, 2024 1100: yoy 1100/1050 - 1; average sqrt(1.1) - 1 = 4.88%: behind.
    rows = (
        libraries(2022, {"A": 1000}) + libraries(2023, {"A": 1050}) + libraries(2024, {"A": 1100})
    )
    result = growth(assemble(make_dataset(plan, rows), plan), "2.1.3-library-learning-visits")
    assert result.yoy == pytest.approx(1100 / 1050 - 1)
    assert result.actual == pytest.approx(math.sqrt(1.1) - 1)
    assert result.status is Status.BEHIND
    assert result.gap == pytest.approx(0.1 - (math.sqrt(1.1) - 1))


def museums(year: int, visits: int) -> list[list[object]]:
    return [row("M1", year, "Bảo tàng", edu="có", visits=visits)]


@pytest.mark.parametrize(
    ("visits_2027", "band", "status", "rate"),
    [
        (12996, "within", Status.MET, 0.14),  # 1.14 ** 2 = 1.2996
        (13300, "above", Status.MET, math.sqrt(1.33) - 1),  # above 1.15 ** 2 = 1.3225
        (12000, "below", Status.BEHIND, math.sqrt(1.2) - 1),  # below 1.1 ** 2 = 1.21
        (12100, "within", Status.MET, 0.10),  # the bottom of the band, exactly
    ],
)
def test_growth_band_after_2025(
    plan: Plan, visits_2027: int, band: str, status: Status, rate: float
) -> None:
    # After 2025 growth is measured from 2025 (10 000 visits), not from the 2022 baseline.
    rows = museums(2022, 5000) + museums(2025, 10000) + museums(2027, visits_2027)
    result = growth(assemble(make_dataset(plan, rows), plan), "2.2-museum-learning-visits")
    assert (result.milestone, result.base_year, result.base_total) == (2030, 2025, 10000)
    assert (result.target, result.target_max) == pytest.approx((0.10, 0.15))
    assert result.actual == pytest.approx(rate)
    assert (result.band, result.status) == (band, status)


def test_growth_falls_back_to_the_earliest_year_and_says_so(plan: Plan) -> None:
    # No 2022 data: growth runs from 2023 (800) to 2024 (1000): 25%.
    rows = museums(2023, 800) + museums(2024, 1000)
    result = growth(assemble(make_dataset(plan, rows), plan), "2.2-museum-learning-visits")
    assert (result.base_year, result.actual) == pytest.approx((2023, 0.25))
    assert any("no data for 2022" in note.say("en") for note in result.notes)


def test_growth_from_zero_has_no_rate(plan: Plan) -> None:
    rows = museums(2022, 0) + museums(2024, 500)
    result = growth(assemble(make_dataset(plan, rows), plan), "2.2-museum-learning-visits")
    assert (result.actual, result.status, result.base_total) == (None, Status.NO_DATA, 0)


def test_growth_with_a_single_year_is_no_data(plan: Plan) -> None:
    result = growth(
        assemble(make_dataset(plan, museums(2024, 500)), plan), "2.2-museum-learning-visits"
    )
    assert (result.actual, result.status, result.total) == (None, Status.NO_DATA, 500)


def test_blank_visits_are_left_out_of_totals(plan: Plan) -> None:
    rows = (
        libraries(2022, {"A": 100})
        + libraries(2024, {"A": 121})
        + [row("B", 2024, "Thư viện đại học", ll="có", digital="có", visits="")]
    )
    result = growth(assemble(make_dataset(plan, rows), plan), "2.1.3-library-learning-visits")
    assert (result.total, result.institutions, result.not_reported) == (121, 2, 1)


def test_every_indicator_is_computed_and_the_year_defaults_to_the_latest(plan: Plan) -> None:
    report = assemble(make_dataset(plan, communes(2023, 1, 1) + communes(2024, 1, 1)), plan)
    assert report.year == 2024
    assert report.years == [2023, 2024]
    assert [i.id for i in report.indicators] == [i.id for i in plan.indicators]
    assert sum(i.kind == "coverage" for i in report.indicators) == 16
    assert sum(i.kind == "growth" for i in report.indicators) == 2


def test_a_year_not_in_the_data_is_refused(plan: Plan) -> None:
    with pytest.raises(UsageError, match="2019"):
        assemble(make_dataset(plan, communes(2024, 1, 1)), plan, year=2019)


def test_an_earlier_year_can_be_chosen(plan: Plan) -> None:
    report = assemble(make_dataset(plan, communes(2022, 1, 3) + communes(2024, 4, 0)), plan, 2022)
    result = coverage(report, "2.1.1-public-commune")
    assert (report.year, result.achieved, result.total) == (2022, 1, 4)
    assert result.status is Status.ON_TRACK  # the baseline year is the start of its own path


def test_the_district_breakdown_equals_measuring_each_district_alone(plan: Plan) -> None:
    from pathlib import Path

    from ltl_plan.keys import key
    from ltl_plan.measure import measure
    from ltl_plan.pipeline import load_files

    example = Path(__file__).resolve().parents[1] / "examples" / "tuyen-quang-2022-2024.xlsx"
    records = load_files([example], plan).dataset.records
    report = assemble(load_files([example], plan).dataset, plan, by="district")
    assert report.breakdown is not None and len(report.breakdown.groups) == 7
    years = sorted(records["year"].unique().tolist())
    for group in report.breakdown.groups:
        alone = records[records["district"].map(key) == key(group.name)]
        assert group.indicators == measure(alone, plan, 2024, years), group.name
