"""TCM cases inside DIP (payment-rules.md §1.5): 邢台 gives a TCM case the score of the
Western disease it maps to; 河北 raises advantaged diseases toward that score and adds points
for characteristic TCM operations. Both are the ``tcm_dip_score`` section of a
reimbursement policy; the Western score comes from grouping the case again with the Western
diagnosis as principal.
"""
from __future__ import annotations

from typing import Any

from . import _core
from .reimbursement import ReimbursementPolicy


def _swap_principal(dx_codes: str, western: str) -> str:
    codes = [c for c in str(dx_codes).replace(",", "|").split("|") if c]
    return "|".join([western] + codes[1:]) if codes else western


def tcm_dip_scores(cases: Any, *, grouper: Any, policy: ReimbursementPolicy | str, scale: float = 1000,
                   western_dx: str = "western_dx", tcm_operation_cost: str = "tcm_operation_cost") -> Any:
    """Per case: the own DIP score, the Western disease's score (rows with a `western_dx`),
    and the score after the policy's TCM rule, with the rule's trace. `scale` is the
    catalog's K (the rules' points are on a 100-point scale).

    >>> import dipdrg, pandas as pd
    >>> cases = pd.DataFrame({"case_id": ["T1"], "sex": ["1"], "age": ["60"], "dx_codes": ["I63.900"],
    ...                       "px_codes": [""], "western_dx": ["I63.900"]})
    >>> out = tcm_dip_scores(cases, grouper=dipdrg.Grouper("dip-demo"), policy="xingtai/2024")
    >>> bool(out["score"][0] == out["western_score"][0])
    True
    """
    import pandas as pd

    pol = policy if isinstance(policy, ReimbursementPolicy) else ReimbursementPolicy.load(policy)
    if "tcm_dip_score" not in pol.sections:
        raise ValueError(f"policy {pol.name} has no tcm_dip_score section (load it with tcm_dip_score=...)")
    df = cases if isinstance(cases, pd.DataFrame) else pd.DataFrame(dict(cases))
    if western_dx not in df.columns:
        raise KeyError(f"tcm_dip_scores needs a {western_dx!r} column (the Western diagnosis a TCM case maps to)")
    own = grouper.group(df)
    mapped = df[df[western_dx].fillna("").astype(str) != ""].copy()
    western_scores: dict[int, float] = {}
    if len(mapped):
        mapped["dx_codes"] = [_swap_principal(d, w) for d, w in zip(mapped["dx_codes"], mapped[western_dx])]
        regrouped = grouper.group(mapped.reset_index(drop=True))
        for i, s in zip(mapped.index, regrouped["dip_score"]):
            if pd.notna(s):
                western_scores[int(i)] = float(s)
    costs = df[tcm_operation_cost].fillna("").astype(str) if tcm_operation_cost in df.columns else [""] * len(df)
    procedures = df["px_codes"].fillna("").astype(str) if "px_codes" in df.columns else [""] * len(df)
    scores, traces = [], []
    for i, (score, cost, px) in enumerate(zip(own["dip_score"], costs, procedures)):
        if pd.isna(score) and i in western_scores:
            score = 0.0  # the TCM code itself is not in the catalog: only the Western mapping scores it
        if pd.isna(score):
            scores.append(float("nan"))
            traces.append("")
            continue
        value, lines = _core.tcm_dip_score(pol._core, float(score), western_scores.get(i), cost,
                                           [p for p in px.replace(",", "|").split("|") if p], float(scale))
        scores.append(value)
        traces.append("\n".join(lines))
    out = pd.DataFrame({"case_id": own["case_id"], "dip_group": own["dip_group"], "own_score": own["dip_score"],
                        "western_score": [western_scores.get(i, float("nan")) for i in range(len(df))],
                        "score": scores, "trace": traces})
    return out
