"""Case amounts are exact: the DIP and CHS-DRG case scorers against Python's `fractions` on
random amounts and on half-fen ties (money.hpp / exact.hpp: a float input is taken by its
shortest decimal representation, `repr`, and the amount rounds half away from zero once)."""
from __future__ import annotations

import random
from decimal import Decimal
from fractions import Fraction

import pytest

from dipdrg.scoring import monthly_advance, score_dip_case, score_drg_case


def fen(yuan: Fraction) -> int:
    """The documented rounding: to the fen, half away from zero."""
    return _half_away(yuan * 100)


def _half_away(x: Fraction) -> int:
    q, r = divmod(abs(x.numerator), x.denominator)
    if 2 * r >= x.denominator:
        q += 1
    return q if x >= 0 else -q


def exact(value: float | str) -> Fraction:
    return Fraction(repr(value) if isinstance(value, float) else value)


def dip_10_points(score: Fraction, k: Fraction, pv: Fraction, cost: Fraction) -> Fraction:
    """DIP 1.0 (catalogs/dip/scoring/dip-1.0.json): low ρ < 0.5 → RW·ρ; high ρ > 2 → RW·(ρ − 1); else RW·K."""
    rho = cost / (score * k * pv)
    if rho < Fraction(1, 2):
        return score * rho
    if rho > 2:
        return score * (rho - 1)
    return score * k


def draws(seed: int, n: int, *bounds: tuple[float, float, int]) -> list[list[float]]:
    """n rows of random decimals, one per (low, high, decimal places)."""
    rng = random.Random(seed)
    return [[round(rng.uniform(lo, hi), places) for lo, hi, places in bounds] for _ in range(n)]


def test_dip_case_amounts_match_fractions_on_random_inputs() -> None:
    for score, k, pv, amount in draws(11, 1500, (50, 5000, 3), (0.6, 1.3, 2), (5, 20, 2), (100, 200000, 2)):
        cost = f"{amount:.2f}"
        r = score_dip_case(group_score=score, hospital_coefficient=k, point_value=pv, cost=cost, policy="dip-1.0")
        points = dip_10_points(exact(score), exact(k), exact(pv), exact(cost))
        assert r["amount_fen"] == fen(points * exact(pv)), (score, k, pv, cost, r)


def test_dip_half_fen_ties_round_up() -> None:
    # score × K × PV ending in exactly half a fen: 1,000 normal cases at ρ = 1.
    rng = random.Random(12)
    ties = 0
    wrong_in_float = 0
    while ties < 1000:
        score = rng.randrange(10000, 2000000) / 1000
        k = rng.choice([1.0, 0.95, 1.05, 1.1, 0.85])
        pv = rng.choice([9.5, 7.5, 12.5, 11.0, 13.0])
        value = exact(score) * exact(k) * exact(pv)
        if (value * 100).denominator != 2:
            continue
        ties += 1
        cost = str(Decimal(value.numerator) / Decimal(value.denominator))  # ρ = 1
        r = score_dip_case(group_score=score, hospital_coefficient=k, point_value=pv, cost=cost, policy="dip-1.0")
        assert r["rule"] == "normal"
        assert r["amount_fen"] == fen(value), (score, k, pv)
        if round(score * k * pv * 100) != fen(value):
            wrong_in_float += 1
    assert wrong_in_float > 0  # binary floating point would have got some of them wrong


def test_drg_case_amounts_match_fractions() -> None:
    for b, c, v, average, amount in draws(13, 1000, (10, 400, 4), (0.8, 1.2, 3), (50, 150, 2), (2000, 80000, 2),
                                          (100, 200000, 2)):
        avg, cost = f"{average:.2f}", f"{amount:.2f}"
        r = score_drg_case(base_points=b, coefficient=c, cost=cost, group_average=avg, unit_value=v,
                           hospital_level=2, low_ratio=0.3, high_tiers=[(0, 0, 2.0)])
        B, C, V = exact(b), exact(c), exact(v)
        rho = exact(cost) / exact(avg)
        if rho > 2:
            points = B * C + B * (rho - 2)
        elif rho < Fraction(3, 10):
            points = min(B * rho, B * C)
        else:
            points = B * C
        assert r["amount_fen"] == fen(points * V), (b, c, v, avg, cost, r)


