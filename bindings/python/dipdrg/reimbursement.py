"""The fund/patient split of inpatient settlements under a city's reimbursement policy,
whatever the settlement mode (fee for service, DRG, DIP, per disease, day surgery, TCM day
ward, bed day): payment-rules.md §2–§5, computed by the C++ core exactly to the fen.

>>> import dipdrg
>>> out = dipdrg.reimburse({"hospital": ["德州市中医院"], "level": ["3"], "department": ["内分泌科"],
...                         "eligible": ["20000"], "principal_dx": ["E11.900"], "date": ["2021-06-01"]},
...                        region="371400")
>>> out["policy"][0], out["ratios"][0], dipdrg.yuan(out["fund_fen"][0])
('dezhou-2021', '0.95', '18572.50')
"""
from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import _core
from .money import yuan
from .catalog import _CATALOG_ROOTS
from .tables import _cell_text

SECTIONS = ("key_specialty", "tcm_hospital_level", "tcm_therapy", "referral", "day_ward", "per_disease", "tcm_dip_score", "bed_day")
_SECTION_DIRS = {"day_ward": "day-ward", "bed_day": "bed-day", "per_disease": "per-disease",
                 "tcm_dip_score": "tcm-dip-score"}


def _roots() -> list[Path]:
    return [root / "reimbursement" for root in _CATALOG_ROOTS if (root / "reimbursement").is_dir()]


def _resolve(name_or_path: str | os.PathLike[str], subdir: str = "") -> Path:
    p = Path(name_or_path)
    if p.is_file():
        return p
    name = os.fspath(name_or_path)
    for root in _roots():
        for candidate in (root / subdir / name, root / subdir / f"{name}.json"):
            if candidate.is_file():
                return candidate
    raise ValueError(f"unknown reimbursement policy or preset {name!r} (looked in {subdir or 'the city folders'} "
                     f"of {[str(r) for r in _roots()]})")


@dataclass(frozen=True)
class PolicyInfo:
    """One shipped city policy: its name, region, effective dates and file."""

    name: str
    region: str
    effective_from: str
    effective_to: str
    path: Path


def reimbursement_policies() -> list[PolicyInfo]:
    """The shipped city policies, each a version in force between two dates.

    >>> [p.name for p in reimbursement_policies() if p.region == "371400"]
    ['dezhou-2021', 'dezhou-2022']
    """
    found: dict[str, PolicyInfo] = {}
    for root in _roots():
        for path in sorted(root.glob("*/*.json")):
            if path.parent.name in _SECTION_DIRS.values():
                continue
            data = json.loads(path.read_text(encoding="utf-8"))
            if "extends" in data:
                base = json.loads((path.parent / data["extends"]).read_text(encoding="utf-8"))
                data = {**base, **data}
            if "name" in data and "region" in data and data["name"] not in found:
                found[data["name"]] = PolicyInfo(data["name"], data["region"], data.get("effective_from", ""),
                                                 data.get("effective_to", ""), path)
    return sorted(found.values(), key=lambda p: (p.region, p.effective_from))


