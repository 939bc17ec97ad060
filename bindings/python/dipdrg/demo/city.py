"""A seeded year of inpatient settlements for the fictional demo city (region 000000): about
60 hospitals of three levels (general, TCM, one psychiatric), both insurance types, DIP
cases drawn from the shipped demo catalog's cases, day-surgery and TCM day-ward courses,
psychiatric bed-day stays, department transfers, referrals, deviation cases and a few
percent of dirty rows; the hospitals the demo policy pays by CHS-DRG get DRG cases drawn from the
shipped CHS-DRG demo cases. Everything is generated here; nothing from ../shared is read.

>>> df = generate_year(2000, year=2026, seed=7)
>>> len(df), df["case_id"].is_unique
(2000, True)
>>> sorted(df["mode"].unique())
['bed_day', 'day_surgery', 'dip', 'drg', 'tcm_day_ward']
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

DEMO_REGION = "000000"


@dataclass(frozen=True)
class Hospital:
    hospital_id: str
    name: str
    level: int
    kind: str  # general, tcm, psychiatric
    grassroots: bool


def hospitals() -> list[Hospital]:
    """The demo city's 60 hospitals: 8 三级 (2 TCM, 1 psychiatric), 20 二级 (4 TCM), 32 一级
    (乡镇卫生院/社区卫生服务中心, 6 of them with TCM wards)."""
    out = [Hospital("H001", "示范市第一人民医院", 3, "general", False),
           Hospital("H002", "示范市第二人民医院", 3, "general", False),
           Hospital("H003", "示范市中心医院", 3, "general", False),
           Hospital("H004", "示范医学院附属医院", 3, "general", False),
           Hospital("H005", "示范市妇幼保健院", 3, "general", False),
           Hospital("H006", "示范市中医院", 3, "tcm", False),
           Hospital("H007", "示范市中西医结合医院", 3, "tcm", False),
           Hospital("H008", "示范市精神卫生中心", 3, "psychiatric", False)]
    for i in range(20):
        tcm = i < 4
        out.append(Hospital(f"H{9 + i:03d}", f"示范{['东', '西', '南', '北', '河', '山', '湖', '林', '石', '泉'][i % 10]}"
                            f"{'县' if i < 10 else '区'}{'中医院' if tcm else '人民医院'}", 2, "tcm" if tcm else "general",
                            False))
    for i in range(32):
        tcm = i < 6
        out.append(Hospital(f"H{29 + i:03d}", f"示范第{i + 1}{'乡镇卫生院' if i % 2 else '社区卫生服务中心'}", 1,
                            "tcm" if tcm else "general", True))
    return out


def _templates() -> Any:
    """The shipped DIP demo cases with their group's average cost: the case shapes to draw from."""
    import pandas as pd

    from .files import demo_file
    from ..grouper import Grouper

    cases = pd.read_csv(demo_file("dip-demo-cases.csv"), dtype=str, keep_default_na=False)
    grouper = Grouper("dip-demo")
    grouped = grouper.group(cases)
    groups = grouper.catalog.table("groups").set_index("code")
    ok = (grouped["status"] == "OK").to_numpy()
    t = cases[ok].reset_index(drop=True)
    codes = grouped["dip_group"][ok].tolist()
    t["avg_cost"] = [float(groups.at[c, "avg_cost"]) for c in codes]
    t["avg_los"] = [float(groups.at[c, "avg_los"]) if groups.at[c, "avg_los"] == groups.at[c, "avg_los"] else 7.0
                    for c in codes]
    return t


