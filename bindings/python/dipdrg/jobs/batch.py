"""One batch of the year, the same on every engine: a batch of cases in, one wide table out —
row for row, in order — with each case's results (grouping, score, review, the patients'
side), its data-quality finding, and the columns the year's sums are made of. The in-process
job and the Spark job (`mapInArrow`) both run `year_batch`; neither keeps anything else."""
from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from ..grouper import Grouper
from ..money import fen_array
from ..policy import case_rules
from ..reimbursement import ReimbursementPolicy, reimburse
from ..scorer import Scorer, apply_review

DIP_MODES = ("dip", "day_surgery")

# Case columns → reimbursement fields.
_REIMBURSE_FIELDS = {"case_id": "id", "date": "date", "hospital": "hospital", "hospital_level": "level",
                     "tcm_hospital": "tcm_hospital", "grassroots": "grassroots", "insurance_type": "insurance",
                     "status": "status", "dept": "department", "eligible": "eligible", "self_pay": "self_pay",
                     "total_cost": "total_cost", "segments": "segments", "referral": "referral",
                     "nth_stay": "nth_stay", "tcm_disease": "tcm_disease", "course_days": "course_days",
                     "max_gap_days": "max_gap_days", "acupuncture_cost": "acupuncture_cost",
                     "other_tcm_therapy_cost": "other_tcm_therapy_cost", "bed_day_scope": "bed_day_scope"}

# The per-case results a user reads (cases.parquet), in order.
CASE_COLUMNS = ["case_id", "hospital_id", "insurance_type", "pool", "mode", "total_cost_fen", "status", "group",
                "dip_score", "rule", "points", "amount_fen", "review", "reimbursement_status", "fund_fen",
                "patient_fen", "hospital_payment_fen", "why"]
# The data-quality report's columns (data-quality.csv).
DIRTY_COLUMNS = ["case_id", "hospital_id", "status", "reason", "dx_codes", "age", "gender", "total_cost"]
# Points and scores are summed as integer millionths, so every engine adds them up exactly alike.
MICRO = 1_000_000

_INT = ["total_cost_fen", "amount_fen", "fund_fen", "patient_fen", "hospital_payment_fen", "row", "points_micro",
        "cases", "dip_cases", "scored", "drg_cases", "dip_cost_fen", "drg_cost_fen", "score_micro", "high", "low",
        "day_ward", "bed_day", "bed_days", "dirty", "reason_count"]
_FLOAT = ["dip_score", "points", "ratio"]
_BOOL = ["review", "scored_ok", "candidate"]


def wide_schema() -> Any:
    """The Arrow schema of the wide table (text unless listed as a number or a flag)."""
    import pyarrow as pa

    names = CASE_COLUMNS + [c for c in _WIDE_EXTRA if c not in CASE_COLUMNS]
    return pa.schema([(c, pa.int64() if c in _INT else pa.float64() if c in _FLOAT else pa.bool_() if c in _BOOL
                       else pa.string()) for c in names])


def wide_arrow(wide: Any, columns: list[str] | None = None) -> Any:
    """The wide table (or some of its columns) as Arrow in the schema's types."""
    import pyarrow as pa

    schema = wide_schema()
    if columns is not None:
        schema = pa.schema([schema.field(c) for c in columns])
    return pa.Table.from_pandas(wide[schema.names], schema=schema, preserve_index=False)


@dataclass
class DrgPool:
    """The CHS-DRG side of a city: its grouper and scorer; its cases settle in pools "DRG-<insurance>"."""

    grouper: Grouper
    scorer: Scorer


@dataclass
class YearContext:
    """Everything a batch needs, built once per process from the city's policy."""

    grouper: Grouper
    scorer: Scorer
    reimbursement: ReimbursementPolicy
    drg_pool: DrgPool | None
    decisions: Any  # the reviewers' decisions (case_id, decision, …), or None
    cap: int        # the 特例单议 cap of the year: no batch needs more candidates than this
    rules: dict[str, Any] = field(default_factory=dict)


# Without these a year cannot be settled at all (the rest are checked row by row).
YEAR_COLUMNS = ("case_id", "hospital_id", "insurance_type", "dx_codes", "total_cost")


