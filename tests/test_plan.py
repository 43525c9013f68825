"""The targets file: the packaged plan, and clear errors for broken copies."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from ltl_plan.errors import TargetsError
from ltl_plan.plan import CoverageIndicator, GrowthIndicator, Plan, default_targets_path, parse_plan
from ltl_plan.vocabulary import FIXED_COLUMNS

ROOT = Path(__file__).resolve().parents[1]


def packaged() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(default_targets_path().read_text(encoding="utf-8"))
    return data


def errors_of(data: dict[str, Any]) -> list[str]:
    with pytest.raises(TargetsError) as caught:
        parse_plan(data)
    return caught.value.details


def test_the_repository_file_is_the_packaged_file() -> None:
    top = ROOT / "targets.yaml"
    assert (
        top.resolve()
        == (ROOT / "src" / "ltl_plan" / "plan" / "shipped" / "tuyen-quang-76-2023.yaml").resolve()
    )
    assert top.read_bytes() == default_targets_path().read_bytes()


def test_every_target_of_plan_76(plan: Plan) -> None:
    coverage = {i.id: dict(i.targets) for i in plan.indicators if isinstance(i, CoverageIndicator)}
    assert coverage == {
        "2.1.1-public-province": {2025: 100, 2030: 100},
        "2.1.1-public-district": {2025: 70, 2030: 90},
        "2.1.1-public-commune": {2025: 40, 2030: 60},
        "2.1.1-university": {2025: 90, 2030: 100},
        "2.1.1-armed-forces": {2025: 80, 2030: 100},
        "2.1.1-education": {2025: 70, 2030: 90},
        "2.1.2-public-province": {2025: 100, 2030: 100},
        "2.1.2-public-district": {2025: 60, 2030: 70},
        "2.1.2-public-commune": {2025: 20, 2030: 30},
        "2.1.2-university": {2025: 90, 2030: 100},
        "2.1.2-specialized": {2030: 100},
        "2.1.2-armed-forces": {2025: 80, 2030: 100},
        "2.1.2-education": {2025: 70, 2030: 80},
        "2.2-museum-education": {2025: 70, 2030: 100},
        "2.3-creative-support": {2025: 80, 2030: 100},
        "2.3-learning-activities": {2025: 70, 2030: 100},
    }
    growth = {
        i.id: {y: (b.min, b.max) for y, b in i.targets.items()}
        for i in plan.indicators
        if isinstance(i, GrowthIndicator)
    }
    assert growth == {
        "2.1.3-library-learning-visits": {2025: (10, None), 2030: (10, 15)},
        "2.2-museum-learning-visits": {2025: (10, None), 2030: (10, 15)},
    }
    education = next(i for i in plan.indicators if i.id == "2.1.1-education")
    assert education.population.categories == [
        "school_library",
        "vocational_library",
        "other_education_library",
    ]
    same = [i for i in plan.indicators if i.section == "2.3"]
    assert [i.same_wording_as for i in same] == [same[1].id, same[0].id]
    info = plan.plan
    assert (info.number, str(info.date), info.implements.number) == (
        "76/KH-UBND",
        "2023-04-13",
        "1520/QĐ-TTg",
    )
    assert (info.baseline_year, info.reviews.mid_term, info.reviews.final) == (2022, 2025, 2030)
    assert (info.report_deadline.month, info.report_deadline.day) == (12, 1)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d: d["plan"].update(extra=1), "plan.extra: unknown key"),
        (
            lambda d: d["indicators"][0]["targets"].update({2025: 120}),
            "indicators[0].targets[2025]: Input should be less than or equal to 100",
        ),
        (
            lambda d: d["indicators"][1]["targets"].update({2025: None}),
            "indicators[1].targets: milestone 2025 has no target value",
        ),
        (
            lambda d: d["indicators"][13]["targets"].update({2030: {"min": 15, "max": 10}}),
            "indicators[13].targets[2030]: max (10) is below min (15)",
        ),
        (
            lambda d: d["indicators"][0]["population"].update(categories=["private_library"]),
            "unknown category 'private_library'",
        ),
        (
            lambda d: d["indicators"][0]["targets"].update({2027: 50}),
            "target year 2027 is not one of the plan's milestones",
        ),
        (lambda d: d["indicators"].append(d["indicators"][0]), "defined twice"),
    ],
)
def test_a_broken_targets_file_names_the_key(change: Any, expected: str) -> None:
    data = packaged()
    change(data)
    assert any(expected in line for line in errors_of(data)), errors_of(data)


def test_all_problems_are_listed_at_once() -> None:
    data = packaged()
    data["plan"]["extra"] = 1
    data["indicators"][0]["targets"][2025] = -5
    assert len(errors_of(data)) == 2


def test_an_unquoted_section_number_is_kept_as_text() -> None:
    data = packaged()
    data["indicators"][14]["section"] = 2.2
    assert parse_plan(data).indicators[14].section == "2.2"


def test_the_two_level_administration_is_a_new_file_not_new_code() -> None:
    # After 1 July 2025: no district level, and (say) a new category of book corners.
    data = packaged()
    data["levels"] = [lv for lv in data["levels"] if lv["code"] != "district"]
    for category in data["categories"]:
        category["levels"] = [lv for lv in category.get("levels", []) if lv != "district"]
    data["indicators"] = [
        i for i in data["indicators"] if i["population"].get("levels") != ["district"]
    ]
    for indicator in data["indicators"]:
        if indicator["population"].get("levels") == ["province", "district"]:
            indicator["population"]["levels"] = ["province"]
    label = {"vi": "Tủ sách cộng đồng", "en": "Community book corner"}
    data["categories"].append({"code": "community_library", "label": label})
    data["indicators"].append(
        {
            "id": "x-community",
            "section": "9.9",
            "group": "libraries",
            "kind": "coverage",
            "flag": "digital",
            "population": {"categories": ["community_library"]},
            "label": label,
            "targets": {2030: 50},
        }
    )
    plan = parse_plan(data)
    assert [lv.code for lv in plan.levels] == ["province", "commune"]
    assert len(plan.indicators) == 17
    assert plan.indicators[-1].population.categories == ["community_library"]


def test_no_python_line_names_a_category_or_level(plan: Plan) -> None:
    # "district" is also the name of the input's district column (a field, not a level).
    codes = {c.code for c in plan.categories} | {lv.code for lv in plan.levels}
    codes |= {f.code for f in plan.flags}
    codes -= set(FIXED_COLUMNS)
    pattern = re.compile("[\"']({})[\"']".format("|".join(sorted(codes))))
    offenders = [
        f"{path.name}:{number}: {line.strip()}"
        for path in (ROOT / "src" / "ltl_plan").rglob("*.py")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if pattern.search(line)
    ]
    assert offenders == []
