"""The year's sums, defined once over the batch's wide table (jobs/batch.py) and computed by
either engine: pandas batch by batch in process, Spark's groupBy on a cluster. Every summed
column is an integer (fen, counts, millionths of a point), so the order of addition cannot
change a total and both engines agree to the fen."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .batch import DIRTY_COLUMNS, MICRO

# table → (group keys, summed columns, row filter column or None)
HOSPITAL_SUMS = ["cases", "dip_cases", "scored", "drg_cases", "dip_cost_fen", "drg_cost_fen", "amount_fen",
                 "score_micro", "high", "low", "day_ward", "bed_day", "bed_days", "dirty", "fund_fen", "patient_fen",
                 "total_cost_fen"]
SUMS: dict[str, tuple[list[str], list[str], str | None]] = {
    "hospitals": (["hospital_id", "insurance_type"], HOSPITAL_SUMS, None),
    "points": (["hospital_id", "pool", "dip_kind"], ["points_micro"], "scored_ok"),
    "groups": (["group"], ["cases", "total_cost_fen", "points_micro"], "scored_ok"),
    "dirty": (["dq_status"], ["cases"], "dirty"),
}
CANDIDATE_COLUMNS = ["row", "case_id", "hospital_id", "group", "rule", "ratio", "reason_count", "amount", "reasons"]
INFO_COLUMNS = ["row", "hospital_id", "hospital", "hospital_level", "hospital_kind", "tcm_hospital"]


@dataclass
class YearSums:
    """What the year keeps of its cases: sums, the best 特例单议 candidates, the hospitals' names."""

    tables: dict[str, Any] = field(default_factory=dict)
    candidates: Any = None
    info: Any = None
    rows: int = 0


def batch_sums(wide: Any) -> dict[str, Any]:
    """The sums of one batch (pandas)."""
    out = {}
    for name, (keys, columns, only) in SUMS.items():
        part = wide[wide[only].astype(bool)] if only else wide
        out[name] = part.groupby(keys, as_index=False)[columns].sum()
    return out


def top_candidates(frame: Any, cap: int) -> Any:
    """The year's candidates by the core's priority — cost ratio, then reasons, then the
    year's order — at most `cap`, ranked."""
    if frame is None or frame.empty:
        return frame
    top = frame.sort_values(["ratio", "reason_count", "row"], ascending=[False, False, True], kind="stable").head(cap)
    return top.reset_index(drop=True)


def first_info(frame: Any) -> Any:
    """Each hospital's name, level and kind as its first row in the year gives them."""
    return frame.sort_values("row", kind="stable").drop_duplicates("hospital_id").reset_index(drop=True)


def add_batch(sums: YearSums, wide: Any, cap: int) -> None:
    """Folds one batch into the year (in process): sums re-added, candidates and names merged."""
    import pandas as pd

    for name, part in batch_sums(wide).items():
        keys, columns, _ = SUMS[name]
        before = sums.tables.get(name)
        merged = part if before is None else pd.concat([before, part], ignore_index=True)
        sums.tables[name] = merged.groupby(keys, as_index=False)[columns].sum()
    mine = wide.loc[wide["candidate"], CANDIDATE_COLUMNS]
    both = mine if sums.candidates is None else pd.concat([sums.candidates, mine], ignore_index=True)
    sums.candidates = top_candidates(both, cap)
    named = first_info(wide.loc[(wide["hospital"] != "") | (wide["hospital_level"] != ""), INFO_COLUMNS])
    sums.info = named if sums.info is None else first_info(pd.concat([sums.info, named], ignore_index=True))
    sums.rows += len(wide)


def dirty_rows(wide: Any) -> Any:
    """The batch's rows with a data problem, as data-quality.csv shows them."""
    bad = wide.loc[wide["dirty"].astype(bool), ["case_id", "hospital_id", "dq_status", "dq_reason", *DIRTY_COLUMNS[4:]]]
    return bad.set_axis(DIRTY_COLUMNS, axis=1)


def candidates_table(candidates: Any) -> Any:
    """The review candidates as reviewers get them: ranked, with empty decision columns."""
    import pandas as pd

    if candidates is None or candidates.empty:
        return pd.DataFrame(columns=["rank", "case_id", "hospital_id", "dip_group", "rule", "ratio", "amount",
                                     "reasons", "decision", "approved_amount"])
    out = candidates.rename(columns={"group": "dip_group"}).drop(columns=["row", "reason_count"])
    out.insert(0, "rank", range(1, len(out) + 1))
    out["decision"] = ""
    out["approved_amount"] = ""
    return out.reset_index(drop=True)


def points_table(sums: YearSums) -> Any:
    """Points per hospital, pool and kind, as the settlement takes them."""
    p = sums.tables["points"].rename(columns={"pool": "insurance_type"})
    p = p.assign(points=p.pop("points_micro") / MICRO, status="SCORED")
    return p[["hospital_id", "insurance_type", "dip_kind", "status", "points"]]


def groups_table(sums: YearSums) -> Any:
    g = sums.tables["groups"].rename(columns={"total_cost_fen": "cost_fen"})
    return g.assign(points=g.pop("points_micro") / MICRO)


def dirty_table(sums: YearSums) -> Any:
    import pandas as pd

    d = sums.tables.get("dirty")
    if d is None or d.empty:
        return pd.DataFrame(columns=["status", "rows"])
    d = d.rename(columns={"dq_status": "status", "cases": "rows"})
    return d.sort_values(["rows", "status"], ascending=[False, True]).reset_index(drop=True)


def hospital_table(sums: YearSums) -> Any:
    """Per hospital and pool sums, named and levelled as the city's own file gives them."""
    h = sums.tables["hospitals"].rename(columns={"amount_fen": "dip_payment_fen"})
    h = h.assign(score_sum=h.pop("score_micro") / MICRO)
    names: dict[str, tuple[str, int, str]] = {}
    if sums.info is not None:
        for r in sums.info.itertuples(index=False):
            level = str(r.hospital_level).split(".")[0]
            kind = str(r.hospital_kind).strip() or ("tcm" if str(r.tcm_hospital) in ("1", "true", "True") else "general")
            names[str(r.hospital_id)] = (str(r.hospital), int(level) if level.isdigit() else 0, kind)
    h["hospital"] = [names.get(i, ("", 0, ""))[0] for i in h["hospital_id"]]
    h["level"] = [names.get(i, ("", 0, ""))[1] for i in h["hospital_id"]]
    h["kind"] = [names.get(i, ("", 0, ""))[2] for i in h["hospital_id"]]
    return h
