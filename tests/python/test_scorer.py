"""Table-level DIP scoring, 特例单议 and the per-pool settlement, through Python and the CLI."""
from __future__ import annotations

import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest

import dipdrg

ROOT = Path(__file__).resolve().parents[2]
CASES = ROOT / "examples" / "data" / "dip-demo-cases.csv"


@pytest.fixture(scope="module")
def cases() -> pd.DataFrame:
    return pd.read_csv(CASES, dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def scored(cases: pd.DataFrame) -> pd.DataFrame:
    scorer = dipdrg.Scorer(policy="jining-370800", point_value={"310": 9.5, "390": 8.7},
                           level_coefficients={1: 0.9, 2: 1.0, 3: 1.05})
    return scorer.score(cases, grouper=dipdrg.Grouper("dip-demo"))


def test_every_row_scored_or_explained(cases: pd.DataFrame, scored: pd.DataFrame) -> None:
    assert list(scored["case_id"]) == list(cases["case_id"])
    assert set(scored["status"]) <= {"SCORED", "NOT_SCORED"}
    assert (scored.loc[scored["status"] != "SCORED", "why"] != "").all()
    assert {"normal", "high"} <= set(scored["rule"])
    ok = scored[scored["status"] == "SCORED"]
    assert (ok["amount_fen"] >= 0).all()
    # amount = points × point value, to the fen
    for _, row in ok.head(50).iterrows():
        assert abs(row["points"] * row["point_value"] * 100 - row["amount_fen"]) <= 0.5 + 1e-6


def test_case_by_case_matches_the_formula() -> None:
    g = dipdrg.Grouper("dip-demo")
    scorer = dipdrg.Scorer(policy="dip-1.0", point_value=9.5, level_coefficients={3: 1.05})
    one = {"sex": ["1"], "age": ["40"], "dx_codes": ["K35.300x001"], "px_codes": ["47.0100"], "hospital_level": ["3"]}
    grouped = g.group_one(dx_codes="K35.300x001", px_codes="47.0100")
    rw = grouped.dip_score
    k = 1.0 if grouped.grassroots else 1.05  # 基层病种 take no hospital coefficient
    standard = rw * k * 9.5
    high = scorer.score(dict(one, total_cost=[f"{standard * 2.5:.2f}"]), grouper=g)
    assert high["rule"][0] == "high"
    assert high["points"][0] == pytest.approx(rw * (2.5 - 1), rel=1e-6)
    low = scorer.score(dict(one, total_cost=[f"{standard * 0.3:.2f}"]), grouper=g)
    assert low["rule"][0] == "low" and low["points"][0] == pytest.approx(rw * 0.3, rel=1e-6)


def test_bad_rows_get_statuses() -> None:
    g = dipdrg.Grouper("dip-demo")
    scorer = dipdrg.Scorer(point_value={"310": 9.5}, hospital_coefficients={"H1": 1.0})
    data = {"sex": ["1"] * 5, "age": ["40"] * 5, "dx_codes": ["K35.300x001"] * 4 + [""],
            "px_codes": ["47.0100"] * 5, "total_cost": ["-5", "abc", "1000", "1000", "1000"],
            "hospital_id": ["H1", "H1", "H9", "H1", "H1"], "insurance_type": ["310", "310", "310", "999", "310"]}
    out = scorer.score(data, grouper=g)
    assert list(out["status"]) == ["BAD_COST", "BAD_COST", "UNKNOWN_HOSPITAL", "NO_POINT_VALUE", "NOT_SCORED"]
    with pytest.raises(ValueError, match="total_cost"):
        scorer.score({"sex": ["1"], "age": ["1"], "dx_codes": ["K35.3"]}, grouper=g)
    with pytest.raises(ValueError, match="drg_weights"):
        scorer.score(data, grouper=dipdrg.Grouper("demo"))
    with pytest.raises(ValueError, match="positive"):
        dipdrg.Scorer(point_value=0)


def test_review_candidates_and_decisions(cases: pd.DataFrame, scored: pd.DataFrame) -> None:
    scorer = dipdrg.Scorer(point_value=1.0)
    cand = scorer.review_candidates(scored, cases, pool_discharges=2000)
    assert len(cand) == 10  # 5‰ of 2 000, pool-wide
    assert list(cand["rank"]) == list(range(1, 11))
    assert cand["ratio"].is_monotonic_decreasing
    assert cand["reasons"].str.len().gt(0).all()
    first = cand["case_id"][0]
    decisions = pd.DataFrame({"case_id": [first, cand["case_id"][1]], "decision": ["approved", "rejected"],
                              "approved_amount": ["88888.88", ""]})
    applied = dipdrg.apply_review(scored, decisions)
    row = applied[applied["case_id"] == first].iloc[0]
    assert row["rule"] == "special" and row["amount"] == "88888.88"
    assert applied[applied["case_id"] == cand["case_id"][1]].iloc[0]["rule"] == \
        scored[scored["case_id"] == cand["case_id"][1]].iloc[0]["rule"]
    with pytest.raises(ValueError, match="unknown case"):
        dipdrg.apply_review(scored, pd.DataFrame({"case_id": ["nope"], "decision": ["approved"]}))


def test_settlement_per_pool_sums_to_the_fen(scored: pd.DataFrame) -> None:
    out = dipdrg.settle_scored(scored, budgets={"310": "500000.00", "390": "300000.01"}, fund_payment_ratio=0.7)
    for pool, budget in (("310", "500000.00"), ("390", "300000.01")):
        rows = out[out["insurance_type"] == pool]
        assert sum(Decimal(x) for x in rows["entitlement"]) == Decimal(budget)  # no assessment, no deductions
    with pytest.raises(ValueError, match="no scored cases"):
        dipdrg.settle_scored(scored, budgets={"999": "1"})


def test_cli_score_review_settle(tmp_path: Path) -> None:
    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "dipdrg", *args], capture_output=True, text=True, check=False)

    scored = tmp_path / "scored.csv"
    p = run("score", str(CASES), "-o", str(scored), "--scoring-policy", "jining-370800",
            "--point-value-by", "310=9.5", "--point-value-by", "390=8.7")
    assert p.returncode == 0, p.stderr
    cand = tmp_path / "cand.csv"
    p = run("review", str(scored), "-o", str(cand), "--cases", str(CASES), "--pool-discharges", "2000")
    assert p.returncode == 0, p.stderr
    c = pd.read_csv(cand, dtype=str, keep_default_na=False)
    c.loc[0, "decision"], c.loc[0, "approved_amount"] = "approved", "12345.67"
    c.to_csv(cand, index=False)
    reviewed = tmp_path / "reviewed.csv"
    p = run("review", str(scored), "-o", str(reviewed), "--decisions", str(cand))
    assert p.returncode == 0, p.stderr
    settled = tmp_path / "settled.csv"
    p = run("settle", str(reviewed), "-o", str(settled), "--budget", "310=500000", "--budget", "390=300000")
    assert p.returncode == 0, p.stderr
    s = pd.read_csv(settled, dtype=str)
    assert sum(Decimal(x) for x in s[s["insurance_type"] == "310"]["entitlement"]) == Decimal("500000")


