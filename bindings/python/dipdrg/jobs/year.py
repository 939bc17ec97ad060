"""The fund manager's main job for one year: read the cases, group and score them (DIP),
pick the 特例单议 candidates and apply decisions, settle every hospital per pool to the fen,
split each settlement between fund and patient, and write the tables and the HTML report.

The cases are read in batches, so memory stays bounded however long the year is: only
per-hospital and per-group sums, the best 特例单议 candidates so far (at most the cap) and the
count of dirty rows per status are kept across batches; the dirty rows themselves and the
per-case results are written to disk batch by batch.
"""
from __future__ import annotations

import sys
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from .._extras import MissingExtra, available
from ..policy import case_rules
from ..grouper import Grouper
from ..reimbursement import ReimbursementPolicy, reimburse, yuan
from ..scorer import Scorer, apply_review, settle_scored
from .city import city_policy
from .summary import hospital_summary

DIP_MODES = ("dip", "day_surgery")
BATCH_ROWS = 200_000

# Case columns → reimbursement fields.
_REIMBURSE_FIELDS = {"case_id": "id", "date": "date", "hospital": "hospital", "hospital_level": "level",
                     "tcm_hospital": "tcm_hospital", "grassroots": "grassroots", "insurance_type": "insurance",
                     "status": "status", "dept": "department", "eligible": "eligible", "self_pay": "self_pay",
                     "total_cost": "total_cost", "segments": "segments", "referral": "referral",
                     "nth_stay": "nth_stay", "tcm_disease": "tcm_disease", "course_days": "course_days",
                     "max_gap_days": "max_gap_days", "acupuncture_cost": "acupuncture_cost",
                     "other_tcm_therapy_cost": "other_tcm_therapy_cost", "bed_day_scope": "bed_day_scope"}


def _batches(path: Path, batch_rows: int) -> tuple[Iterator[Any], int]:
    """The cases as pandas DataFrames of text columns, and the row count."""
    import pandas as pd

    suffix = path.suffix.lower()
    if suffix in (".parquet", ".pq"):
        import pyarrow.parquet as pq

        f = pq.ParquetFile(path)
        n = f.metadata.num_rows

        def gen() -> Iterator[Any]:
            for b in f.iter_batches(batch_size=batch_rows):
                yield b.to_pandas().astype(str).replace({"None": "", "nan": ""})
        return gen(), n
    if suffix in (".xlsx", ".xls"):
        df = pd.read_excel(path, dtype=str).fillna("")
        return iter([df[i:i + batch_rows].reset_index(drop=True) for i in range(0, len(df), batch_rows)]), len(df)
    with path.open("rb") as f:
        n = max(0, sum(1 for _ in f) - 1)
    def chunks() -> Iterator[Any]:  # opened only when read, and closed after
        with pd.read_csv(path, dtype=str, keep_default_na=False, chunksize=batch_rows) as reader:
            yield from reader
    return chunks(), n


@dataclass
class Totals:
    """What is kept across batches."""

    points: list[Any] = field(default_factory=list)      # per (hospital, pool, kind): points
    hospitals: list[Any] = field(default_factory=list)   # per-hospital sums per batch
    groups: list[Any] = field(default_factory=list)      # per-group sums per batch
    candidates: Any = None                               # the best review candidates so far
    dirty: dict[str, int] = field(default_factory=dict)  # dirty rows per status
    info: dict[str, tuple[str, int, str]] = field(default_factory=dict)  # hospital id -> name, level, kind
    rows: int = 0
    timings: dict[str, float] = field(default_factory=dict)

    def tick(self, stage: str, start: float) -> float:
        now = time.perf_counter()
        self.timings[stage] = self.timings.get(stage, 0.0) + now - start
        return now


def _fen(values: Any) -> Any:
    from .. import _core

    fen, ok = _core.parse_yuan_list([v or None for v in values])
    return np.where(np.asarray(ok, dtype=bool), np.asarray(fen, dtype=np.int64), 0)


@dataclass
class DrgPool:
    """The CHS-DRG side of a city: its grouper and scorer; its cases settle in pools "DRG-<insurance>"."""

    grouper: Grouper
    scorer: Scorer


