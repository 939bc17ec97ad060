"""Importing a city DIP catalog table (病种编码, 主要诊断编码/名称, 主要操作编码/名称, 其他操作,
病种类型, 分值 …, CSV or Excel) into the project's own DIP catalog layout, through a column
mapping. The result is a catalog directory with manifest.json that `Catalog()` loads."""
from __future__ import annotations

import csv
import json
import re
from pathlib import Path
from typing import Any, Mapping

from .catalog import write_manifest

# field → the usual column headers of city tables (first present wins).
DEFAULT_COLUMNS: dict[str, tuple[str, ...]] = {
    "code": ("病种编码", "病种代码", "DIP编码", "code"),
    "name": ("病种名称", "name"),
    "dx": ("主要诊断编码", "主诊断代码", "主要诊断代码", "诊断编码", "dx"),
    "dx_name": ("主要诊断名称", "主诊断名称", "dx_name"),
    "px": ("主要操作编码", "主要操作代码", "主要手术操作编码", "px"),
    "px_name": ("主要操作名称", "主要手术操作名称", "px_name"),
    "related": ("其他操作编码", "其他操作代码", "其他操作", "相关手术操作编码", "related"),
    "kind": ("病种类型", "kind"),
    "score": ("分值", "病种分值", "score"),
    "avg_cost": ("平均费用", "次均费用", "病种均费", "avg_cost"),
    "avg_los": ("平均住院日", "avg_los"),
}
REQUIRED = ("code", "dx", "kind", "score")

_KINDS = {
    "核心": "local_core", "核心病种": "local_core", "1": "local_core", "core": "local_core",
    "基层": "grassroots", "基层病种": "grassroots", "grassroots": "grassroots",
    "综合": "comprehensive", "综合病种": "comprehensive", "0": "comprehensive", "2": "comprehensive",
    "comprehensive": "comprehensive",
    "中医": "tcm", "中医优势病种": "tcm", "tcm": "tcm",
    "空白": "ungrouped", "空白病组": "ungrouped", "保底组": "ungrouped", "ungrouped": "ungrouped",
}


def _attribute(text: str) -> str:
    if "诊断性" in text:
        return "diagnostic"
    if "治疗性" in text:
        return "therapeutic"
    if "介入" in text:
        return "interventional"
    if "手术" in text:
        return "surgery"
    return "none"  # 保守治疗 / 内科诊疗 / empty


def _codes(text: str) -> str:
    """City lists use ',', '，', '/', '、' or '|' between alternatives; '+' joins all-of codes."""
    parts = [p.strip() for p in re.split(r"[,，/、|;；\s]+", text or "") if p.strip()]
    return "|".join(parts)


def read_table(path: Path) -> list[dict[str, str]]:
    if path.suffix.lower() in (".xlsx", ".xls"):
        try:
            import pandas as pd

            df = pd.read_excel(path, dtype=str).fillna("")
        except ImportError as exc:  # openpyxl missing
            raise ValueError(f"reading {path.name} needs openpyxl (pip install openpyxl), or save it as CSV") from exc
        return [{str(k): str(v) for k, v in row.items()} for row in df.to_dict("records")]
    with path.open(encoding="utf-8-sig", newline="") as f:
        return [dict(r) for r in csv.DictReader(f)]


def resolve_mapping(headers: list[str], mapping: Mapping[str, str] | None) -> dict[str, str]:
    chosen: dict[str, str] = {}
    for field, column in (mapping or {}).items():
        if field not in DEFAULT_COLUMNS:
            raise ValueError(f"unknown field {field!r}; fields are {sorted(DEFAULT_COLUMNS)}")
        if column not in headers:
            raise ValueError(f"mapping {field!r} → {column!r}: the table has no column {column!r}")
        chosen[field] = column
    for field, names in DEFAULT_COLUMNS.items():
        if field not in chosen:
            found = next((n for n in names if n in headers), None)
            if found:
                chosen[field] = found
    missing = [f for f in REQUIRED if f not in chosen]
    if missing:
        raise ValueError(f"the table lacks {missing}; map them with --map field=column (fields: {sorted(DEFAULT_COLUMNS)})")
    return chosen


