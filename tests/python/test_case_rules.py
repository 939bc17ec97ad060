"""The case rules are data (catalogs/rules/national.json) with national defaults a city overrides:
the 特例单议 criteria, the readmission rule, incomplete-stay discharge types, the calibration's
year weights and the data-quality ranges — resolved by the one policy resolver, refused when
malformed, and used by the scorer, the review and the year job."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import dipdrg
from dipdrg.jobs.batch import quality_problems
from dipdrg.policy import Policy, case_rules, policy_text, presets

ROOT = Path(__file__).resolve().parents[2]


def test_national_defaults_are_data() -> None:
    rules = case_rules()
    assert rules["special_review"] == {"cap_rate": 0.005, "cost_ratio": 2.0, "long_stay_days": 60, "icu_days": 7,
                                       "deaths": True, "new_technology": True}
    assert rules["readmission"]["window_days"] == 15
    assert rules["incomplete_stay"]["discharge_types"] == ["2", "4"]
    assert rules["calibration"]["year_weights"] == [1, 2, 7]
    assert "national" in presets("rules")
    assert Policy.load("national", kind="rules").name == "national"


def test_a_city_overrides_field_by_field() -> None:
    rules = case_rules({"special_review": {"icu_days": 3}, "data_quality": {"age_years": [0, 100]}})
    assert rules["special_review"]["icu_days"] == 3
    assert rules["special_review"]["cost_ratio"] == 2.0  # untouched fields keep the national value
    assert rules["data_quality"]["age_years"] == [0, 100]
    assert rules["data_quality"]["required"][0] == "case_id"


@pytest.mark.parametrize("bad, message", [
    ({"special_reveiw": {}}, "unknown section"),
    ({"special_review": {"icu_day": 3}}, "unknown field"),
    ({"special_review": {"icu_days": "3"}}, "wrong type"),
    ({"special_review": {"deaths": 1}}, "wrong type"),
    ({"special_review": {"cap_rate": 2}}, "0–1"),
    ({"data_quality": {"age_years": [120, 0]}}, "lowest, highest"),
    ({"calibration": {"year_weights": [1, -2]}}, "non-negative"),
])
def test_malformed_rules_are_refused_with_the_field_named(bad: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        case_rules(bad)


def test_one_resolver_for_every_kind(tmp_path: Path) -> None:
    for kind, name in (("tiebreak", "national"), ("scoring", "dip-1.0"), ("payment", "national"), ("rules", "national")):
        assert json.loads(policy_text(kind, name))["name"] == name
    own = tmp_path / "mine.json"
    own.write_text(json.dumps({"readmission": {"window_days": 30}}), encoding="utf-8")
    assert case_rules(own)["readmission"]["window_days"] == 30
    with pytest.raises(ValueError, match="unknown case rules policy"):
        policy_text("rules", "no-such-rules")
    with pytest.raises(ValueError, match="kind must be one of"):
        presets("other")


def test_scorer_takes_the_readmission_window_and_review_criteria_from_the_rules() -> None:
    national = dipdrg.Scorer(point_value=9.5)
    city = dipdrg.Scorer(point_value=9.5, rules={"readmission": {"window_days": 30}, "special_review": {"icu_days": 3}})
    assert (national.readmission_window_days, city.readmission_window_days) == (15, 30)
    # Two stays of the same DRG 20 days apart: a readmission under a 30-day window only.
    stays = pd.DataFrame({"patient_id": ["P", "P"], "admission_date": ["2026-01-01", "2026-01-30"],
                          "discharge_date": ["2026-01-10", "2026-02-05"]})
    grouped = {"drg": ["ES21", "ES21"], "adrg": ["ES2", "ES2"]}
    assert list(national._readmissions(stays, grouped)) == [False, False]
    assert list(city._readmissions(stays, grouped)) == [True, False]
    # ICU days: 5 days is a candidate under the city's 3, not under the national 7.
    scored = pd.DataFrame({"case_id": ["A"], "hospital_id": ["H"], "dip_group": ["G"], "rule": ["normal"],
                           "ratio": [1.0], "amount": ["100.00"], "status": ["SCORED"]})
    cases = pd.DataFrame({"icu_days": ["5"], "los_days": ["10"]})
    assert len(national.review_candidates(scored, cases, pool_discharges=1000)) == 0
    assert len(city.review_candidates(scored, cases, pool_discharges=1000)) == 1


def test_data_quality_ranges_come_from_the_rules() -> None:
    df = pd.DataFrame({"case_id": ["1", "2"], "hospital_id": ["H", "H"], "insurance_type": ["310", "310"],
                       "gender": ["1", "2"], "age": ["110", "40"], "dx_codes": ["K35.300", "K35.300"],
                       "total_cost": ["100", "100"]})
    assert list(quality_problems(df)) == ["", ""]
    narrow = quality_problems(df, case_rules({"data_quality": {"age_years": [0, 100]}}))
    assert "0–100" in narrow[0] and narrow[1] == ""


def test_the_year_job_takes_the_citys_rules(tmp_path: Path) -> None:
    from dipdrg.demo import write_year
    from dipdrg.jobs import settle_year

    year = write_year(tmp_path / "cases.parquet", 6000)
    city = tmp_path / "city"
    shutil.copytree(ROOT / "catalogs" / "demo-city", city)
    policy = json.loads((city / "policy.json").read_text(encoding="utf-8"))
    results = {}
    for cap in (0.005, 0.001):
        policy["rules"] = {"special_review": {"cap_rate": cap}}
        (city / "policy.json").write_text(json.dumps(policy, ensure_ascii=False), encoding="utf-8")
        results[cap] = settle_year(year, city=str(city / "policy.json"), out_dir=tmp_path / f"out-{cap}",
                                   progress=False, report=False)
    assert len(results[0.005].candidates) == int(6000 * 0.005)
    assert len(results[0.001].candidates) == int(6000 * 0.001)
    assert np.array_equal(results[0.005].settlement["entitlement"], results[0.001].settlement["entitlement"])


@pytest.mark.parametrize("kind", ["tiebreak", "scoring", "payment", "rules"])
def test_a_policy_that_is_not_a_json_object_is_refused(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "list.json"
    path.write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(ValueError, match="JSON object"):
        policy_text(kind, str(path))
    with pytest.raises(ValueError, match="JSON object"):
        case_rules([1, 2])  # type: ignore[arg-type]
