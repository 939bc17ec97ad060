"""Writes the demo city's CHS-DRG weights (catalogs/demo-city/drg-weights.csv) from the shipped
CHS-DRG demo cases: each DRG's average cost and its base points B_g = 100 · avg_g / avg_all
(payment-rules.md §1.2). Illustrative, like the demo cases they come from.
Usage: python tools/make_demo_drg_weights.py
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

import dipdrg

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    cases = pd.read_csv(ROOT / "examples" / "data" / "demo-cases.csv", dtype=str, keep_default_na=False)
    grouped = dipdrg.Grouper("demo").group(cases)
    ok = grouped["status"] == "OK"
    costs = pd.DataFrame({"drg": grouped["drg"][ok], "cost": pd.to_numeric(cases["total_cost"][ok])})
    overall = costs["cost"].mean()
    table = costs.groupby("drg", as_index=False)["cost"].mean().rename(columns={"cost": "average"})
    table["base_points"] = (100 * table["average"] / overall).round(2)
    table["group_average"] = table["average"].map(lambda v: f"{v:.2f}")
    out = ROOT / "catalogs" / "demo-city" / "drg-weights.csv"
    table[["drg", "base_points", "group_average"]].to_csv(out, index=False)
    print(f"wrote {out}: {len(table)} DRGs, overall average {overall:.2f}")


if __name__ == "__main__":
    main()