def import_city_catalog(source: str | Path, out_dir: str | Path, *, mapping: Mapping[str, str] | None = None,
                        version: str = "1", region: str = "000000", effective_from: str = "",
                        policy: str | dict[str, Any] | None = None,
                        attributes: str | Path | None = None) -> Path:
    """Converts a city table to a catalog directory; returns the directory.

    Rows of kind 综合 become comprehensive groups keyed by their diagnosis category and the
    procedure attribute written in the operation column (相关手术/治疗性操作/诊断性操作/保守);
    other rows become rules. `attributes` is an optional CSV (code,attribute) for the
    procedure-attribute table the comprehensive groups need.
    """
    src = Path(source)
    rows = read_table(src)
    if not rows:
        raise ValueError(f"{src}: the table is empty")
    cols = resolve_mapping(list(rows[0].keys()), mapping)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    groups: list[dict[str, str]] = []
    rules: list[dict[str, str]] = []
    comprehensive: list[dict[str, str]] = []
    seen: set[str] = set()
    problems: list[str] = []
    for line, row in enumerate(rows, start=2):
        def get(f: str, row: dict[str, str] = row) -> str:
            return (row.get(cols[f], "") if f in cols else "").strip()

        code, kind_text = get("code"), get("kind")
        kind = _KINDS.get(kind_text)
        if not code:
            problems.append(f"{src.name}:{line}: empty 病种编码")
            continue
        if kind is None:
            problems.append(f"{src.name}:{line}: unknown 病种类型 {kind_text!r}")
            continue
        name = get("name") or " ".join(x for x in (get("dx_name"), get("px_name") or "保守治疗") if x)
        where = f"{src.name}:{line}"
        if code not in seen:
            seen.add(code)
            groups.append({"code": code, "name": name, "kind": "local_core" if kind == "grassroots" else kind,
                           "score": get("score"), "avg_cost": get("avg_cost"), "avg_los": get("avg_los"),
                           "grassroots": "1" if kind == "grassroots" else "0", "source": where})
        if kind == "comprehensive":
            comprehensive.append({"group": code, "dx": get("dx"), "attribute": _attribute(get("px") + get("px_name"))})
        elif kind != "ungrouped":
            rules.append({"group": code, "principal_dx": _codes(get("dx")), "principal_px": _codes(get("px")),
                          "related_px": _codes(get("related")),
                          "treatment_type": "2" if kind == "tcm" else "", "source": where})
    if problems:
        raise ValueError("the city table has problems:\n  " + "\n  ".join(problems))

    def write(name: str, header: list[str], data: list[dict[str, str]]) -> None:
        with (out / name).open("w", encoding="utf-8", newline="") as f:
            w = csv.DictWriter(f, fieldnames=header, extrasaction="ignore", lineterminator="\n")
            w.writeheader()
            w.writerows(data)

    write("groups.csv", ["code", "name", "kind", "score", "avg_cost", "avg_los", "grassroots", "source"], groups)
    write("rules.csv", ["group", "principal_dx", "principal_px", "related_px", "treatment_type", "source"], rules)
    if comprehensive:
        write("comprehensive.csv", ["group", "dx", "attribute"], comprehensive)
    if attributes:
        (out / "px_attributes.csv").write_text(Path(attributes).read_text(encoding="utf-8-sig"), encoding="utf-8")
    manifest: dict[str, Any] = {"scheme": "dip", "version": version, "region": region, "effective_from": effective_from,
                "effective_to": "", "source": f"imported from {src.name} by dipdrg catalog import-city",
                "licence": ""}
    if policy is not None:
        manifest["policy"] = policy if isinstance(policy, dict) else json.loads(Path(policy).read_text(encoding="utf-8"))
    (out / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    write_manifest(out)
    return out