def _drg_pool(policy: Mapping[str, Any], policy_path: Path, rules: Mapping[str, Any]) -> DrgPool | None:
    import pandas as pd

    section = policy.get("drg")
    if not section:
        return None
    weights = pd.read_csv(policy_path.parent / section["weights"], dtype=str)
    scorer = Scorer(policy=section.get("payment_policy", "national"), point_value=section["point_values"],
                    level_coefficients={int(k): v for k, v in policy["level_coefficients"].items()},
                    drg_weights=weights, rules=rules)
    return DrgPool(Grouper(section.get("catalog", "demo")), scorer)


def _score(df: Any, grouper: Grouper, scorer: Scorer, drg_pool: DrgPool | None) -> tuple[Any, Any]:
    """The scores of every row in the DIP scorer's columns: DRG rows by the CHS-DRG scorer
    (their DRG in dip_group, kind "drg"), the others by the DIP scorer; and the pool of each
    row (the insurance type, "DRG-" + it for DRG rows)."""
    import pandas as pd

    pool = df["insurance_type"].astype(str).to_numpy(dtype=object)
    drg = (df["mode"] == "drg").to_numpy() if drg_pool is not None and "mode" in df.columns else np.zeros(len(df), bool)
    if not drg.any():
        return scorer.score(df, grouper=grouper), pool
    rows_dip, rows_drg = np.flatnonzero(~drg), np.flatnonzero(drg)
    parts = []
    if len(rows_dip):
        parts.append(scorer.score(df.iloc[rows_dip].reset_index(drop=True), grouper=grouper).set_index(rows_dip))
    d = drg_pool.scorer.score(df.iloc[rows_drg].reset_index(drop=True), grouper=drg_pool.grouper)  # type: ignore[union-attr]
    parts.append(pd.DataFrame({
        "case_id": d["case_id"], "hospital_id": d["hospital_id"], "insurance_type": d["insurance_type"],
        "status": d["status"], "dip_group": d["drg"], "dip_kind": "drg", "dip_score": np.nan,
        "hospital_coefficient": d["hospital_coefficient"], "point_value": d["point_value"], "rule": d["rule"],
        "ratio": d["ratio"], "points": d["points"], "amount_fen": d["amount_fen"], "amount": d["amount"],
        "review": d["review"], "why": d["why"]}).set_index(rows_drg))
    scored = pd.concat(parts).sort_index()
    pool[drg] = "DRG-" + pool[drg]
    return scored.reset_index(drop=True), pool


