"""Case scores and the pool settlement: DIP case scores (normal, low/high/extreme deviation,
ungrouped) by the formula variants of a scoring policy (presets in catalogs/dip/scoring/),
CHS-DRG point- and rate-method payments, and the annual settlement of a fund pool exact to
the fen. Special-case review, calibration and table-level scoring are not here yet."""
from __future__ import annotations

import os
from typing import Any

from . import _core
from .money import yuan
from .policy import policy_text, presets


def scoring_policies() -> list[str]:
    """Names of the shipped DIP scoring-policy presets."""
    return presets("scoring")


def _policy_json(policy: str | os.PathLike[str] | dict[str, Any], scheme: str = "dip") -> str:
    return policy_text("scoring" if scheme == "dip" else "payment", policy, validate=False)


def score_dip_case(*, group_score: float, cost: float | str, point_value: float,
                   policy: str | os.PathLike[str] | dict[str, Any] = "dip-1.0", hospital_coefficient: float = 1.0,
                   aux_factor: float = 1.0, grassroots: bool = False, ungrouped: bool = False,
                   standard: float | str | None = None) -> dict[str, Any]:
    """Scores one DIP case. ``cost`` and ``standard`` are yuan (the standard defaults to
    group_score × hospital_coefficient × point_value); the amount is exact to the fen.

    >>> r = score_dip_case(group_score=1338.5, hospital_coefficient=1.05, point_value=9.5, cost="30000",
    ...                    policy="jining-370800")
    >>> r["rule"], r["amount"]
    ('high', '16491.47')
    """
    try:
        return dict(_core.score_dip_case(_policy_json(policy), float(group_score), float(hospital_coefficient),
                                         float(aux_factor), bool(grassroots), bool(ungrouped), str(cost),
                                         float(point_value), "" if standard is None else str(standard)))
    except RuntimeError as exc:
        raise ValueError(str(exc)) from exc


def score_drg_case(*, base_points: float, cost: float | str, unit_value: float, method: str = "points",
                   coefficient: float = 1.0, base_group: bool = False, group_average: float | str | None = None,
                   hospital_level: int = 0, low_ratio: float = 0.3,
                   high_tiers: list[tuple[float, int, float]] | None = None, high_alpha: float = 1.0,
                   low_uses_coefficient: bool = False, incomplete_stay: bool = False, bed_day: bool = False,
                   los_days: int = 0, readmitted_within_15_days: bool = False,
                   readmission_factor: float = 0.5) -> dict[str, Any]:
    """Scores one CHS-DRG case by the point method (``base_points`` = B_g, ``unit_value`` = V)
    or the rate method (``base_points`` = RW, ``unit_value`` = base rate). ``high_tiers`` are
    (max base points or 0, hospital level or 0, ratio), first match wins; the default is the
    national 三级 3× / otherwise 2×.

    >>> score_drg_case(base_points=150, coefficient=1.1, cost=45000, group_average=15000, unit_value=100,
    ...                low_ratio=0.4, high_tiers=[(0, 0, 2.0)])["amount"]
    '31500.00'
    """
    tiers = high_tiers if high_tiers is not None else [(0.0, 3, 3.0), (0.0, 0, 2.0)]
    try:
        return dict(_core.score_drg_case(method, low_ratio, [(float(a), int(b), float(c)) for a, b, c in tiers],
                                         high_alpha, low_uses_coefficient, readmission_factor, float(base_points),
                                         float(coefficient), base_group, str(cost),
                                         "" if group_average is None else str(group_average), float(unit_value),
                                         int(hospital_level), incomplete_stay, bed_day, int(los_days),
                                         readmitted_within_15_days))
    except RuntimeError as exc:
        raise ValueError(str(exc)) from exc