def check_year_columns(names: list[str], source: str) -> None:
    """Refuses a year whose file lacks a column every case needs, naming them all."""
    missing = [c for c in YEAR_COLUMNS if c not in names]
    if missing:
        raise ValueError(f"{source} lacks the column(s) {', '.join(missing)} that every case needs "
                         "(docs/input-columns.md)")
    repeated = sorted({n for n in names if names.count(n) > 1})
    if repeated:
        raise ValueError(f"{source} repeats the column(s) {', '.join(repeated)}")


def review_cap(rules: Mapping[str, Any], rows: int) -> int:
    """The year's 特例单议 cap: the case rules' share of the year's discharges, at least one."""
    return max(1, int(rows * float(rules["special_review"]["cap_rate"])))


def year_context(policy: Mapping[str, Any], policy_path: Path, *, rows: int,
                 decisions: str | Path | None = None) -> YearContext:
    import pandas as pd

    rules = case_rules(policy.get("rules"))  # the national case rules, the city's overrides laid over them
    levels = {int(k): v for k, v in policy["level_coefficients"].items()}
    scorer = Scorer(policy=policy["scoring_policy"], point_value=policy["point_values"], level_coefficients=levels,
                    rules=rules)
    drg_pool = None
    if policy.get("drg"):
        section = policy["drg"]
        weights = pd.read_csv(policy_path.parent / section["weights"], dtype=str)
        drg_pool = DrgPool(Grouper(section.get("catalog", "demo")),
                           Scorer(policy=section.get("payment_policy", "national"), point_value=section["point_values"],
                                  level_coefficients=levels, drg_weights=weights, rules=rules))
    dec = None
    if decisions:
        d = Path(decisions)
        dec = (pd.read_csv(d, dtype=str, keep_default_na=False) if d.suffix == ".csv"
               else pd.read_excel(d, dtype=str).fillna(""))
        dec = dec[dec["decision"].astype(str).str.strip() != ""]
    return YearContext(grouper=Grouper(policy.get("catalog", "dip-demo")), scorer=scorer,
                       reimbursement=ReimbursementPolicy.load(policy.get("reimbursement_policy", "demo-city/2026")),
                       drg_pool=drg_pool, decisions=dec,
                       cap=review_cap(rules, rows), rules=rules)


def as_text_frame(batch: Any) -> Any:
    """An Arrow batch or table as the text columns the batch reads (nulls and NaN empty)."""
    return batch.to_pandas().astype(str).replace({"None": "", "nan": "", "NaT": ""})


def _fen(values: Any) -> Any:
    from .. import _core

    fen, ok = _core.parse_yuan_list([v or None for v in values])
    return np.where(np.asarray(ok, dtype=bool), np.asarray(fen, dtype=np.int64), 0)


def _score(df: Any, ctx: YearContext) -> tuple[Any, Any]:
    """The scores of every row in the DIP scorer's columns: DRG rows by the CHS-DRG scorer
    (their DRG in dip_group, kind "drg"), the others by the DIP scorer; and the pool of each
    row (the insurance type, "DRG-" + it for DRG rows)."""
    import pandas as pd

    pool = df["insurance_type"].astype(str).to_numpy(dtype=object)
    drg_pool = ctx.drg_pool
    drg = (df["mode"] == "drg").to_numpy() if drg_pool is not None and "mode" in df.columns else np.zeros(len(df), bool)
    if not drg.any():
        return ctx.scorer.score(df, grouper=ctx.grouper), pool
    rows_dip, rows_drg = np.flatnonzero(~drg), np.flatnonzero(drg)
    parts = []
    if len(rows_dip):
        parts.append(ctx.scorer.score(df.iloc[rows_dip].reset_index(drop=True), grouper=ctx.grouper).set_index(rows_dip))
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


def _micro(values: Any) -> Any:
    return np.rint(np.nan_to_num(np.asarray(values, dtype=float)) * MICRO).astype(np.int64)