def _process_batch(df: Any, *, grouper: Grouper, scorer: Scorer, reimbursement: ReimbursementPolicy,
                   decisions: Any, cap: int, totals: Totals, writer: Any, out_dir: Path,
                   drg_pool: DrgPool | None = None) -> None:
    import pandas as pd
    import pyarrow as pa

    start = time.perf_counter()
    dip = df["mode"].isin(DIP_MODES).to_numpy() if "mode" in df.columns else np.ones(len(df), bool)
    drg = (df["mode"] == "drg").to_numpy() if drg_pool is not None and "mode" in df.columns else np.zeros(len(df), bool)
    scored, pool = _score(df, grouper, scorer, drg_pool)
    paid_by_group = dip | drg  # DIP, day surgery and DRG stays are scored into points
    start = totals.tick("group and score", start)

    if decisions is not None and len(decisions):
        mine = decisions[decisions["case_id"].astype(str).isin(set(scored["case_id"]))]
        if len(mine):
            scored = apply_review(scored, mine)
    candidates = scorer.review_candidates(scored[dip].reset_index(drop=True), df[dip].reset_index(drop=True),
                                          cap_rate=1.0, pool_discharges=cap)
    merged = candidates if totals.candidates is None else pd.concat([totals.candidates, candidates], ignore_index=True)
    totals.candidates = _final_candidates(merged, cap)
    start = totals.tick("special review", start)

    # The patients' side: DIP, day-surgery and DRG stays with the hospital's case payment.
    inputs = pd.DataFrame({field_: df[col] for col, field_ in _REIMBURSE_FIELDS.items() if col in df.columns})
    inputs["principal_dx"] = df["dx_codes"].str.split("|").str[0]
    inputs["mode"] = df["mode"] if "mode" in df.columns else "dip"
    inputs["los"] = df.get("los_days", "")
    inputs["case_payment"] = np.where(paid_by_group & (scored["status"] == "SCORED").to_numpy(), scored["amount"], "")
    if "segments" in inputs.columns:  # several segments replace the single one
        inputs.loc[inputs["segments"] != "", [c for c in ("department", "eligible") if c in inputs.columns]] = ""
    if "eligible" in inputs.columns or "segments" in inputs.columns:
        paid = reimburse(inputs, policy=reimbursement)
    else:  # a city file without eligible amounts: the patients' side cannot be computed
        zeros = np.zeros(len(df), dtype=np.int64)
        paid = pd.DataFrame({"status": "NOT_COMPUTED", "message": "no eligible amounts in the input",
                             "fund_fen": zeros, "patient_fen": zeros, "hospital_payment_fen": zeros}, index=df.index)
    start = totals.tick("reimbursement", start)

    total_fen = _fen(df["total_cost"].tolist())
    scored_ok = (scored["status"] == "SCORED").to_numpy() & paid_by_group
    rule = scored["rule"].astype(str).to_numpy()
    per_case = pd.DataFrame({
        "case_id": df["case_id"], "hospital_id": df["hospital_id"], "insurance_type": df["insurance_type"],
        "pool": pool, "mode": df.get("mode", "dip"), "total_cost_fen": total_fen,
        "status": np.where(paid_by_group, scored["status"], paid["status"]),
        "group": scored["dip_group"], "dip_score": pd.to_numeric(scored["dip_score"], errors="coerce"),
        "rule": np.where(paid_by_group, rule, ""), "points": np.where(scored_ok, scored["points"], 0.0),
        "amount_fen": np.where(scored_ok, scored["amount_fen"], 0),
        "review": np.where(dip, scored["review"], False),
        "reimbursement_status": paid["status"], "fund_fen": paid["fund_fen"], "patient_fen": paid["patient_fen"],
        "hospital_payment_fen": paid["hospital_payment_fen"],
        "why": np.where(paid_by_group, scored["why"], paid["message"]),
    })
    table = pa.Table.from_pandas(per_case, preserve_index=False)
    if writer[0] is None:
        import pyarrow.parquet as pq

        writer[0] = pq.ParquetWriter(out_dir / "cases.parquet", table.schema)
    writer[0].write_table(table)

    # Dirty rows: every field check that failed, else what the grouper, scorer or reimbursement
    # could not take, with the reason. The rows stay in the results with their statuses.
    problems = quality_problems(df, scorer.rules)
    status = per_case["status"].to_numpy()
    refused = ~np.isin(status, ["SCORED", "OK", "DAY_WARD_NOT_ELIGIBLE", "NOT_COMPUTED"]) | (
        paid["status"] == "BAD_INPUT").to_numpy()
    ungrouped = (scored["dip_kind"] == "ungrouped").to_numpy() & dip
    reasons = problems.copy()
    fill = (reasons == "") & refused
    why, message = per_case["why"].to_numpy(dtype=object), paid["message"].to_numpy(dtype=object)
    reasons[fill] = [w or m for w, m in zip(why[fill], message[fill])]
    reasons[(reasons == "") & ungrouped] = "no DIP group for the principal diagnosis: 空白病组, paid at cost"
    bad = reasons != ""
    quality_file = out_dir / "data-quality.csv"
    dirty = pd.DataFrame({
        "case_id": df["case_id"][bad], "hospital_id": df["hospital_id"][bad],
        "status": np.where(problems[bad] != "", "INVALID_FIELD", np.where(refused[bad], status[bad], "UNGROUPED")),
        "reason": reasons[bad], **{c: (df[c][bad] if c in df.columns else "")
                                   for c in ("dx_codes", "age", "gender", "total_cost")}})
    first_batch = totals.rows == 0
    dirty.to_csv(quality_file, index=False, encoding="utf-8", mode="w" if first_batch else "a", header=first_batch)
    for key, count in dirty["status"].value_counts().items():
        totals.dirty[str(key)] = totals.dirty.get(str(key), 0) + int(count)

    ok_points = per_case[scored_ok]
    kinds = scored["dip_kind"][scored_ok].fillna("")
    totals.points.append(pd.DataFrame({"hospital_id": ok_points["hospital_id"], "insurance_type": ok_points["pool"],
                                       "dip_kind": kinds.to_numpy(), "points": ok_points["points"],
                                       "status": "SCORED"}).groupby(
        ["hospital_id", "insurance_type", "dip_kind", "status"], as_index=False)["points"].sum())
    h = per_case.assign(
        cases=1, dip_cases=dip.astype(int), scored=(scored_ok & dip).astype(int), drg_cases=drg.astype(int),
        dip_cost_fen=np.where(dip, total_fen, 0), drg_cost_fen=np.where(drg, total_fen, 0),
        dip_payment_fen=per_case["amount_fen"],
        score_sum=np.where(scored_ok & dip, per_case["dip_score"].fillna(0.0), 0.0),
        high=(per_case["rule"].isin(["high", "extreme"])).astype(int), low=(per_case["rule"] == "low").astype(int),
        day_ward=(per_case["mode"] == "tcm_day_ward").astype(int),
        bed_day=(per_case["mode"] == "bed_day").astype(int),
        bed_days=np.where(per_case["mode"] == "bed_day", pd.to_numeric(df.get("los_days", 0), errors="coerce"), 0),
        dirty=bad.astype(int))
    totals.hospitals.append(h.groupby(["hospital_id", "insurance_type"], as_index=False)[
        ["cases", "dip_cases", "scored", "drg_cases", "dip_cost_fen", "drg_cost_fen", "dip_payment_fen", "score_sum",
         "high", "low", "day_ward",
         "bed_day", "bed_days", "dirty", "fund_fen", "patient_fen", "total_cost_fen"]].sum())
    totals.groups.append(per_case[scored_ok].groupby("group", as_index=False).agg(
        cases=("case_id", "size"), cost_fen=("total_cost_fen", "sum"), points=("points", "sum")))
    _remember_hospitals(df, totals)
    totals.rows += len(df)
    totals.tick("tables", start)


