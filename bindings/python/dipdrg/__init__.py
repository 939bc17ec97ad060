"""dipdrg: CHS-DRG and DIP grouping for Chinese inpatient cases.

>>> import dipdrg
>>> grouper = dipdrg.Grouper("demo")
>>> r = grouper.group_one(sex=1, age=56, dx_codes="K80.100", px_codes="")
>>> r.status in ("OK", "UNGROUPABLE")
True
"""
from __future__ import annotations

from ._core import __version__
from .calibration import calibrate, write_calibrated_catalog
from .catalog import Catalog, CatalogError, Finding, policies
from .dip import DipGroupResult
from .grouper import GroupResult, Grouper, Trace, TraceEvent
from .policy import Policy
from .money import to_fen, yuan
from .reimbursement import (ReimbursementPolicy, bed_day_counters, reimburse, reimbursement_indicators,
                            reimbursement_policies)
from .tcm_scores import tcm_dip_scores
from .scorer import Scorer, apply_review, settle_scored
from .scoring import budget_point_value, monthly_advance, score_dip_case, score_drg_case, scoring_policies, settle

__all__ = [
    "Catalog",
    "CatalogError",
    "DipGroupResult",
    "Finding",
    "GroupResult",
    "Grouper",
    "Policy",
    "ReimbursementPolicy",
    "Scorer",
    "Trace",
    "TraceEvent",
    "__version__",
    "apply_review",
    "bed_day_counters",
    "reimburse",
    "reimbursement_indicators",
    "reimbursement_policies",
    "to_fen",
    "yuan",
    "budget_point_value",
    "calibrate",
    "monthly_advance",
    "settle_scored",
    "write_calibrated_catalog",
    "policies",
    "score_dip_case",
    "score_drg_case",
    "settle",
    "tcm_dip_scores",
    "scoring_policies",
]