class ReimbursementPolicy:
    """A city's reimbursement policy: ``ReimbursementPolicy.load("dezhou/2021")`` (a shipped
    city/version or a JSON path), with whole sections swappable for presets:
    ``load("dezhou/2021", day_ward="qingdao")``. ``for_region(region, date)`` picks the version
    in force on that date.

    >>> p = ReimbursementPolicy.for_region("371400", "2023-03-01")
    >>> p.name, p.effective_from
    ('dezhou-2022', '2022-05-01')
    """

    def __init__(self, core: Any, path: Path, sections: Mapping[str, str]) -> None:
        self._core = core
        self.path = path
        self._sections = dict(sections)

    @classmethod
    def load(cls, name_or_path: str | os.PathLike[str], **sections: str | os.PathLike[str]) -> ReimbursementPolicy:
        unknown = set(sections) - set(SECTIONS)
        if unknown:
            raise ValueError(f"unknown policy section(s) {sorted(unknown)}; sections are {SECTIONS}")
        path = _resolve(name_or_path)
        resolved = {k: str(_resolve(v, _SECTION_DIRS.get(k, "")).resolve()) for k, v in sections.items()}
        return cls(_core.ReimbursementPolicy.load(str(path), resolved), path, resolved)

    @classmethod
    def for_region(cls, region: str, date: str, **sections: str | os.PathLike[str]) -> ReimbursementPolicy:
        info = select_policy(region, date)
        if info is None:
            raise ValueError(f"no shipped reimbursement policy for region {region!r} in force on {date}")
        return cls.load(info.path, **sections)

    @property
    def name(self) -> str:
        return str(self._core.name)

    @property
    def region(self) -> str:
        return str(self._core.region)

    @property
    def effective_from(self) -> str:
        return str(self._core.effective_from)

    @property
    def effective_to(self) -> str:
        return str(self._core.effective_to)

    @property
    def description(self) -> str:
        return str(self._core.description)

    @property
    def sections(self) -> list[str]:
        """The optional rule blocks in force (key_specialty, day_ward, bed_day …)."""
        return list(self._core.sections)

    @property
    def layer_names(self) -> list[str]:
        return list(self._core.layer_names)

    def in_force(self, date: str) -> bool:
        return (not self.effective_from or date >= self.effective_from) and \
               (not self.effective_to or date <= self.effective_to)

    def __reduce__(self) -> tuple[Any, ...]:
        return (ReimbursementPolicy.load, (str(self.path),), None, None, None) if not self._sections else \
               (_load_with_sections, (str(self.path), self._sections))

    def __repr__(self) -> str:
        return f"ReimbursementPolicy({self.name!r}, region {self.region}, {self.effective_from}–{self.effective_to})"


def _load_with_sections(path: str, sections: dict[str, str]) -> ReimbursementPolicy:
    return ReimbursementPolicy.load(path, **sections)


def select_policy(region: str, date: str) -> PolicyInfo | None:
    """The shipped policy version of `region` in force on `date` (YYYY-MM-DD), or None."""
    hits = [p for p in reimbursement_policies() if p.region == str(region)
            and (not p.effective_from or date >= p.effective_from) and (not p.effective_to or date <= p.effective_to)]
    return max(hits, key=lambda p: p.effective_from) if hits else None


def _columns(cases: Any, mapping: Mapping[str, str] | None) -> tuple[dict[str, list[str | None]], int]:
    import pandas as pd

    if isinstance(cases, pd.DataFrame):
        df = cases
    elif hasattr(cases, "to_pandas"):  # pyarrow, polars
        df = cases.to_pandas()
    else:
        df = pd.DataFrame(dict(cases))
    known = set(_core.settlement_field_names())
    rename = {src: field for field, src in (mapping or {}).items()}
    missing = [src for src in rename if src not in df.columns]
    if missing:
        raise KeyError(f"column(s) {missing} named in columns= are not in the input")
    cols: dict[str, list[str | None]] = {}
    for name in df.columns:
        field = rename.get(name, name)
        if field in known:
            # Strings pass as they are; other cells (numbers, NaN, bools, None) through the one text rule.
            cols[field] = [v if type(v) is str else _cell_text(v) for v in df[name].tolist()]
    return cols, len(df)


def _arrow_table(cases: Any) -> Any:
    """The input as a pyarrow Table (zero copy where the producer allows), or None when it
    cannot be one (mixed-type object columns): then the text path reads it."""
    import pandas as pd
    import pyarrow as pa

    try:
        if isinstance(cases, pa.Table):
            return cases
        if isinstance(cases, pa.RecordBatch):
            return pa.Table.from_batches([cases])
        if isinstance(cases, pd.DataFrame):
            return pa.Table.from_pandas(cases, preserve_index=False)
        if hasattr(cases, "__arrow_c_stream__"):
            return pa.table(cases)
        if hasattr(cases, "to_arrow"):
            return cases.to_arrow()
        return pa.Table.from_pandas(pd.DataFrame(dict(cases)), preserve_index=False)
    except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError):
        return None