def _remember_hospitals(df: Any, totals: Totals) -> None:
    """Hospital names, levels and kinds as the input gives them (first row of each id)."""
    if "hospital" not in df.columns and "hospital_level" not in df.columns:
        return
    cols = [c for c in ("hospital_id", "hospital", "hospital_level", "hospital_kind", "tcm_hospital") if c in df.columns]
    for row in df[cols].drop_duplicates("hospital_id").itertuples(index=False):
        values = dict(zip(cols, row))
        if values["hospital_id"] in totals.info:
            continue
        level = str(values.get("hospital_level", "")).split(".")[0]
        kind = str(values.get("hospital_kind", "")).strip() or (
            "tcm" if str(values.get("tcm_hospital", "")) in ("1", "true", "True") else "general")
        totals.info[values["hospital_id"]] = (str(values.get("hospital", "")), int(level) if level.isdigit() else 0,
                                              kind)


def quality_problems(df: Any, rules: Mapping[str, Any] | None = None) -> Any:
    """Per row, the field checks that fail ('' when none), by the case rules' ``data_quality``
    (national: the required fields, a sex of 1/2, an age that is a whole number of years in
    0–120) and a cost that is not an amount."""
    import pandas as pd

    quality = (rules if rules is not None else case_rules())["data_quality"]
    lowest, highest = quality["age_years"]
    genders = [str(g) for g in quality["genders"]]

    n = len(df)
    out = np.full(n, "", dtype=object)

    def add(mask: Any, text: Any) -> None:
        mask = np.asarray(mask, dtype=bool)
        fresh = mask & (out == "")
        out[fresh] = np.asarray(text, dtype=object)[fresh] if not isinstance(text, str) else text
        both = mask & ~fresh
        if both.any():
            extra = np.asarray(text, dtype=object)[both] if not isinstance(text, str) else text
            out[both] = out[both] + "; " + extra

    for column in quality["required"]:
        if column not in df.columns:
            add(np.ones(n, bool), f"missing column {column}")
            continue
        add((df[column].astype(str).str.strip() == "").to_numpy(), f"missing {column}")
    if "gender" in df.columns:
        g = df["gender"].astype(str)
        add(((g != "") & ~g.isin(genders)).to_numpy(), "gender '" + g + "' is not " + " or ".join(genders))
    if "age" in df.columns:
        a = df["age"].astype(str)
        years = pd.to_numeric(a, errors="coerce")
        add(((a != "") & (years.isna() | (years < lowest) | (years > highest) | (years % 1 != 0))).to_numpy(),
            "age '" + a + f"' is not a whole number of years in {lowest:g}–{highest:g}")
    if "total_cost" in df.columns:
        c = df["total_cost"].astype(str)
        cost = pd.to_numeric(c.str.replace(",", ""), errors="coerce")
        add(((c != "") & (cost.isna() | (cost < 0))).to_numpy(), "total_cost '" + c + "' is not an amount")
    return out


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


def ensure_report_extra(report: bool) -> None:
    """The report needs the `report` extra: say so before any work is done, not after it."""
    if report and not available("matplotlib"):
        raise MissingExtra("the HTML report (report.html) needs matplotlib, which is not installed: "
                           "pip install 'dipdrg[report]', or pass --no-report")


