"""The end of the year, on the driver, the same for every engine: each pool's budget, the
settlement to the fen, and the tables and report written from the year's sums."""
from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..money import yuan
from ..scorer import settle_scored
from .summary import hospital_summary
from .sums import YearSums, candidates_table, dirty_table, groups_table, hospital_table, points_table


@dataclass
class YearResult:
    out_dir: Path
    rows: int
    settlement: Any
    hospitals: Any
    pools: Any
    candidates: Any
    dirty: Any  # rows with data problems per status (the rows: data-quality.csv)
    groups: Any
    timings: dict[str, float]
    peak_rss_mb: float
    fund_payment_ratio: float = 1.0


def peak_rss_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def _budgets(policy: Mapping[str, Any], hospitals: Any, with_drg: bool) -> dict[str, str]:
    """The demo's budgets as a share of each pool's cost, else the policy's own."""
    if "year_budget_share_of_cost" not in policy:
        return {k: str(v) for k, v in policy["budgets"].items()}
    dip_cost = hospitals.groupby("insurance_type")["dip_cost_fen"].sum()
    drg_cost = hospitals.groupby("insurance_type")["drg_cost_fen"].sum()
    shares = {k: float(v) for k, v in policy["year_budget_share_of_cost"].items()}
    budgets = {k: yuan(int(round(dip_cost.get(k, 0) * v))) for k, v in shares.items()}
    if with_drg:
        budgets.update({f"DRG-{k}": yuan(int(round(drg_cost.get(k, 0) * v))) for k, v in shares.items()
                        if drg_cost.get(k, 0) > 0})
    return budgets


def finish_year(out: Path, sums: YearSums, policy: Mapping[str, Any], *, budgets: Mapping[str, str] | None,
                with_drg: bool, timings: dict[str, float], csv_cases: bool, report: bool, city: str, source: str,
                step: Any = None) -> YearResult:
    import pandas as pd

    step = step or (lambda name: None)
    start = time.perf_counter()
    hospitals = hospital_table(sums)
    budgets = dict(budgets) if budgets is not None else _budgets(policy, hospitals, with_drg)
    ratio = float(policy.get("fund_payment_ratio", 1.0))
    dip_rows = hospitals[["hospital_id", "insurance_type", "dip_cost_fen"]].rename(columns={"dip_cost_fen": "cost"})
    drg_rows = hospitals[["hospital_id", "insurance_type", "drg_cost_fen"]].rename(columns={"drg_cost_fen": "cost"})
    drg_rows = drg_rows.assign(insurance_type="DRG-" + drg_rows["insurance_type"].astype(str))
    item_fund = pd.concat([dip_rows, drg_rows], ignore_index=True).rename(columns={"hospital_id": "hospital"})
    item_fund["item_fund"] = [yuan(int(round(v * ratio))) for v in item_fund.pop("cost")]
    settlement = settle_scored(points_table(sums), budgets=budgets, fund_payment_ratio=ratio, hospitals=item_fund,
                               surplus_bands=[tuple(b) for b in policy.get("surplus_bands", [])] or None,
                               overspend_bands=[tuple(b) for b in policy.get("overspend_bands", [])] or None)
    pools = settlement.groupby("insurance_type").agg(hospitals=("hospital", "size"),
                                                     point_value=("point_value", "first")).reset_index()
    pools["budget"] = [budgets[str(p)] for p in pools["insurance_type"]]
    pools["points"] = settlement.groupby("insurance_type")["points"].sum().to_numpy()
    candidates = candidates_table(sums.candidates)
    dirty = dirty_table(sums)
    groups = groups_table(sums)
    now = time.perf_counter()
    timings["settlement"] = timings.get("settlement", 0.0) + now - start
    step("write tables")

    start = now
    _write_tables(out, settlement, hospitals, pools, candidates, dirty, groups, csv_cases=csv_cases,
                  fund_payment_ratio=ratio)
    now = time.perf_counter()
    timings["write tables"] = timings.get("write tables", 0.0) + now - start
    result = YearResult(out, sums.rows, settlement, hospitals, pools, candidates, dirty, groups, timings,
                        peak_rss_mb(), ratio)
    if report:
        from .report import write_report

        step("report")
        start = now
        write_report(result, out / "report.html", city=policy.get("name", city), source=source)
        timings["report"] = timings.get("report", 0.0) + time.perf_counter() - start
    return result


def _excel_safe(frame: Any) -> Any:
    """Text cells without the control characters a worksheet cannot hold (a NUL in a hospital's
    name), each shown as U+FFFD; the CSV and Parquet outputs keep the text as it was."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == object or str(out[column].dtype).startswith(("string", "str")):
            out[column] = out[column].map(lambda v: ILLEGAL_CHARACTERS_RE.sub("\ufffd", v) if isinstance(v, str) else v)
    return out


def _write_tables(out: Path, settlement: Any, hospitals: Any, pools: Any, candidates: Any, dirty: Any, groups: Any,
                  *, csv_cases: bool, fund_payment_ratio: float) -> None:
    import pandas as pd

    by_hospital = hospital_summary(hospitals, settlement, fund_payment_ratio)
    by_hospital.to_csv(out / "settlement.csv", index=False, encoding="utf-8")
    candidates.to_csv(out / "review-candidates.csv", index=False, encoding="utf-8")
    with pd.ExcelWriter(out / "settlement.xlsx") as x:
        for frame, sheet in ((by_hospital, "hospitals"), (settlement, "settlement by pool"), (pools, "pools"),
                             (candidates.head(10000), "review candidates"), (dirty, "data quality"),
                             (groups.sort_values("cost_fen", ascending=False).head(200), "top groups")):
            _excel_safe(frame).to_excel(x, sheet_name=sheet, index=False)
    if csv_cases:
        import pyarrow.csv as pacsv
        import pyarrow.parquet as pq

        pacsv.write_csv(pq.read_table(out / "cases.parquet"), out / "cases.csv")