def _drg_templates() -> Any:
    """The shipped CHS-DRG demo cases that group, with their DRG's average cost (demo weights)."""
    import pandas as pd

    from .files import demo_file
    from ..grouper import Grouper
    from ..jobs.city import city_policy

    policy, path = city_policy("demo-city")
    weights = pd.read_csv(path.parent / policy["drg"]["weights"], dtype=str).set_index("drg")
    cases = pd.read_csv(demo_file("demo-cases.csv"), dtype=str, keep_default_na=False)
    grouped = Grouper(policy["drg"].get("catalog", "demo")).group(cases)
    ok = ((grouped["status"] == "OK") & grouped["drg"].isin(weights.index)).to_numpy()
    t = cases[ok].reset_index(drop=True)
    t["avg_cost"] = [float(weights.at[d, "group_average"]) for d in grouped["drg"][ok]]
    t["los"] = pd.to_numeric(t["los_days"], errors="coerce").fillna(7).to_numpy()
    return t, set(policy["drg"]["hospitals"])


_DAY_WARD = [("腰痛", "M54.500"), ("项痹", "M47.800"), ("面瘫", "G51.000"), ("中风", "I69.300"),
             ("肩痹", "M75.000"), ("头痛", "G44.200"), ("眩晕", "R42.x00"), ("不寐", "G47.000")]
_DEPARTMENTS = ["内科", "外科", "妇产科", "儿科", "骨科", "心内科", "呼吸内科", "内分泌科", "神经内科", "消化内科"]