def settle_year(cases: str | Path, *, city: str = "demo-city", out_dir: str | Path = "settlement",
                decisions: str | Path | None = None, budgets: Mapping[str, str] | None = None,
                batch_rows: int = BATCH_ROWS, progress: bool | None = None, csv: bool = False,
                report: bool = True) -> YearResult:
    """Runs the whole job on a year of cases and writes, into `out_dir`: cases.parquet (and
    cases.csv with `csv=True`), settlement.xlsx (one sheet per table) and settlement.csv,
    review-candidates.csv, data-quality.csv and report.html."""
    import pandas as pd

    ensure_report_extra(report)
    policy, policy_path = city_policy(city)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    totals = Totals()
    start_all = time.perf_counter()
    if not Path(cases).is_file():
        raise FileNotFoundError(f"no such file of cases: {cases}")
    batches, n = _batches(Path(cases), batch_rows)
    if n == 0:
        raise ValueError(f"{cases} holds no cases")
    rules = case_rules(policy.get("rules"))  # the national case rules, the city's overrides laid over them
    cap = max(1, int(n * float(rules["special_review"]["cap_rate"])))
    grouper = Grouper(policy.get("catalog", "dip-demo"))
    scorer = Scorer(policy=policy["scoring_policy"], point_value=policy["point_values"],
                    level_coefficients={int(k): v for k, v in policy["level_coefficients"].items()}, rules=rules)
    reimbursement = ReimbursementPolicy.load(policy.get("reimbursement_policy", "demo-city/2026"))
    drg_pool = _drg_pool(policy, policy_path, rules)
    dec = None
    if decisions:
        d = Path(decisions)
        dec = (pd.read_csv(d, dtype=str, keep_default_na=False) if d.suffix == ".csv" else pd.read_excel(d, dtype=str).fillna(""))
        dec = dec[dec["decision"].astype(str).str.strip() != ""]
    show = sys.stderr.isatty() if progress is None else progress
    bar = None
    if show:
        from tqdm import tqdm

        bar = tqdm(total=n, unit="case", desc="group, score, reimburse", file=sys.stderr)
    writer: list[Any] = [None]
    try:
        for df in batches:
            _process_batch(df.reset_index(drop=True), grouper=grouper, scorer=scorer, reimbursement=reimbursement,
                           decisions=dec, cap=cap, totals=totals, writer=writer, out_dir=out, drg_pool=drg_pool)
            if bar is not None:
                bar.update(len(df))
    finally:
        if writer[0] is not None:
            writer[0].close()
        if bar is not None:
            bar.close()

    finishing = None
    if show:
        from tqdm import tqdm

        finishing = tqdm(total=3 if report else 2, desc="settle", unit="stage", file=sys.stderr)

    def step(name: str) -> None:
        if finishing is not None:
            finishing.update(1)
            finishing.set_description(name)

    start = time.perf_counter()
    hospitals = _hospital_table(totals)
    dip_cost = hospitals.groupby("insurance_type")["dip_cost_fen"].sum()
    drg_cost = hospitals.groupby("insurance_type")["drg_cost_fen"].sum()
    if budgets is None:
        if "year_budget_share_of_cost" in policy:
            shares = {k: float(v) for k, v in policy["year_budget_share_of_cost"].items()}
            budgets = {k: yuan(int(round(dip_cost.get(k, 0) * v))) for k, v in shares.items()}
            if drg_pool is not None:
                budgets.update({f"DRG-{k}": yuan(int(round(drg_cost.get(k, 0) * v))) for k, v in shares.items()
                                if drg_cost.get(k, 0) > 0})
        else:
            budgets = {k: str(v) for k, v in policy["budgets"].items()}
    points = pd.concat(totals.points, ignore_index=True)
    points = points.groupby(["hospital_id", "insurance_type", "dip_kind", "status"], as_index=False)["points"].sum()
    ratio = float(policy.get("fund_payment_ratio", 1.0))
    dip_rows = hospitals[["hospital_id", "insurance_type", "dip_cost_fen"]].rename(columns={"dip_cost_fen": "cost"})
    drg_rows = hospitals[["hospital_id", "insurance_type", "drg_cost_fen"]].rename(columns={"drg_cost_fen": "cost"})
    drg_rows = drg_rows.assign(insurance_type="DRG-" + drg_rows["insurance_type"].astype(str))
    item_fund = pd.concat([dip_rows, drg_rows], ignore_index=True).rename(columns={"hospital_id": "hospital"})
    item_fund["item_fund"] = [yuan(int(round(v * ratio))) for v in item_fund.pop("cost")]
    settlement = settle_scored(points, budgets=budgets, fund_payment_ratio=ratio, hospitals=item_fund,
                               surplus_bands=[tuple(b) for b in policy.get("surplus_bands", [])] or None,
                               overspend_bands=[tuple(b) for b in policy.get("overspend_bands", [])] or None)
    pools = settlement.groupby("insurance_type").agg(hospitals=("hospital", "size"),
                                                     point_value=("point_value", "first")).reset_index()
    pools["budget"] = [budgets[str(p)] for p in pools["insurance_type"]]
    pools["points"] = settlement.groupby("insurance_type")["points"].sum().to_numpy()
    candidates = totals.candidates if totals.candidates is not None else pd.DataFrame()
    dirty = pd.DataFrame({"status": list(totals.dirty), "rows": list(totals.dirty.values())},
                         columns=["status", "rows"]).sort_values("rows", ascending=False).reset_index(drop=True)
    groups = pd.concat(totals.groups, ignore_index=True).groupby("group", as_index=False).sum()
    start = totals.tick("settlement", start)
    step("write tables")

    _write_tables(out, settlement, hospitals, pools, candidates, dirty, groups, csv_cases=csv,
                  fund_payment_ratio=ratio)
    start = totals.tick("write tables", start)
    step("report")
    result = YearResult(out, totals.rows, settlement, hospitals, pools, candidates, dirty, groups, totals.timings,
                        _peak_rss_mb(), ratio)
    if report:
        from .report import write_report

        write_report(result, out / "report.html", city=policy.get("name", city), source=str(cases))
        totals.tick("report", start)
        step("done")
    if finishing is not None:
        finishing.close()
    result.timings["total"] = time.perf_counter() - start_all
    result.peak_rss_mb = _peak_rss_mb()
    return result


