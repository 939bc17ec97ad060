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