def year_batch(df: Any, ctx: YearContext, first_row: int = 0, timings: dict[str, float] | None = None) -> Any:
    """The wide table of one batch (see the module's docstring); `first_row` is the batch's
    position in the year, kept in `row` so that ties break in the year's order."""
    import pandas as pd
    import pyarrow as pa
    import pyarrow.compute  # noqa: F401 - pa.compute

    timings = timings if timings is not None else {}

    def tick(stage: str, start: float) -> float:
        now = time.perf_counter()
        timings[stage] = timings.get(stage, 0.0) + now - start
        return now

    df = df.reset_index(drop=True)
    start = time.perf_counter()
    n = len(df)
    mode = df["mode"] if "mode" in df.columns else pd.Series(["dip"] * n)
    dip = mode.isin(DIP_MODES).to_numpy()
    drg = (mode == "drg").to_numpy() if ctx.drg_pool is not None else np.zeros(n, bool)
    scored, pool = _score(df, ctx)
    paid_by_group = dip | drg  # DIP, day surgery and DRG stays are scored into points
    start = tick("group and score", start)

    if ctx.decisions is not None and len(ctx.decisions):
        mine = ctx.decisions[ctx.decisions["case_id"].astype(str).isin(set(scored["case_id"]))]
        if len(mine):
            scored = apply_review(scored, mine)
    # This batch's best candidates (at most the year's cap), by the core's priority.
    # Candidates are found by position (a city's case ids need not be unique): the DIP rows are
    # handed over with their position as the id and mapped back.
    dip_rows = np.flatnonzero(dip)
    by_position = scored.iloc[dip_rows].reset_index(drop=True).assign(case_id=[str(i) for i in range(len(dip_rows))])
    picked = ctx.scorer.review_candidates(by_position, df.iloc[dip_rows].reset_index(drop=True), cap_rate=1.0,
                                          pool_discharges=ctx.cap)
    candidate = np.zeros(n, bool)
    reasons_text = np.full(n, "", dtype=object)
    reason_count = np.zeros(n, np.int64)
    if len(picked):
        at = dip_rows[picked["case_id"].astype(int).to_numpy()]
        candidate[at] = True
        reasons_text[at] = ["; ".join(r) if isinstance(r, (list, tuple)) else str(r) for r in picked["reasons"]]
        reason_count[at] = [len(r) if isinstance(r, (list, tuple)) else 1 for r in picked["reasons"]]
    start = tick("special review", start)

    # The patients' side: DIP, day-surgery and DRG stays with the hospital's case payment.
    inputs = pd.DataFrame({field_: df[col] for col, field_ in _REIMBURSE_FIELDS.items() if col in df.columns})
    inputs["principal_dx"] = df["dx_codes"].str.split("|").str[0]
    inputs["mode"] = mode.to_numpy()
    inputs["los"] = df.get("los_days", "")
    # The case payment crosses as a decimal built from integer fen: no float, no yuan text.
    paid_case = paid_by_group & (scored["status"] == "SCORED").to_numpy()
    payment = fen_array(np.where(paid_case, scored["amount_fen"], 0))
    inputs["case_payment"] = pd.arrays.ArrowExtensionArray(
        pa.compute.if_else(pa.array(paid_case), payment, pa.scalar(None, payment.type)))
    if "segments" in inputs.columns:  # several segments replace the single one
        inputs.loc[inputs["segments"] != "", [c for c in ("department", "eligible") if c in inputs.columns]] = ""
    if "eligible" in inputs.columns or "segments" in inputs.columns:
        paid = reimburse(inputs, policy=ctx.reimbursement)
    else:  # a city file without eligible amounts: the patients' side cannot be computed
        zeros = np.zeros(n, dtype=np.int64)
        paid = pd.DataFrame({"status": "NOT_COMPUTED", "message": "no eligible amounts in the input",
                             "fund_fen": zeros, "patient_fen": zeros, "hospital_payment_fen": zeros})
    start = tick("reimbursement", start)

    total_fen = _fen(df["total_cost"].tolist())
    scored_ok = (scored["status"] == "SCORED").to_numpy() & paid_by_group
    rule = np.where(paid_by_group, scored["rule"].astype(str).to_numpy(), "")
    status = np.where(paid_by_group, scored["status"], paid["status"])
    why = np.where(paid_by_group, scored["why"], paid["message"])
    points = np.where(scored_ok, pd.to_numeric(scored["points"], errors="coerce").fillna(0.0), 0.0)
    dip_score = pd.to_numeric(scored["dip_score"], errors="coerce").to_numpy()

    # Dirty rows: every field check that failed, else what the grouper, scorer or reimbursement
    # could not take, with the reason. The rows stay in the results with their statuses.
    problems = quality_problems(df, ctx.rules)
    refused = ~np.isin(status, ["SCORED", "OK", "DAY_WARD_NOT_ELIGIBLE", "NOT_COMPUTED"]) | (
        paid["status"] == "BAD_INPUT").to_numpy()
    ungrouped = (scored["dip_kind"] == "ungrouped").to_numpy() & dip
    reasons = problems.copy()
    fill = (reasons == "") & refused
    message = paid["message"].to_numpy(dtype=object)
    reasons[fill] = [w or m for w, m in zip(np.asarray(why, dtype=object)[fill], message[fill])]
    reasons[(reasons == "") & ungrouped] = "no DIP group for the principal diagnosis: 空白病组, paid at cost"
    bad = reasons != ""
    dq_status = np.where(~bad, "", np.where(problems != "", "INVALID_FIELD", np.where(refused, status, "UNGROUPED")))

    def text(column: str) -> Any:
        return df[column].astype(str).to_numpy() if column in df.columns else np.full(n, "", dtype=object)

    los = pd.to_numeric(df.get("los_days", pd.Series([""] * n)), errors="coerce").fillna(0).to_numpy()
    wide = pd.DataFrame({
        # the per-case results
        "case_id": df["case_id"].to_numpy(), "hospital_id": df["hospital_id"].to_numpy(),
        "insurance_type": df["insurance_type"].to_numpy(), "pool": pool, "mode": mode.to_numpy(),
        "total_cost_fen": total_fen, "status": status, "group": scored["dip_group"].to_numpy(),
        "dip_score": dip_score, "rule": rule, "points": points,
        "amount_fen": np.where(scored_ok, scored["amount_fen"], 0).astype(np.int64),
        "review": np.where(dip, scored["review"], False).astype(bool),
        "reimbursement_status": paid["status"].to_numpy(), "fund_fen": paid["fund_fen"].to_numpy(np.int64),
        "patient_fen": paid["patient_fen"].to_numpy(np.int64),
        "hospital_payment_fen": paid["hospital_payment_fen"].to_numpy(np.int64), "why": why,
        # the year's order, and what the sums are made of
        "row": np.arange(first_row, first_row + n, dtype=np.int64),
        "dip_kind": scored["dip_kind"].fillna("").astype(str).to_numpy(), "scored_ok": scored_ok,
        "points_micro": _micro(points), "cases": np.ones(n, np.int64), "dip_cases": dip.astype(np.int64),
        "scored": (scored_ok & dip).astype(np.int64), "drg_cases": drg.astype(np.int64),
        "dip_cost_fen": np.where(dip, total_fen, 0), "drg_cost_fen": np.where(drg, total_fen, 0),
        "score_micro": np.where(scored_ok & dip, _micro(dip_score), 0),
        "high": np.isin(rule, ["high", "extreme"]).astype(np.int64), "low": (rule == "low").astype(np.int64),
        "day_ward": (mode == "tcm_day_ward").to_numpy().astype(np.int64),
        "bed_day": (mode == "bed_day").to_numpy().astype(np.int64),
        "bed_days": np.where((mode == "bed_day").to_numpy(), los, 0).astype(np.int64),
        "dirty": bad.astype(np.int64),
        # 特例单议: this batch's candidates
        "candidate": candidate, "ratio": pd.to_numeric(scored["ratio"], errors="coerce").fillna(0.0).to_numpy(),
        "reasons": reasons_text, "reason_count": reason_count,
        "amount": scored["amount"].astype(str).to_numpy(),
        # data quality
        "dq_status": dq_status, "dq_reason": reasons, "dx_codes": text("dx_codes"), "age": text("age"),
        "gender": text("gender"), "total_cost": text("total_cost"),
        # the hospital as the city's file names it
        "hospital": text("hospital"), "hospital_level": text("hospital_level"),
        "hospital_kind": text("hospital_kind"), "tcm_hospital": text("tcm_hospital"),
    })
    tick("tables", start)
    return wide


# The wide table's columns beyond the per-case results, in order.
_WIDE_EXTRA = ["row", "dip_kind", "scored_ok", "points_micro", "cases", "dip_cases", "scored", "drg_cases",
               "dip_cost_fen", "drg_cost_fen", "score_micro", "high", "low", "day_ward", "bed_day", "bed_days", "dirty",
               "candidate", "ratio", "reasons", "reason_count", "amount", "dq_status", "dq_reason", "dx_codes", "age",
               "gender", "total_cost", "hospital", "hospital_level", "hospital_kind", "tcm_hospital"]