def test_drg_point_method_table() -> None:
    """CHS-DRG cases through the point method with a weights table (payment-rules.md §1.3 numbers)."""
    g = dipdrg.Grouper("demo")
    probe = g.group_one(sex=2, age=0, age_days=3, weight_g=1200, dx_codes="P07.200")
    weights = pd.DataFrame({"drg": [probe.drg], "base_points": [150.0], "group_average": ["15000"],
                            "base_group": ["0"], "bed_day": ["0"]})
    scorer = dipdrg.Scorer(policy="zhejiang-example", point_value=100, level_coefficients={3: 1.1},
                           drg_weights=weights)
    base = {"sex": "2", "age": "0", "age_days": "3", "weight_g": "1200", "dx_codes": "P07.200", "hospital_level": "3"}
    rows = pd.DataFrame([dict(base, total_cost=c, case_id=f"C{i}") for i, c in enumerate(["14000", "45000", "5000"])]
                        + [dict(base, total_cost="14000", case_id="X", dx_codes="R69.x00")])
    out = scorer.score(rows, grouper=g)
    # 150 base points is above the 100-point tier, so its high threshold is 2×: the §1.3 example.
    assert list(out["rule"][:3]) == ["normal", "high", "low"]
    assert list(out["amount"][:3]) == ["16500.00", "31500.00", "5000.00"]
    assert out["status"][3] == "NOT_SCORED" and "no" in out["why"][3]
    national = dipdrg.Scorer(policy="national", point_value=100, level_coefficients={3: 1.1}, drg_weights=weights)
    high = national.score(rows.assign(hospital_level="2"), grouper=g)
    assert high["rule"][1] == "high" and high["amount"][1] == "30000.00"  # 150 + 150 × (3 − 2) at c = 1
    with pytest.raises(ValueError, match="unknown CHS-DRG payment policy"):
        dipdrg.Scorer(policy="nowhere", point_value=1, drg_weights=weights).score(rows, grouper=g)