def settle(hospitals: Any, *, budget: float | str, basis: str = "fund_over_ratio", fund_payment_ratio: float = 1.0,
           fixed_point_value: float | None = None, surplus_bands: list[tuple[float, float]] | None = None,
           overspend_bands: list[tuple[float, float]] | None = None) -> Any:
    """Annual settlement of one fund pool. ``hospitals`` is a DataFrame (or mapping of columns)
    with ``hospital`` and ``points``, optionally ``patient_paid``, ``assessment``,
    ``deductions``, ``advances``, ``item_fund`` (what the stays would cost the fund under
    item-based payment, for the corridors) and ``base_points`` (elastic point value). Returns
    a DataFrame with the entitlement, the payment after the 结余留用/合理超支分担 corridors
    (``surplus_bands``/``overspend_bands``: (cumulative share of the entitlement or 0, share)),
    and the balance after advances, exact to the fen and summing to the pool total; the
    (floating, when ``fixed_point_value`` is given) point value is in ``.attrs["point_value"]``.

    >>> import pandas as pd
    >>> out = settle(pd.DataFrame({"hospital": ["A", "B"], "points": [1e6, 99e6]}),
    ...              budget="570000000", fund_payment_ratio=0.6)
    >>> out.attrs["point_value"], out["entitlement"][0]
    (9.5, '5700000.00')
    """
    import pandas as pd

    df = pd.DataFrame(hospitals)
    for required in ("hospital", "points"):
        if required not in df.columns:
            raise ValueError(f"settle() needs a column {required!r}")

    def text(name: str, default: str) -> list[str]:
        if name not in df.columns:
            return [default] * len(df)
        return [default if pd.isna(v) else str(v) for v in df[name]]

    def numbers(name: str, default: float) -> list[float]:
        if name not in df.columns:
            return [default] * len(df)
        return [default if pd.isna(v) else float(v) for v in df[name]]

    try:
        raw = _core.settle_pool(basis, float(fund_payment_ratio), str(budget), [str(h) for h in df["hospital"]],
                                [float(p) for p in df["points"]], text("patient_paid", "0"), numbers("assessment", 1.0),
                                text("deductions", "0"), text("advances", "0"), numbers("base_points", 0.0),
                                text("item_fund", ""), float(fixed_point_value or 0),
                                list(surplus_bands or []), list(overspend_bands or []))
    except RuntimeError as exc:
        raise ValueError(str(exc)) from exc
    fen = {k: [int(v) for v in raw[f"{k}_fen"]] for k in ("entitlement", "payment", "balance")}
    out = pd.DataFrame({"hospital": df["hospital"].astype(str).tolist(), "points": df["points"].tolist(),
                        **{k: [yuan(v) for v in values] for k, values in fen.items()},
                        **{f"{k}_fen": values for k, values in fen.items()}, "corridor": raw["corridor"]})
    out.attrs["point_value"] = raw["point_value"]
    out.attrs["total_entitlement"] = yuan(raw["total_entitlement_fen"])
    out.attrs["total_entitlement_fen"] = int(raw["total_entitlement_fen"])
    return out


def monthly_advance(*, points: float, point_value: float, patient_paid: float | str = 0, advance_ratio: float = 0.9,
                    deductions: float | str = 0) -> str:
    """月度预拨: (monthly points × point value − patient payments) × advance ratio − deductions,
    in yuan to the fen (the draft keeps 10 % back; 经办规程 caps the deposit at 5 %).

    >>> monthly_advance(points=90000, point_value=9.5, patient_paid=330000, advance_ratio=0.9, deductions=10000)
    '462500.00'
    """
    try:
        return yuan(_core.monthly_advance(float(points), float(point_value), str(patient_paid), float(advance_ratio),
                                          str(deductions)))
    except RuntimeError as exc:
        raise ValueError(str(exc)) from exc


def budget_point_value(costs: list[float], points: list[float], weights: list[float] | None = None) -> float:
    """年初(预算)点值 from several years, oldest first: Σ w·cost ÷ Σ w·points (weights 1:2:7
    for three years by default).

    >>> round(budget_point_value([8.0e8, 8.6e8, 9.2e8], [0.85e8, 0.90e8, 0.95e8]), 3)
    9.634
    """
    w = list(weights) if weights is not None else [1.0, 2.0, 7.0][-len(costs):]
    try:
        return float(_core.budget_point_value([float(c) for c in costs], [float(p) for p in points], w))
    except RuntimeError as exc:
        raise ValueError(str(exc)) from exc