def reimburse(cases: Any, *, policy: ReimbursementPolicy | str | os.PathLike[str] | None = None,
              region: str | None = None, columns: Mapping[str, str] | None = None, trace: bool = False) -> Any:
    """Settles every row and returns a pandas DataFrame: status, message, the mode it was
    settled as, the ratio per segment, and exact fen columns (total cost, eligible, deductible,
    fund, each layer, patient, hospital payment, the funds' part of it, hospital balance).

    Give ``policy=`` (one policy for all rows) or ``region=`` (each row takes the shipped
    version in force on its ``date``; rows without one get status NO_POLICY). Input columns
    are named as in docs/reimbursement.md, or mapped with ``columns={field: column}``. Arrow
    tables, polars and pandas frames are read in place by the core (Arrow C stream); other
    inputs go through a slower text path. Data problems are row statuses (BAD_INPUT …);
    misuse raises. A ``referred_from`` column (the id of the earlier stay of a referral pair,
    R1) links two stays of a pandas frame: the earlier one is settled first and its deductible
    becomes the later one's ``paired_deductible``.
    """
    import pandas as pd

    if not isinstance(cases, pd.DataFrame) or "referred_from" not in cases.columns:
        return _reimburse(cases, policy=policy, region=region, columns=columns, trace=trace)
    if "id" not in cases.columns:
        raise KeyError("referred_from links stays by their 'id' column, which the input lacks")
    linked = cases["referred_from"].fillna("").astype(str) != ""
    first = _reimburse(cases.drop(columns="referred_from"), policy=policy, region=region, columns=columns, trace=trace)
    if not linked.any():
        return first
    deductible = dict(zip(cases["id"].astype(str), first["deductible_fen"]))
    second = cases[linked].drop(columns="referred_from").copy()
    paid = [deductible.get(str(r)) for r in cases.loc[linked, "referred_from"]]
    second["paired_deductible"] = [yuan(int(d)) if d is not None else "" for d in paid]
    again = _reimburse(second, policy=policy, region=region, columns=columns, trace=trace)
    first.loc[linked.to_numpy(), :] = again.to_numpy()
    return first


def _reimburse(cases: Any, *, policy: ReimbursementPolicy | str | os.PathLike[str] | None = None,
               region: str | None = None, columns: Mapping[str, str] | None = None, trace: bool = False) -> Any:
    """reimburse() for rows whose referral links are already resolved."""
    import pandas as pd
    import pyarrow as pa

    if (policy is None) == (region is None):
        raise ValueError("give exactly one of policy= or region=")
    mapping = dict(columns or {})
    table = _arrow_table(cases)
    if table is None:
        cols, n = _columns(cases, columns)
        keys = {k: cols.get(k) for k in ("id", "hospital", "date")}
    else:
        missing = [c for c in mapping.values() if c not in table.column_names]
        if missing:
            raise KeyError(f"column(s) {missing} named in columns= are not in the input")
        n = table.num_rows
        source = {field: mapping.get(field, field) for field in ("id", "hospital", "date")}
        keys = {k: [None if v is None else str(v) for v in table.column(c).to_pylist()] if c in table.column_names
                else None for k, c in source.items()}
    if n == 0:
        return pd.DataFrame()
    if policy is not None:
        pol = policy if isinstance(policy, ReimbursementPolicy) else ReimbursementPolicy.load(policy)
        groups = {pol.name: (pol, list(range(n)))}
    else:
        dates = keys["date"]
        if dates is None:
            raise ValueError("region= selects the policy by each row's date: the input needs a 'date' column")
        groups = {}
        by_path: dict[Path, ReimbursementPolicy] = {}
        for i, d in enumerate(dates):
            info = select_policy(str(region), d or "")
            if info is None:
                groups.setdefault("", (None, []))[1].append(i)  # type: ignore[arg-type]
                continue
            pol = by_path.setdefault(info.path, ReimbursementPolicy.load(info.path))
            groups.setdefault(pol.name, (pol, []))[1].append(i)
    parts = []
    for name, (pol, rows) in groups.items():
        if pol is None:
            parts.append(pd.DataFrame({"row": rows, "policy": "", "status": "NO_POLICY",
                                       "message": [f"no {region} policy in force on {keys['date'][i]!r}" for i in rows]}))
            continue
        if table is None:
            subset = {k: [v[i] for i in rows] for k, v in cols.items()}
            out = _core.reimburse_columns(pol._core, subset, trace)
        else:
            part = table if len(rows) == n else table.take(pa.array(rows))
            out = _core.reimburse_arrow(pol._core, part.__arrow_c_stream__(), mapping, trace)
        frame = pd.DataFrame({k: v for k, v in out.items()})
        frame.insert(0, "policy", name)
        frame.insert(0, "row", rows)
        parts.append(frame)
    result = pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0]
    if len(parts) > 1:
        result = result.sort_values("row", kind="stable").reset_index(drop=True)
    for c in result.columns:
        if c.endswith("_fen"):
            result[c] = result[c].fillna(0).astype("int64")
        elif result[c].dtype == object:
            result[c] = result[c].fillna("")
    for position, key in enumerate(k for k in ("id", "hospital", "date") if keys.get(k) is not None):
        values = keys[key]
        result.insert(1 + position, key, [values[i] or "" for i in result["row"]])
    return result.drop(columns="row")


