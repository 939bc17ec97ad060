"""DIP case scoring from Python: the dip.md §9.7 examples through the shipped presets."""
from __future__ import annotations

import pytest

import dipdrg

EXAMPLE = dict(group_score=1338.5, hospital_coefficient=1.05, point_value=9.5)


@pytest.mark.parametrize("policy,cost,rule,amount", [
    ("dip-1.0", "12000", "normal", "13351.54"),
    ("dip-1.0", "6000", "low", "5714.29"),
    ("dip-3.0", "6000", "low", "6000.00"),
    ("dip-1.0", "30000", "high", "15855.68"),
    ("jining-370800", "30000", "high", "16491.47"),
    ("jining-370800", "70000", "extreme", "13351.54"),
])
def test_worked_examples(policy: str, cost: str, rule: str, amount: str) -> None:
    r = dipdrg.score_dip_case(policy=policy, cost=cost, **EXAMPLE)
    assert (r["rule"], r["amount"]) == (rule, amount)
    assert r["why"]


def test_presets_and_bad_input() -> None:
    assert {"dip-1.0", "dip-3.0", "jining-370800", "taian-370900", "hubei"} <= set(dipdrg.scoring_policies())
    with pytest.raises(ValueError, match="not an amount"):
        dipdrg.score_dip_case(cost="lots", **EXAMPLE)
    with pytest.raises(ValueError, match="unknown DIP scoring policy"):
        dipdrg.score_dip_case(cost="1", policy="atlantis", **EXAMPLE)
    with pytest.raises(ValueError, match="point value"):
        dipdrg.score_dip_case(group_score=1, cost="1", point_value=0)
    review = dipdrg.score_dip_case(policy="dip-3.0", cost="30000", **EXAMPLE)
    assert review["review"] is True


def test_drg_point_method_example() -> None:
    common = dict(base_points=150, coefficient=1.1, group_average=15000, unit_value=100, low_ratio=0.4,
                  high_tiers=[(0, 0, 2.0)])
    assert dipdrg.score_drg_case(cost=14000, **common)["amount"] == "16500.00"
    assert dipdrg.score_drg_case(cost=14000, base_group=True, **common)["amount"] == "15000.00"
    assert dipdrg.score_drg_case(cost=45000, **common)["amount"] == "31500.00"
    assert dipdrg.score_drg_case(cost=5000, **common)["rule"] == "low"
    bed = dipdrg.score_drg_case(base_points=4, cost=0, unit_value=100, bed_day=True, los_days=90)
    assert bed["amount"] == "36000.00"
    with pytest.raises(ValueError, match="method"):
        dipdrg.score_drg_case(base_points=1, cost=1, unit_value=1, method="magic", group_average=1)


def test_settle_sums_to_the_fen() -> None:
    import pandas as pd

    hospitals = pd.DataFrame({"hospital": [f"H{i}" for i in range(37)],
                              "points": [1000.0 + 337.77 * i for i in range(37)],
                              "assessment": [0.97 + 0.001 * (i % 5) for i in range(37)]})
    out = dipdrg.settle(hospitals, budget="123456789.01", fund_payment_ratio=0.62)
    from decimal import Decimal

    assert sum(Decimal(x) for x in out["entitlement"]) == Decimal(out.attrs["total_entitlement"])
    with pytest.raises(ValueError, match="points"):
        dipdrg.settle(pd.DataFrame({"hospital": ["A"]}), budget="1")
    with pytest.raises(ValueError, match="not an amount"):
        dipdrg.settle(hospitals, budget="a lot")


def test_settle_corridors_and_elastic_value() -> None:
    import pandas as pd

    hospitals = pd.DataFrame({"hospital": ["A", "B"], "points": [50000.0, 50000.0], "base_points": [30000, 40000],
                              "item_fund": ["400000", "600000"], "advances": ["300000", "0"]})
    out = dipdrg.settle(hospitals, budget="850000", fixed_point_value=10,
                        surplus_bands=[(0.10, 1.0), (0, 0.5)], overspend_bands=[(0.10, 0.5), (0, 0.0)])
    assert out.attrs["point_value"] == pytest.approx(5.0)
    assert list(out["entitlement"]) == ["400000.00", "450000.00"]
    assert out["payment"][0] == "400000.00"                      # no surplus
    assert out["payment"][1] == "472500.00"                      # 150 000 over: fund bears half of 45 000
    assert out["balance"][0] == "100000.00" and "overspend" in out["corridor"][1]


def test_policy_objects() -> None:
    p = dipdrg.Policy.load("jining-370800", kind="scoring")
    assert p.name == "jining-370800" and p.data["high_formula"] == "ratio_minus_two_plus_k"
    r = dipdrg.score_dip_case(policy=p.data, cost="30000", **EXAMPLE)
    assert r["amount"] == "16491.47"
    tie = dipdrg.Policy.load("tangshan", kind="tiebreak")
    assert dipdrg.Grouper("dip-demo", policy=tie).options["name"] == "tangshan"
    assert dipdrg.Policy.load("national", kind="payment").data["low_ratio"] == 0.3
    with pytest.raises(ValueError, match="low_formula"):
        dipdrg.Policy.from_dict({"low_formula": "magic"}, kind="scoring")
    with pytest.raises(ValueError, match="kind"):
        dipdrg.Policy.load("x", kind="mystery")