def generate_year(n: int = 1_000_000, *, year: int = 2026, seed: int = 20261122, dirty_share: float = 0.02,
                  first_id: int = 0, templates: Any = None) -> Any:
    """A pandas DataFrame of `n` settlements discharged in `year`, reproducible from `seed`
    (case ids numbered from `first_id`)."""
    import pandas as pd

    rng = np.random.default_rng([seed, year, first_id])
    hs = hospitals()
    t, (drg_t, drg_hospitals) = (_templates(), _drg_templates()) if templates is None else templates
    level = np.array([h.level for h in hs])
    weight = np.where(level == 3, 8.0, np.where(level == 2, 2.5, 0.5))
    weight[[i for i, h in enumerate(hs) if h.kind == "psychiatric"]] = 1.0
    hosp = rng.choice(len(hs), size=n, p=weight / weight.sum())
    kind = np.array([h.kind for h in hs])[hosp]
    lvl = level[hosp]

    # Mode: psychiatric stays are paid per bed day; TCM hospitals run day wards; some day surgery.
    u = rng.random(n)
    mode = np.full(n, "dip", dtype=object)
    mode[kind == "psychiatric"] = "bed_day"
    mode[(kind == "tcm") & (u < 0.12)] = "tcm_day_ward"
    mode[(kind == "general") & (lvl >= 2) & (u > 0.96)] = "day_surgery"

    pick = rng.integers(0, len(t), size=n)
    tpl = t.iloc[pick].reset_index(drop=True)
    avg_cost = tpl["avg_cost"].to_numpy() * np.where(lvl == 3, 1.15, np.where(lvl == 2, 0.95, 0.8))
    # Costs around the group average; a tail of high-cost and a share of low-cost cases.
    ratio = rng.lognormal(0.0, 0.35, n)
    tail = rng.random(n)
    ratio[tail < 0.04] *= rng.uniform(2.0, 4.0, (tail < 0.04).sum())
    ratio[tail > 0.95] *= rng.uniform(0.2, 0.5, (tail > 0.95).sum())
    cost = np.round(avg_cost * ratio, 2)
    los = np.maximum(1, np.round(tpl["avg_los"].to_numpy() * rng.lognormal(0, 0.3, n))).astype(int)

    insurance = np.where(rng.random(n) < 0.45, "310", "390")
    status = np.where((insurance == "310") & (rng.random(n) < 0.3), "retired", "working")
    age = tpl["age"].to_numpy().copy()
    dx = tpl["dx_codes"].to_numpy().copy()
    px = tpl["px_codes"].to_numpy().copy()
    dept = np.array(_DEPARTMENTS, dtype=object)[rng.integers(0, len(_DEPARTMENTS), n)]
    treatment = tpl["treatment_type"].to_numpy().copy()
    treatment[(kind == "tcm") & (rng.random(n) < 0.5)] = "3"

    tcm_disease = np.full(n, "", dtype=object)
    course_days = np.zeros(n, dtype=int)
    gap = np.zeros(n, dtype=int)
    acup = np.zeros(n)
    other_tcm = np.zeros(n)
    bed_day_scope = np.full(n, "", dtype=object)
    dw = mode == "tcm_day_ward"
    k = rng.integers(0, len(_DAY_WARD), dw.sum())
    tcm_disease[dw] = [_DAY_WARD[i][0] for i in k]
    dx[dw] = [_DAY_WARD[i][1] for i in k]
    px[dw] = "99.9201"
    treatment[dw] = "2"
    course_days[dw] = rng.integers(5, 34, dw.sum())  # a few courses break the 30-day limit
    gap[dw] = rng.integers(0, 4, dw.sum())
    cost[dw] = np.round(rng.uniform(1500, 4500, dw.sum()), 2)
    acup[dw] = np.round(cost[dw] * rng.uniform(0.3, 0.6, dw.sum()), 2)
    other_tcm[dw] = np.round(cost[dw] * 0.2, 2)
    los[dw] = course_days[dw]
    dept[dw] = "针灸科"

    bd = mode == "bed_day"
    bed_day_scope[bd] = "psychiatry"
    dx[bd] = rng.choice(["F20.000", "F31.900", "F32.900", "F25.000"], bd.sum())
    px[bd] = ""
    los[bd] = rng.integers(10, 120, bd.sum())
    cost[bd] = np.round(los[bd] * rng.uniform(150, 260, bd.sum()), 2)
    dept[bd] = "精神科"

    self_pay = np.round(cost * rng.uniform(0.03, 0.15, n), 2)
    eligible = np.round(cost - self_pay, 2)

    # CHS-DRG hospitals (the demo policy's list): their inpatient stays are DRG cases.
    hosp_ids = np.array([h.hospital_id for h in hs])[hosp]
    drg = (mode == "dip") & np.isin(hosp_ids, sorted(drg_hospitals))
    k = rng.integers(0, len(drg_t), drg.sum())
    d = drg_t.iloc[k].reset_index(drop=True)
    mode[drg] = "drg"
    dx[drg], px[drg], age[drg] = d["dx_codes"].to_numpy(), d["px_codes"].to_numpy(), d["age"].to_numpy()
    gender_drg, age_days_drg, weight_drg = d["gender"].to_numpy(), d["age_days"].to_numpy(), d["weight_g"].to_numpy()
    cost[drg] = np.round(d["avg_cost"].to_numpy() * ratio[drg], 2)
    los[drg] = np.maximum(1, np.round(d["los"].to_numpy() * rng.lognormal(0, 0.3, drg.sum()))).astype(int)
    self_pay[drg] = np.round(cost[drg] * rng.uniform(0.03, 0.15, drg.sum()), 2)
    eligible[drg] = np.round(cost[drg] - self_pay[drg], 2)

    # Transfers: a share of general stays cross two departments.
    segments = np.full(n, "", dtype=object)
    tr = np.isin(mode, ["dip", "drg"]) & (rng.random(n) < 0.06)
    first = np.round(eligible[tr] * rng.uniform(0.2, 0.6, tr.sum()), 2)
    other = np.array(_DEPARTMENTS, dtype=object)[rng.integers(0, len(_DEPARTMENTS), tr.sum())]
    segments[tr] = [f"{a}:{f:.2f}|{b}:{e - f:.2f}" for a, f, b, e in zip(other, first, dept[tr], eligible[tr])]

    referral = np.where(rng.random(n) < 0.03, np.where(lvl == 1, "down", "up"), "none").astype(object)
    referral[~np.isin(mode, ["dip", "drg"])] = "none"
    nth = 1 + rng.poisson(0.25, n)

    day = rng.integers(0, 365, n)
    dates = (np.datetime64(f"{year}-01-01") + day.astype("timedelta64[D]")).astype(str)

    df = pd.DataFrame({
        "case_id": [f"{year}{i:08d}" for i in range(first_id, first_id + n)],
        "year": str(year),
        "date": dates,
        "hospital_id": np.array([h.hospital_id for h in hs])[hosp],
        "hospital": np.array([h.name for h in hs])[hosp],
        "hospital_level": lvl.astype(str),
        "tcm_hospital": np.where(kind == "tcm", "1", "0"),
        "hospital_kind": kind,
        "grassroots": np.where(lvl == 1, "1", "0"),
        "insurance_type": insurance,
        "status": status,
        "gender": np.where(drg, _spread(gender_drg, drg), tpl["gender"].to_numpy()),
        "age": age,
        "age_days": np.where(drg, _spread(age_days_drg, drg), tpl["age_days"].to_numpy()),
        "weight_g": np.where(drg, _spread(weight_drg, drg), tpl["weight_g"].to_numpy()),
        "dept": dept,
        "los_days": los.astype(str),
        "discharge_type": np.where(rng.random(n) < 0.02, "2", "1"),
        "dx_codes": dx,
        "px_codes": px,
        "treatment_type": treatment,
        "mode": mode,
        "total_cost": [f"{c:.2f}" for c in cost],
        "eligible": [f"{c:.2f}" for c in eligible],
        "self_pay": [f"{c:.2f}" for c in self_pay],
        "segments": segments,
        "referral": referral,
        "nth_stay": nth.astype(str),
        "tcm_disease": tcm_disease,
        "course_days": course_days.astype(str),
        "max_gap_days": gap.astype(str),
        "acupuncture_cost": [f"{c:.2f}" for c in acup],
        "other_tcm_therapy_cost": [f"{c:.2f}" for c in other_tcm],
        "bed_day_scope": bed_day_scope,
    })
    _dirty(df, rng, dirty_share)
    return df


