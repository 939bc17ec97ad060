"""Case scores for DIP: normal, low/high/extreme deviation and ungrouped cases, by the
formula variants of a scoring policy (presets in catalogs/dip/scoring/). The settlement,
point values, special-case review and DRG payment methods are not here yet."""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from . import _core
from .catalog import _CATALOG_ROOTS

_SCORING_DIRS = [root / "dip" / "scoring" for root in _CATALOG_ROOTS]


def scoring_policies() -> list[str]:
    """Names of the shipped DIP scoring-policy presets."""
    return sorted({p.stem for d in _SCORING_DIRS if d.is_dir() for p in d.glob("*.json")})


def _policy_json(policy: str | os.PathLike[str] | dict[str, Any]) -> str:
    if isinstance(policy, dict):
        return json.dumps(policy, ensure_ascii=False)
    name = os.fspath(policy)
    for path in [Path(name)] + [d / f"{name}.json" for d in _SCORING_DIRS]:
        if path.is_file():
            return path.read_text(encoding="utf-8")
    raise ValueError(f"unknown DIP scoring policy {name!r}; presets are {scoring_policies()}")


def score_dip_case(*, group_score: float, cost: float | str, point_value: float,
                   policy: str | os.PathLike[str] | dict[str, Any] = "dip-1.0", hospital_coefficient: float = 1.0,
                   aux_factor: float = 1.0, grassroots: bool = False, ungrouped: bool = False,
                   standard: float | str | None = None) -> dict[str, Any]:
    """Scores one DIP case. ``cost`` and ``standard`` are yuan (the standard defaults to
    group_score × hospital_coefficient × point_value); the amount is exact to the fen.

    >>> r = score_dip_case(group_score=1338.5, hospital_coefficient=1.05, point_value=9.5, cost="30000",
    ...                    policy="jining-370800")
    >>> r["rule"], r["amount"]
    ('high', '16491.47')
    """
    try:
        return dict(_core.score_dip_case(_policy_json(policy), float(group_score), float(hospital_coefficient),
                                         float(aux_factor), bool(grassroots), bool(ungrouped), str(cost),
                                         float(point_value), "" if standard is None else str(standard)))
    except RuntimeError as exc:
        raise ValueError(str(exc)) from exc