def reimbursement_indicators(settled: Any, *, by: tuple[str, ...] = ("hospital", "month")) -> Any:
    """邢台 measure 18: per hospital and month, the actual reimbursement ratio (funds ÷ total
    cost) beside the policy-range ratio (funds ÷ eligible cost), from ``reimburse`` output.

    The funds are the basic fund plus the layers; rows whose status is not OK are left out.
    """
    import pandas as pd

    df = settled[settled["status"] == "OK"].copy()
    if "month" in by:
        if "date" not in df.columns:
            raise KeyError("grouping by month needs the 'date' column in the settled table")
        df["month"] = df["date"].astype(str).str.slice(0, 7)
    layers = [c for c in df.columns if c.startswith("layer_") and c.endswith("_fen")]
    df["funds_fen"] = df["fund_fen"] + (df[layers].sum(axis=1) if layers else 0)
    g = df.groupby(list(by), sort=True)[["funds_fen", "total_cost_fen", "eligible_fen"]].sum().reset_index()
    g["actual_ratio"] = g["funds_fen"] / g["total_cost_fen"].where(g["total_cost_fen"] > 0)
    g["policy_range_ratio"] = g["funds_fen"] / g["eligible_fen"].where(g["eligible_fen"] > 0)
    g["gap_points"] = (g["policy_range_ratio"] - g["actual_ratio"]) * 100
    return pd.DataFrame(g)


def bed_day_counters(stays: Any, *, link_gap_days: int = 15, reset_by_year: bool = True) -> Any:
    """Adds ``los``, ``days_before`` and ``days_in_next_year`` to a table of stays (columns
    person, scope, admission, discharge as YYYY-MM-DD): a readmission within `link_gap_days`
    continues the day counter, a new calendar year restarts it. Unreadable dates get
    ``valid = False``."""
    import pandas as pd

    df = stays if isinstance(stays, pd.DataFrame) else pd.DataFrame(dict(stays))
    for c in ("person", "scope", "admission", "discharge"):
        if c not in df.columns:
            raise KeyError(f"bed_day_counters needs a {c!r} column")
    out = _core.bed_day_counters([str(v) for v in df["person"]], [str(v) for v in df["scope"]],
                                 [str(v) for v in df["admission"]], [str(v) for v in df["discharge"]],
                                 int(link_gap_days), bool(reset_by_year))
    df = df.copy()
    for k, v in out.items():
        df[k] = v
    return df