def _spread(values: Any, mask: Any) -> Any:
    """`values` (one per True in `mask`) laid out over the whole column."""
    out = np.full(len(mask), "", dtype=object)
    out[mask] = values
    return out


def _dirty(df: Any, rng: Any, share: float) -> None:
    """Spoils a share of rows the way real uploads are spoiled, one defect per row."""
    n = len(df)
    rows = rng.choice(n, size=int(n * share), replace=False)
    kinds = rng.integers(0, 5, len(rows))
    for kind, column, value in ((0, "dx_codes", "ZZZ.999"), (1, "age", "150"), (2, "age", ""),
                                (3, "total_cost", "abc"), (4, "gender", "")):
        hit = rows[kinds == kind]
        df.loc[hit, column] = value


def write_history(path: str | Path, n_per_year: int, *, last_year: int = 2025, years: int = 3,
                  seed: int = 20261122) -> Path:
    """`years` clean earlier years (no dirty rows) in one Parquet file, for calibration."""
    import pandas as pd

    path = Path(path)
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        templates = (_templates(), _drg_templates())
        frames = [generate_year(n_per_year, year=y, seed=seed, dirty_share=0.0, templates=templates)
                  for y in range(last_year - years + 1, last_year + 1)]
        tmp = path.with_suffix(path.suffix + ".tmp")
        pd.concat(frames, ignore_index=True).to_parquet(tmp, index=False)
        tmp.replace(path)
    return path


def write_year(path: str | Path, n: int = 1_000_000, *, year: int = 2026, seed: int = 20261122,
               chunk_rows: int = 500_000) -> Path:
    """Writes the year as Parquet (or CSV by suffix) unless the file exists already. It is
    generated in chunks, so a 10,000,000-case year needs no more memory than a small one."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    path = Path(path)
    if path.exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    templates = (_templates(), _drg_templates())
    writer = None
    try:
        for first in range(0, n, chunk_rows):
            df = generate_year(min(chunk_rows, n - first), year=year, seed=seed, first_id=first, templates=templates)
            if path.suffix == ".csv":
                df.to_csv(tmp, index=False, mode="a" if first else "w", header=first == 0)
                continue
            table = pa.Table.from_pandas(df, preserve_index=False)
            if writer is None:
                writer = pq.ParquetWriter(tmp, table.schema)
            writer.write_table(table)
    finally:
        if writer is not None:
            writer.close()
    tmp.replace(path)
    return path