def test_monthly_advance_is_exact() -> None:
    # (points × PV − patient payments) × ratio − deductions: 1234.565 × 0.9 = 1111.1085 → 1111.11
    assert monthly_advance(points=129.954, point_value=9.5, patient_paid=0, advance_ratio=0.9) == "1111.11"
    rng = random.Random(14)
    for _ in range(500):
        points, pv, ratio = round(rng.uniform(0, 1e5), 3), round(rng.uniform(5, 15), 2), rng.choice([0.9, 0.95, 0.85])
        paid = f"{rng.uniform(0, 1e5):.2f}"
        want = fen((exact(points) * exact(pv) - exact(paid)) * exact(ratio))
        got = monthly_advance(points=points, point_value=pv, patient_paid=paid, advance_ratio=ratio)
        assert Fraction(got) * 100 == want


def test_non_finite_inputs_are_refused() -> None:
    with pytest.raises(ValueError, match="finite"):
        score_dip_case(group_score=float("inf"), point_value=9.5, cost="100")
    with pytest.raises(ValueError, match="finite"):
        score_dip_case(group_score=100, point_value=9.5, cost="100", hospital_coefficient=float("nan"))


def test_settlement_money_crosses_as_integer_fen() -> None:
    """The core hands back fen as Python ints (no yuan strings, no floats); the yuan text shown
    beside them is formatted from those ints."""
    from dipdrg import _core
    from dipdrg.money import to_fen, yuan
    from dipdrg.scoring import settle

    raw = _core.settle_pool("fund_over_ratio", 0.6, "570000000", ["A", "B", "C"], [300.0, 200.0, 100.0],
                            ["0"] * 3, [1.0] * 3, ["0"] * 3, ["0"] * 3, [0.0] * 3, [""] * 3, 0.0, [], [])
    for key in ("entitlement_fen", "payment_fen", "balance_fen"):
        assert all(type(v) is int for v in raw[key]), key
    assert type(raw["total_entitlement_fen"]) is int and "entitlement" not in raw
    assert sum(raw["entitlement_fen"]) == raw["total_entitlement_fen"] == to_fen("570000000")  # the budget, to the fen
    out = settle({"hospital": ["A", "B", "C"], "points": [300.0, 200.0, 100.0]}, budget="570000000",
                 fund_payment_ratio=0.6)
    assert list(out["entitlement"]) == [yuan(v) for v in out["entitlement_fen"]]
    assert type(_core.monthly_advance(100.0, 9.5, "0", 0.9, "0")) is int
    with pytest.raises(ValueError):
        to_fen("12.3.4")


def test_an_approved_adjusted_standard_is_paid_exactly() -> None:
    """特例单议 at an adjusted standard: points × point value rounded once, in exact arithmetic."""
    import pandas as pd

    from dipdrg.money import product_fen
    from dipdrg.scorer import apply_review

    scored = pd.DataFrame({"case_id": ["A"], "point_value": [9.5], "points": [1.0], "amount_fen": [950],
                           "amount": ["9.50"], "rule": ["high"], "why": [""]})
    out = apply_review(scored, pd.DataFrame({"case_id": ["A"], "decision": ["approved"],
                                             "adjusted_points": ["0.03"]}))
    assert int(out.loc[0, "amount_fen"]) == product_fen("0.03", "9.5") == 29  # 0.285 yuan: half a fen, up
    assert int(0.03 * 9.5 * 100 + 0.5) == 28  # the float product is 28.4999…: the wrong way
