"""Calibration: next year's DIP group scores from several years of grouped history, written
as a new catalog version plus a report (cases, trimmed cases, CV, score, core or merge, 基层
candidates). The arithmetic is in the C++ core (scoring/calibration)."""
from __future__ import annotations

import csv
import json
import os
import shutil
from pathlib import Path
from typing import Any, Sequence

from . import _core
from .catalog import Catalog, write_manifest
from .policy import case_rules


def calibrate(history: Any, catalog: Catalog | str | os.PathLike[str], *, year_weights: Sequence[float] | None = None,
              trim: tuple[float, float] = (0.025, 0.975), method: str = "average", scale: float = 1000,
              reference_group: str | None = None, fixed_unit: float = 0, case_threshold: int = 15,
              coverage: float = 0, score_decimals: int = 2) -> tuple[Any, dict[str, Any]]:
    """Builds scores from ``history`` (columns year, total_cost, hospital_level, and dip_group —
    or the case fields, grouped here with the catalog). Returns (report DataFrame, summary).

    Years are ordered oldest first; the most recent years take the last weights (the case rules'
    ``calibration.year_weights``, 1:2:7 nationally)."""
    import numpy as np
    import pandas as pd

    if year_weights is None:
        year_weights = case_rules()["calibration"]["year_weights"]

    cat = catalog if isinstance(catalog, Catalog) else Catalog(catalog)
    if cat.scheme != "dip":
        raise ValueError("calibration builds DIP scores; give a DIP catalog")
    df = history if isinstance(history, pd.DataFrame) else pd.DataFrame(history)
    for column in ("year", "total_cost"):
        if column not in df.columns:
            raise ValueError(f"history needs a column {column!r}")
    if "dip_group" not in df.columns:
        from .grouper import Grouper

        df = df.assign(dip_group=Grouper(cat).group(df)["dip_group"].to_numpy())
    groups = cat.table("groups")
    index = {code: i for i, code in enumerate(groups["code"])}
    years = sorted({str(y) for y in df["year"]})
    year_index = {y: i for i, y in enumerate(years)}
    group_ix = np.array([index.get(str(g), -1) for g in df["dip_group"]], dtype=np.int32)
    cost = pd.to_numeric(df["total_cost"], errors="coerce").to_numpy(dtype=float)
    level = (pd.to_numeric(df["hospital_level"], errors="coerce").fillna(0).astype(np.int32).to_numpy()
             if "hospital_level" in df.columns else np.zeros(len(df), dtype=np.int32))
    unplaced = int(((group_ix < 0) | np.isnan(cost) | (cost < 0)).sum())
    ref = -1
    if method == "reference":
        if reference_group not in index:
            raise ValueError(f"reference group {reference_group!r} is not in the catalog")
        ref = index[str(reference_group)]
    if len(years) > len(year_weights):
        raise ValueError(f"{len(years)} years of history but only {len(year_weights)} year weights")
    try:
        raw = _core.calibrate(np.array([year_index[str(y)] for y in df["year"]], dtype=np.int32), group_ix,
                              np.nan_to_num(cost, nan=-1.0), level, len(groups), len(years),
                              [float(w) for w in year_weights], trim[0], trim[1], method, scale, ref, fixed_unit,
                              case_threshold, coverage, score_decimals)
    except RuntimeError as exc:
        raise ValueError(str(exc)) from exc
    report = pd.DataFrame({"code": groups["code"], "name": groups["name"], "kind": groups["kind"],
                           "old_score": groups["score"], "cases": raw["cases"], "kept": raw["kept"],
                           "mean_cost": raw["mean"], "cv": raw["cv"], "score": raw["score"], "core": raw["core"],
                           "grassroots_candidate": raw["grassroots_candidate"], "mean_cost_l1": raw["mean_l1"],
                           "mean_cost_l2": raw["mean_l2"], "mean_cost_l3": raw["mean_l3"], "note": raw["note"]})
    summary = {"years": years, "year_weights": list(year_weights)[-len(years):], "overall_mean": raw["overall_mean"],
               "case_threshold": raw["threshold"], "level_coefficients": raw["level_coefficients"],
               "cases": len(df), "unplaced_rows": unplaced, "method": method, "scale": scale}
    return report, summary


def write_calibrated_catalog(catalog: Catalog | str | os.PathLike[str], report: Any, out_dir: str | os.PathLike[str],
                             *, version: str, effective_from: str = "") -> Path:
    """A new catalog version: a copy of an own-layout DIP catalog whose groups.csv carries the
    calibrated scores and average costs (groups without history keep their old values)."""
    cat = catalog if isinstance(catalog, Catalog) else Catalog(catalog)
    src = cat.path
    if not (src / "groups.csv").exists():
        raise ValueError(f"{src} is not in the project's own DIP layout (groups.csv); import or convert it first")
    out = Path(out_dir)
    if out.exists():
        raise ValueError(f"{out} exists; choose a new directory for the new catalog version")
    shutil.copytree(src, out)
    by_code = {str(r["code"]): r for _, r in report.iterrows()}
    path = out / "groups.csv"
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        header = list(reader.fieldnames or [])
        rows = list(reader)
    for extra in ("avg_cost", "avg_cost_l1", "avg_cost_l2", "avg_cost_l3"):
        if extra not in header:
            header.append(extra)

    def fmt(v: Any) -> str:
        return "" if v is None or v != v else f"{float(v):.2f}"

    for row in rows:
        r = by_code.get(row["code"])
        if r is None or r["cases"] == 0:
            continue
        row["score"] = fmt(r["score"])
        row["avg_cost"] = fmt(r["mean_cost"])
        for level in (1, 2, 3):
            row[f"avg_cost_l{level}"] = fmt(r[f"mean_cost_l{level}"])
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=header, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    manifest_path = out / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    manifest["version"] = version
    manifest["effective_from"] = effective_from or manifest.get("effective_from", "")
    manifest["source"] = f"calibrated from {cat.manifest['version']} by dipdrg calibrate"
    manifest_path.write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    write_manifest(out)
    return out