def test_group_level_coefficients_from_the_catalog() -> None:
    g = dipdrg.Grouper("dip-demo")
    groups = g.catalog.table("groups").set_index("code")
    code = g.group_one(dx_codes="K35.300x001", px_codes="47.0901").dip_group
    expected = groups.at[code, "avg_cost_l3"] / groups.at[code, "avg_cost"]
    scorer = dipdrg.Scorer(point_value=9.5, level_coefficients={3: 1.5}, group_level_coefficients=True)
    out = scorer.score({"sex": ["1"], "age": ["40"], "dx_codes": ["K35.300x001"], "px_codes": ["47.0901"],
                        "total_cost": ["9000"], "hospital_level": ["3"]}, grouper=g)
    if out["dip_kind"][0] != "grassroots":
        assert out["hospital_coefficient"][0] == pytest.approx(expected)


def test_drg_penalties_and_monthly_advance() -> None:
    g = dipdrg.Grouper("demo")
    probe = g.group_one(sex=2, age=0, age_days=3, weight_g=1200, dx_codes="P07.200")
    weights = pd.DataFrame({"drg": [probe.drg], "base_points": [150.0], "group_average": ["15000"]})
    scorer = dipdrg.Scorer(policy="zhejiang-example", point_value=100, drg_weights=weights)
    base = {"sex": "2", "age": "0", "age_days": "3", "weight_g": "1200", "dx_codes": "P07.200", "total_cost": "14000"}
    rows = pd.DataFrame([dict(base, penalty=p) for p in ("", "no_points", "2", "lots")])
    out = scorer.score(rows, grouper=g)
    assert list(out["rule"][:3]) == ["normal", "penalty", "penalty"]
    assert list(out["amount"][:3]) == ["15000.00", "0.00", "-30000.00"]
    assert out["status"][3] == "BAD_PENALTY"
    assert dipdrg.monthly_advance(points=90000, point_value=9.5, patient_paid=330000, deductions=10000) == "462500.00"


def test_review_adjusted_standard(scored: pd.DataFrame) -> None:
    first = scored[scored["status"] == "SCORED"]["case_id"].iloc[0]
    out = dipdrg.apply_review(scored, pd.DataFrame({"case_id": [first], "decision": ["approved"],
                                                    "adjusted_points": ["2000"]}))
    row = out[out["case_id"] == first].iloc[0]
    assert row["rule"] == "special" and row["points"] == 2000
    assert row["amount_fen"] == round(2000 * row["point_value"] * 100)


def test_drg_readmission_within_15_days_halves_the_earlier_stay() -> None:
    g = dipdrg.Grouper("demo")
    probe = g.group_one(sex=2, age=0, age_days=3, weight_g=1200, dx_codes="P07.200")
    weights = pd.DataFrame({"drg": [probe.drg], "base_points": [150.0], "group_average": ["15000"]})
    scorer = dipdrg.Scorer(policy="zhejiang-example", point_value=100, drg_weights=weights)
    base = {"sex": "2", "age": "0", "age_days": "3", "weight_g": "1200", "dx_codes": "P07.200", "total_cost": "14000",
            "patient_id": "P1"}
    rows = pd.DataFrame([dict(base, admission_date="2025-03-01", discharge_date="2025-03-05"),
                         dict(base, admission_date="2025-03-12", discharge_date="2025-03-20"),   # 7 days later
                         dict(base, admission_date="2025-06-01", discharge_date="2025-06-03")])  # months later
    out = scorer.score(rows, grouper=g)
    assert list(out["amount"]) == ["7500.00", "15000.00", "15000.00"]
    assert "readmission" in out["why"][0]


def test_points_by_kind_and_budget_point_value(scored: pd.DataFrame) -> None:
    with pytest.raises(ValueError, match="no budget for pool"):  # 390 has cases too: never dropped
        dipdrg.settle_scored(scored, budgets={"310": "500000"})
    out = dipdrg.settle_scored(scored[scored["insurance_type"].astype(str) == "310"], budgets={"310": "500000"})
    kinds = [c for c in out.columns if c.startswith("points_")]
    assert kinds and all(abs(sum(r[k] for k in kinds) - r["points"]) < 1e-6 for _, r in out.iterrows())
    assert dipdrg.budget_point_value([8.0e8, 8.6e8, 9.2e8], [0.85e8, 0.90e8, 0.95e8]) == pytest.approx(89.6 / 9.3)
    with pytest.raises(ValueError):
        dipdrg.budget_point_value([1.0], [1.0, 2.0])