def _final_candidates(pre: Any, cap: int) -> Any:
    """The top `cap` by cost ratio (the core's priority) of the candidates so far and a batch's
    own top `cap`: merged batch by batch, this is the global top in the original row order."""
    if pre.empty:
        return pre
    order = pre.sort_values(["ratio"], ascending=False, kind="stable").head(cap).reset_index(drop=True)
    order["rank"] = range(1, len(order) + 1)
    return order


def _hospital_table(totals: Totals) -> Any:
    """Per hospital and pool sums, named and levelled as the city's own file gives them."""
    import pandas as pd

    h = pd.concat(totals.hospitals, ignore_index=True).groupby(["hospital_id", "insurance_type"], as_index=False).sum()
    names = totals.info
    h["hospital"] = [names.get(i, ("", 0, ""))[0] for i in h["hospital_id"]]
    h["level"] = [names.get(i, ("", 0, ""))[1] for i in h["hospital_id"]]
    h["kind"] = [names.get(i, ("", 0, ""))[2] for i in h["hospital_id"]]
    return h


def _write_tables(out: Path, settlement: Any, hospitals: Any, pools: Any, candidates: Any, dirty: Any, groups: Any,
                  *, csv_cases: bool, fund_payment_ratio: float) -> None:
    import pandas as pd

    by_hospital = hospital_summary(hospitals, settlement, fund_payment_ratio)
    by_hospital.to_csv(out / "settlement.csv", index=False, encoding="utf-8")
    candidates.to_csv(out / "review-candidates.csv", index=False, encoding="utf-8")
    with pd.ExcelWriter(out / "settlement.xlsx") as x:
        by_hospital.to_excel(x, sheet_name="hospitals", index=False)
        settlement.to_excel(x, sheet_name="settlement by pool", index=False)
        pools.to_excel(x, sheet_name="pools", index=False)
        candidates.head(10000).to_excel(x, sheet_name="review candidates", index=False)
        dirty.to_excel(x, sheet_name="data quality", index=False)
        groups.sort_values("cost_fen", ascending=False).head(200).to_excel(x, sheet_name="top groups", index=False)
    if csv_cases:
        import pyarrow.csv as pacsv
        import pyarrow.parquet as pq

        pacsv.write_csv(pq.read_table(out / "cases.parquet"), out / "cases.csv")


def _peak_rss_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
