"""DIP results: the per-case dataclass and the batch output table."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from . import _core
from .trace import Trace


@dataclass(frozen=True)
class DipGroupResult:
    """One case grouped into DIP."""

    case_id: str
    status: str            # OK / FALLBACK / NOT_GROUPED / EXCLUDED / CHECK_FAILED / TRANSLATION_FAILED
    status_zh: str
    dip_group: str         # group code ("" when none), e.g. JC-3625
    dip_name: str
    dip_kind: str          # pre / merge / burn / tumour / tuberculosis / base / local_core / tcm / ...
    dip_score: float | None
    principal_px: str      # the principal procedure used ("" = conservative)
    px_attribute: str
    grassroots: bool       # 基层病种: no hospital coefficient
    subtype: str
    factor: float | None
    message: str
    warnings: tuple[str, ...]
    rule_source: str       # the winning row's source (sheet#row or table:line)
    trace: Trace = field(repr=False)


# Column types of the DIP output (others are strings).
DIP_TYPES = {"dip_score": "float64", "factor": "float64", "grassroots": "bool"}

OUTPUT_COLUMNS = ("case_id", "status", "status_zh", "dip_group", "dip_name", "dip_kind", "dip_score",
                  "principal_px", "px_attribute", "grassroots", "subtype", "factor", "message", "warnings")


def dip_output(core: Any, parts: list[dict[str, Any]], explain: bool) -> dict[str, Any]:
    """Result columns of a DIP batch, group fields looked up by index (no per-row strings in C++)."""
    import numpy as np

    def cat(key: str) -> Any:
        return np.concatenate([p[key] for p in parts]) if parts else np.zeros(0)

    def lst(key: str) -> list[Any]:
        return [x for p in parts for x in p[key]]

    s = cat("status").astype(np.int64)
    g = cat("group").astype(np.int64)
    factor = cat("factor").astype(float)
    data: dict[str, Any] = {
        "case_id": lst("case_id"),
        "status": np.asarray(list(_core.DIP_STATUS_CODES), dtype=object)[s],
        "status_zh": np.asarray(list(_core.DIP_STATUS_TEXT_ZH), dtype=object)[s],
        "dip_group": np.array(core.group_codes, dtype=object)[g],
        "dip_name": np.array(core.group_field("name"), dtype=object)[g],
        "dip_kind": np.array(core.group_field("kind"), dtype=object)[g],
        "dip_score": np.array(core.group_field("score"), dtype=object)[g],
        "principal_px": lst("principal_px"),
        "px_attribute": lst("px_attribute"),
        "grassroots": lst("grassroots"),
        "subtype": lst("subtype"),
        "factor": [None if np.isnan(f) else float(f) for f in factor],
        "message": lst("message"),
        "warnings": lst("warnings"),
    }
    if explain:
        data["trace"] = [" | ".join(lines) for lines in lst("trace")]
    return data
