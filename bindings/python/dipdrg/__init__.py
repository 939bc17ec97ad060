"""dipdrg: CHS-DRG and DIP grouping for Chinese inpatient cases.

>>> import dipdrg
>>> grouper = dipdrg.Grouper("demo")
>>> r = grouper.group_one(sex=1, age=56, dx_codes="K80.100", px_codes="")
>>> r.status in ("OK", "UNGROUPABLE")
True
"""
from __future__ import annotations

from ._core import __version__
from .catalog import Catalog, CatalogError, Finding, policies
from .dip import DipGroupResult
from .grouper import GroupResult, Grouper, Trace, TraceEvent
from .scoring import score_dip_case, score_drg_case, scoring_policies, settle

__all__ = [
    "Catalog",
    "CatalogError",
    "DipGroupResult",
    "Finding",
    "GroupResult",
    "Grouper",
    "Trace",
    "TraceEvent",
    "__version__",
    "policies",
    "score_dip_case",
    "score_drg_case",
    "settle",
    "scoring_policies",
]
