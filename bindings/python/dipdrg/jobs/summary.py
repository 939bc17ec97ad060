"""The per-hospital summary of a settled year: volumes, CMI, deviation shares, the settlement
against what the fund would have paid item by item, fund and patient shares."""
from __future__ import annotations

from typing import Any

from ..money import yuan


def hospital_summary(hospitals: Any, settlement: Any, fund_payment_ratio: float = 1.0) -> Any:
    """One row per hospital: volumes, CMI, deviation shares, DIP payment against the
    fee-for-service cost, the settlement entitlement against what the fund would have paid
    item by item (fund payment ratio × cost: surplus > 0, overspend < 0), fund and patient
    shares."""
    h = hospitals.groupby(["hospital_id", "hospital", "level", "kind"], as_index=False).sum(numeric_only=True)
    mean_score = h["score_sum"].sum() / max(1, h["scored"].sum())
    h["cmi"] = (h["score_sum"] / h["scored"].where(h["scored"] > 0)) / mean_score
    h["high_share"] = h["high"] / h["scored"].where(h["scored"] > 0)
    h["low_share"] = h["low"] / h["scored"].where(h["scored"] > 0)
    ent = settlement.copy()
    drg_pool = ent["insurance_type"].astype(str).str.startswith("DRG-")
    ent = ent.assign(dip_points=ent["points"].where(~drg_pool, 0.0), drg_points=ent["points"].where(drg_pool, 0.0))
    ent = ent.groupby("hospital", as_index=False).agg(points=("points", "sum"), dip_points=("dip_points", "sum"),
                                                      drg_points=("drg_points", "sum"),
                                                      entitlement_fen=("entitlement_fen", "sum"))
    h = h.merge(ent, left_on="hospital_id", right_on="hospital", how="left", suffixes=("", "_s")).drop(columns=["hospital_s"])
    for c in ("points", "dip_points", "drg_points"):
        h[c] = h[c].fillna(0.0)
    h["entitlement_fen"] = h["entitlement_fen"].fillna(0).astype("int64")
    h["points_cost_fen"] = h["dip_cost_fen"] + h["drg_cost_fen"]  # the stays paid by points (DIP and DRG)
    for c in ("dip_cost_fen", "drg_cost_fen", "dip_payment_fen", "fund_fen", "patient_fen", "total_cost_fen",
              "entitlement_fen"):
        h[c.replace("_fen", "")] = [yuan(int(v)) for v in h[c]]
    h["dip_vs_ffs"] = h["dip_payment_fen"] - h["points_cost_fen"]
    h["dip_vs_ffs_yuan"] = [yuan(int(v)) for v in h["dip_vs_ffs"]]
    item_fund = (h["points_cost_fen"] * fund_payment_ratio).round().astype("int64")
    h["settlement_vs_ffs"] = h["entitlement_fen"] - item_fund
    h["settlement_vs_ffs_yuan"] = [yuan(int(v)) for v in h["settlement_vs_ffs"]]
    return h.drop(columns=["insurance_type"], errors="ignore").sort_values("hospital_id").reset_index(drop=True)
