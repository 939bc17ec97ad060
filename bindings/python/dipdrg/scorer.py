"""Table-level scoring and settlement for DIP: group → case points and money (by the scoring
policy's deviation formulas) → 特例单议 candidates and decisions → per-pool, per-hospital
settlement. The arithmetic is in the C++ core; this module joins the tables."""
from __future__ import annotations

import os
from typing import Any, Mapping

from . import _core
from .money import product_fen
from .policy import Policy, case_rules
from .scoring import _policy_json, settle

_DIP_NOT_SCORED = {"EXCLUDED": "principal diagnosis excluded from grouping", "CHECK_FAILED": "no principal diagnosis",
               "NOT_GROUPED": "no group and no 空白病组 in the catalog",
               "TRANSLATION_FAILED": "code translation failed"}


_DRG_NOT_SCORED = {"CHECK_FAILED": "the case failed validation", "UNGROUPABLE": "no DRG",
                   "AMBIGUOUS": "ambiguous group (QY): 特例单议", "TRANSLATION_FAILED": "code translation failed",
                   "MALFORMED_ROW": "unreadable input row"}


def _text_columns(df: Any) -> Any:
    def col(name: str, default: str = "") -> list[str]:
        if name not in df.columns:
            return [default] * len(df)
        values = df[name]
        return values.astype(object).where(values.notna(), "").astype(str).tolist()

    return col


def _yuan(fen: int) -> str:
    return f"{fen // 100}.{fen % 100:02d}" if fen >= 0 else f"-{(-fen) // 100}.{(-fen) % 100:02d}"


def _yuan_column(fen: Any) -> list[str]:
    """Fen as yuan text for a whole column at once."""
    import numpy as np

    fen = np.asarray(fen, dtype=np.int64)
    whole = np.abs(fen) // 100
    cents = np.abs(fen) % 100
    sign = np.where(fen < 0, "-", "")
    return [f"{s}{w}.{c:02d}" for s, w, c in zip(sign.tolist(), whole.tolist(), cents.tolist())]


class Scorer:
    """Scores grouped cases into points and money.

    DIP: ``Scorer(policy="jining-370800", point_value=9.5).score(cases, grouper=g)``.
    CHS-DRG: ``Scorer(policy="national", point_value=100, drg_weights=weights).score(cases,
    grouper=g)`` with a weights table (drg, base_points, group_average in yuan, and optionally
    base_group, bed_day): the point method (or the rate method, as the policy says).

    ``point_value`` is one value, or a mapping insurance_type → value (职工 and 居民 pools have
    their own). Hospital coefficients come from ``hospital_coefficients`` (hospital_id →
    K_h), else ``level_coefficients`` (hospital level → K_h), else ``default_coefficient``.
    The cost standard is group score × K_h × point value (dip.md §9.7).

    >>> import dipdrg
    >>> s = Scorer(policy="dip-1.0", point_value=9.5, level_coefficients={3: 1.05})
    >>> out = s.score({"sex": ["1"], "age": ["40"], "dx_codes": ["K35.300x001"], "px_codes": ["47.0100"],
    ...                "total_cost": ["12000"], "hospital_level": ["3"]}, grouper=dipdrg.Grouper("dip-demo"))
    >>> out["status"][0], out["rule"][0]
    ('SCORED', 'normal')
    """

    def __init__(self, *, point_value: float | Mapping[str, float],
                 policy: str | os.PathLike[str] | dict[str, Any] | Policy | None = None,
                 hospital_coefficients: Mapping[str, float] | None = None,
                 level_coefficients: Mapping[int, float] | None = None, default_coefficient: float = 1.0,
                 drg_weights: Any = None, incomplete_discharge_types: tuple[str, ...] | None = None,
                 group_level_coefficients: bool = False,
                 readmission_exempt_adrgs: tuple[str, ...] | None = None,
                 rules: Mapping[str, Any] | str | None = None) -> None:
        if isinstance(policy, Policy):
            policy = dict(policy.data)
        self.policy = policy  # resolved per scheme when scoring (DIP scoring or CHS-DRG payment presets)
        # The case rules (catalogs/rules/national.json, a city's overrides laid over it): the
        # discharge types of an incomplete stay, the readmission rule, the 特例单议 criteria.
        self.rules = case_rules(rules)
        self.drg_weights = drg_weights
        self.incomplete_discharge_types = tuple(incomplete_discharge_types if incomplete_discharge_types is not None
                                                else self.rules["incomplete_stay"]["discharge_types"])
        # DIP 3.0 §5.2: a disease-specific level coefficient K_h,g = the group's average cost at
        # the case's hospital level ÷ its overall average, where the catalog has both.
        self.group_level_coefficients = group_level_coefficients
        # Malignant-tumour chemotherapy/radiotherapy groups are exempt from the readmission rule.
        self.readmission_exempt_adrgs = tuple(readmission_exempt_adrgs if readmission_exempt_adrgs is not None
                                              else self.rules["readmission"]["exempt_adrgs"])
        self.readmission_window_days = int(self.rules["readmission"]["window_days"])
        self.point_value = point_value
        self.hospital_coefficients = dict(hospital_coefficients or {})
        self.level_coefficients = {int(k): float(v) for k, v in (level_coefficients or {}).items()}
        self.default_coefficient = float(default_coefficient)
        if isinstance(point_value, Mapping):
            if any(float(v) <= 0 for v in point_value.values()):
                raise ValueError("point values must be positive")
        elif float(point_value) <= 0:
            raise ValueError("point value must be positive")

    def score(self, cases: Any, *, grouper: Any, columns: Mapping[str, str] | None = None) -> Any:
        """Groups ``cases`` with ``grouper`` (DIP or CHS-DRG) and scores every row; same row
        order. Rows that cannot be scored keep a status saying why (never dropped)."""
        import pandas as pd

        df = cases if isinstance(cases, pd.DataFrame) else pd.DataFrame(cases)
        if columns:
            df = df.rename(columns={v: k for k, v in columns.items()})
        if grouper.scheme != "dip":
            return self._score_drg(df, grouper)
        if "total_cost" not in df.columns:
            raise ValueError("scoring needs a total_cost column (yuan)")
        grouped = grouper.group(df)
        n = len(df)
        col = _text_columns(df)
        cost_fen, status, reason, coef, pv = self._common(df, grouped["status"], _DIP_NOT_SCORED)
        if self.group_level_coefficients:
            coef = self._group_level(grouper, grouped, col("hospital_level"), coef)
        return self._dip_rows(grouped, col, cost_fen, status, reason, coef, pv, n)

    @staticmethod
    def _group_level(grouper: Any, grouped: Any, levels: list[str], coef: Any) -> Any:
        import math

        groups = grouper.catalog.table("groups").set_index("code")
        out = coef.copy()
        for i, (code, level) in enumerate(zip(grouped["dip_group"], levels)):
            lv = level.split(".")[0]
            if code not in groups.index or lv not in ("1", "2", "3"):
                continue
            by_level, overall = groups.at[code, f"avg_cost_l{lv}"], groups.at[code, "avg_cost"]
            if by_level is not None and overall and not math.isnan(by_level) and not math.isnan(overall):
                out[i] = float(by_level) / float(overall)
        return out

    def _common(self, df: Any, group_status: Any, not_scored: Mapping[str, str]) -> tuple[Any, Any, Any, Any, Any]:
        """Costs, statuses, coefficients and point values per row (shared by DIP and DRG)."""
        import numpy as np

        n = len(df)
        col = _text_columns(df)
        cost_fen, cost_ok = _core.parse_yuan_list([c or None for c in col("total_cost")])
        hospital, level, insurance = col("hospital_id"), col("hospital_level"), col("insurance_type")
        import pandas as pd

        status = np.array(["SCORED"] * n, dtype=object)
        reason = np.array([""] * n, dtype=object)
        coef = np.full(n, self.default_coefficient)
        hospitals = pd.Series(hospital, dtype=object)
        # Later rules override earlier ones, as the status precedence documents.
        if self.hospital_coefficients:
            known = hospitals.map({str(k): float(v) for k, v in self.hospital_coefficients.items()})
            coef = known.fillna(self.default_coefficient).to_numpy(dtype=float)
            unknown = (known.isna() & (hospitals != "")).to_numpy()
            status[unknown] = "UNKNOWN_HOSPITAL"
            reason[unknown] = [f"no coefficient for hospital {h!r}" for h in hospitals[unknown]]
        elif self.level_coefficients:
            levels = pd.Series(level, dtype=object).str.split(".").str[0]
            by_level = levels.map({str(k): float(v) for k, v in self.level_coefficients.items()})
            coef = by_level.fillna(self.default_coefficient).to_numpy(dtype=float)
        if isinstance(self.point_value, Mapping):
            values = pd.Series(insurance, dtype=object).map({str(k): float(v) for k, v in self.point_value.items()})
            pv = values.fillna(0.0).to_numpy(dtype=float)
            missing = values.isna().to_numpy()
            status[missing] = "NO_POINT_VALUE"
            reason[missing] = [f"no point value for insurance type {v!r}" for v in np.asarray(insurance, dtype=object)[missing]]
        else:
            pv = np.full(n, float(self.point_value))
        bad = ~np.asarray(cost_ok, dtype=bool) | (np.asarray(cost_fen) < 0)
        costs = col("total_cost")
        status[bad] = "BAD_COST"
        reason[bad] = [f"total_cost {costs[i]!r} is not a non-negative amount" for i in np.flatnonzero(bad)]
        g_status = np.asarray(pd.Series(group_status).astype(object).tolist(), dtype=object)
        for code, why in not_scored.items():
            hit = g_status == code
            status[hit] = "NOT_SCORED"
            reason[hit] = why
        return cost_fen, status, reason, coef, pv

    def _dip_rows(self, grouped: Any, col: Any, cost_fen: Any, status: Any, reason: Any, coef: Any, pv: Any,
                  n: int) -> Any:
        import numpy as np
        import pandas as pd

        hospital, insurance = col("hospital_id"), col("insurance_type")
        score = pd.to_numeric(grouped["dip_score"], errors="coerce").fillna(0.0).to_numpy(dtype=float)
        factor = pd.to_numeric(grouped["factor"], errors="coerce").fillna(1.0).to_numpy(dtype=float)
        ok = status == "SCORED"
        pv_safe = np.where(ok, pv, 1.0)
        try:
            raw = _core.score_dip_batch(_policy_json(self.policy if self.policy is not None else "dip-1.0"), score, np.where(ok, coef, 1.0), factor,
                                        np.asarray(grouped["grassroots"], dtype=bool),
                                        np.asarray(grouped["status"] == "FALLBACK", dtype=bool),
                                        np.where(ok, cost_fen, 0), pv_safe, np.zeros(n, dtype=np.int64))
        except RuntimeError as exc:
            raise ValueError(str(exc)) from exc
        rules = np.asarray(list(_core.DIP_CASE_RULES), dtype=object)[raw["rule"].astype(np.int64)]
        amount_fen = np.where(ok, raw["amount_fen"], 0)
        out = pd.DataFrame({
            "case_id": grouped["case_id"], "hospital_id": hospital, "insurance_type": insurance,
            "status": status, "dip_group": grouped["dip_group"], "dip_kind": grouped["dip_kind"],
            "dip_score": grouped["dip_score"], "hospital_coefficient": np.where(ok, coef, np.nan),
            "point_value": np.where(ok, pv, np.nan), "rule": np.where(ok, rules, ""),
            "ratio": np.where(ok, raw["ratio"], np.nan), "points": np.where(ok, raw["points"], 0.0),
            "amount_fen": amount_fen, "amount": _yuan_column(amount_fen),
            "review": np.where(ok, raw["review"], False),
            "why": np.where(ok, raw["why"], reason)})
        return out

    def _score_drg(self, df: Any, grouper: Any) -> Any:
        import numpy as np
        import pandas as pd

        if self.drg_weights is None:
            raise ValueError("scoring CHS-DRG cases needs drg_weights (drg, base_points, group_average)")
        if "total_cost" not in df.columns:
            raise ValueError("scoring needs a total_cost column (yuan)")
        weights = self.drg_weights if isinstance(self.drg_weights, pd.DataFrame) else pd.DataFrame(self.drg_weights)
        for column in ("drg", "base_points"):
            if column not in weights.columns:
                raise ValueError(f"drg_weights needs a column {column!r}")
        policy_json = _policy_json(self.policy if self.policy is not None else "national", scheme="chs-drg")
        grouped = grouper.group(df)
        n = len(df)
        col = _text_columns(df)
        cost_fen, status, reason, coef, pv = self._common(df, grouped["status"], _DRG_NOT_SCORED)
        table = weights.assign(drg=weights["drg"].astype(str)).drop_duplicates("drg").set_index("drg")
        drg = pd.Series(grouped["drg"]).astype(object).fillna("").astype(str)
        known = drg.isin(table.index).to_numpy()
        scored_rows = status == "SCORED"
        missing = scored_rows & ~known
        status[missing] = "NOT_SCORED"
        reason[missing] = [f"no weight for DRG {code}" for code in drg[missing]]
        rows = table.reindex(drg.to_numpy())  # one weight row per case (NaN where unknown)
        take = scored_rows & known
        base = np.where(take, pd.to_numeric(rows["base_points"], errors="coerce").fillna(0.0).to_numpy(), 0.0)
        averages = rows["group_average"].astype(object).where(rows["group_average"].notna(), "").astype(str).tolist() \
            if "group_average" in rows.columns else [""] * n
        avg_fen, avg_ok = _core.parse_yuan_list([a or None for a in averages])
        average = np.where(take & np.asarray(avg_ok, dtype=bool), np.asarray(avg_fen, dtype=np.int64), 0)

        def flag(column: str) -> Any:
            if column not in rows.columns:
                return np.zeros(n, dtype=bool)
            return take & rows[column].astype(str).isin(["1", "True", "true", "是"]).to_numpy()

        base_group, bed_day = flag("base_group"), flag("bed_day")
        if '"rate"' not in policy_json:
            no_average = take & (average <= 0) & ~bed_day
            status[no_average] = "NOT_SCORED"
            reason[no_average] = [f"no group average cost for DRG {code}" for code in drg[no_average]]
        ok = status == "SCORED"
        level = np.array([int(x.split(".")[0]) if x.split(".")[0].isdigit() else 0 for x in col("hospital_level")],
                         dtype=np.int32)
        los = np.array([int(x.split(".")[0]) if x.split(".")[0].isdigit() else 0 for x in col("los_days")],
                       dtype=np.int32)
        incomplete = np.array([x in self.incomplete_discharge_types for x in col("discharge_type")], dtype=bool)
        readmitted = self._readmissions(df, grouped)
        if "incomplete_stay" in df.columns:
            incomplete |= np.array([x in ("1", "true", "True", "是") for x in col("incomplete_stay")], dtype=bool)
        # Penalty column: "" none, "no_points", or a multiple of B_g to deduct ("2" for 高套).
        penalty = np.full(n, -1.0)
        texts = pd.Series(col("penalty"), dtype=object)
        given = ~texts.isin(["", "0", "none"]).to_numpy()
        penalty[given & (texts == "no_points").to_numpy()] = 0.0
        numbers = pd.to_numeric(texts, errors="coerce").to_numpy()
        numeric = given & ~np.isnan(numbers) & (texts != "no_points").to_numpy()
        penalty[numeric] = numbers[numeric]
        bad_penalty = given & np.isnan(numbers) & (texts != "no_points").to_numpy()
        status[bad_penalty] = "BAD_PENALTY"
        reason[bad_penalty] = [f"penalty {t!r} is not none, no_points or a number" for t in texts[bad_penalty]]
        ok = status == "SCORED"
        try:
            raw = _core.score_drg_batch(policy_json, np.where(ok, base, 1.0), np.where(ok, coef, 1.0), base_group,
                                        bed_day, np.where(ok, cost_fen, 0), np.where(ok, average, 100),
                                        np.where(ok, pv, 1.0), level, los, incomplete & ok, np.where(ok, penalty, -1.0),
                                        readmitted & ok)
        except RuntimeError as exc:
            raise ValueError(str(exc)) from exc
        rules = np.asarray(list(_core.DRG_CASE_RULES), dtype=object)[raw["rule"].astype(np.int64)]
        amount_fen = np.where(ok, raw["amount_fen"], 0)
        return pd.DataFrame({
            "case_id": grouped["case_id"], "hospital_id": col("hospital_id"), "insurance_type": col("insurance_type"),
            "status": status, "drg": grouped["drg"], "drg_name": grouped["drg_name"],
            "base_points": np.where(ok, base, np.nan), "hospital_coefficient": np.where(ok & ~base_group, coef, np.where(ok, 1.0, np.nan)),
            "point_value": np.where(ok, pv, np.nan), "rule": np.where(ok, rules, ""),
            "ratio": np.where(ok, raw["ratio"], np.nan), "points": np.where(ok, raw["points"], 0.0),
            "amount_fen": amount_fen, "amount": _yuan_column(amount_fen),
            "review": np.zeros(n, dtype=bool), "why": np.where(ok, raw["why"], reason)})

    def _readmissions(self, df: Any, grouped: Any) -> Any:
        """Earlier stays of same-DRG readmissions within the rules' window (15 days nationally): a
        `readmitted_within_15_days` column, or found from patient_id, admission_date and discharge_date."""
        import numpy as np
        import pandas as pd

        n = len(df)
        flag = np.zeros(n, dtype=bool)
        if "readmitted_within_15_days" in df.columns:
            flag |= df["readmitted_within_15_days"].astype(str).isin(["1", "true", "True", "是"]).to_numpy()
        if {"patient_id", "admission_date", "discharge_date"} <= set(df.columns):
            stays = pd.DataFrame({"patient": df["patient_id"].astype(str).to_numpy(),
                                  "admit": pd.to_datetime(df["admission_date"], errors="coerce").to_numpy(),
                                  "leave": pd.to_datetime(df["discharge_date"], errors="coerce").to_numpy(),
                                  "drg": np.asarray(grouped["drg"]), "adrg": np.asarray(grouped["adrg"]),
                                  "row": np.arange(n)}).sort_values(["patient", "admit"], kind="stable")
            rows = stays.to_dict("records")
            for earlier, later in zip(rows, rows[1:]):
                if (earlier["patient"] == later["patient"] and earlier["drg"] == later["drg"]
                        and earlier["drg"] not in ("", "0000") and earlier["adrg"] not in self.readmission_exempt_adrgs
                        and not pd.isna(earlier["leave"]) and not pd.isna(later["admit"])
                        and (later["admit"] - earlier["leave"]) <= pd.Timedelta(days=self.readmission_window_days)):
                    flag[earlier["row"]] = True
        return flag

    def review_candidates(self, scored: Any, cases: Any, *, cap_rate: float | None = None,
                          cost_ratio: float | None = None, long_stay_days: int | None = None,
                          icu_days: int | None = None, pool_discharges: int | None = None) -> Any:
        """特例单议 candidates from scored cases (cost ratio, long stays, ICU days, deaths,
        new-technology flags), ranked pool-wide and capped at ``cap_rate`` × discharges. The
        criteria not given come from the case rules' ``special_review``."""
        import numpy as np
        import pandas as pd

        review = self.rules["special_review"]
        cap_rate = float(review["cap_rate"] if cap_rate is None else cap_rate)
        cost_ratio = float(review["cost_ratio"] if cost_ratio is None else cost_ratio)
        long_stay_days = int(review["long_stay_days"] if long_stay_days is None else long_stay_days)
        icu_days = int(review["icu_days"] if icu_days is None else icu_days)

        df = cases if isinstance(cases, pd.DataFrame) else pd.DataFrame(cases)

        def ints(name: str) -> Any:
            if name not in df.columns:
                return np.zeros(len(df), dtype=np.int32)
            return pd.to_numeric(df[name], errors="coerce").fillna(0).astype(np.int32).to_numpy()

        died = (df["discharge_type"].astype(str) == "5").to_numpy() if "discharge_type" in df.columns else np.zeros(len(df), bool)
        new_tech = (df["new_technology"].astype(str).isin(["1", "true", "True", "是"]).to_numpy()
                    if "new_technology" in df.columns else np.zeros(len(df), bool))
        died = died & bool(review["deaths"])
        new_tech = new_tech & bool(review["new_technology"])
        ratio = pd.to_numeric(scored["ratio"], errors="coerce").fillna(0).to_numpy(dtype=float)
        eligible = (scored["status"] == "SCORED").to_numpy()
        rows, reasons = _core.select_review_candidates(np.where(eligible, ratio, 0.0), ints("los_days"),
                                                       np.where(eligible, ints("icu_days"), 0),
                                                       died & eligible, new_tech & eligible,
                                                       int(pool_discharges if pool_discharges is not None else len(df)),
                                                       cap_rate, cost_ratio, long_stay_days, icu_days)
        picked = scored.iloc[list(rows)][["case_id", "hospital_id", "dip_group", "rule", "ratio", "amount"]].copy()
        picked.insert(0, "rank", range(1, len(picked) + 1))
        picked["reasons"] = list(reasons)
        picked["decision"] = ""
        picked["approved_amount"] = ""
        return picked.reset_index(drop=True)


def apply_review(scored: Any, decisions: Any) -> Any:
    """Applies reviewers' decisions (case_id, decision approved/rejected, and for approved
    cases either approved_amount in yuan, paid per item, or adjusted_points, an adjusted
    standard): approved cases take that (rule "special"), rejected ones keep their normal
    payment."""
    import pandas as pd

    out = scored.copy()
    dec = decisions if isinstance(decisions, pd.DataFrame) else pd.DataFrame(decisions)
    index = {cid: i for i, cid in enumerate(out["case_id"])}
    for _, row in dec.iterrows():
        i = index.get(str(row["case_id"]))
        if i is None:
            raise ValueError(f"decision for unknown case {row['case_id']!r}")
        decision = str(row["decision"]).strip().lower()
        adjusted = str(row.get("adjusted_points", "") or "").strip()
        if decision in ("approved", "approve", "通过") and adjusted and adjusted.lower() != "nan":
            points = float(adjusted)  # approved at an adjusted standard
            fen_value = product_fen(adjusted, out.loc[i, "point_value"])  # exact: no float product
            out.loc[i, "points"] = points
            out.loc[i, "amount_fen"] = fen_value
            out.loc[i, "amount"] = _yuan(fen_value)
            out.loc[i, "rule"] = "special"
            out.loc[i, "why"] = "特例单议 approved at an adjusted standard"
        elif decision in ("approved", "approve", "通过"):
            fen, ok = _core.parse_yuan_list([str(row.get("approved_amount", ""))])
            if not ok[0] or fen[0] < 0:
                raise ValueError(f"case {row['case_id']}: approved_amount {row.get('approved_amount')!r} is not an amount")
            out.loc[i, "amount_fen"] = int(fen[0])
            out.loc[i, "amount"] = f"{int(fen[0]) // 100}.{int(fen[0]) % 100:02d}"
            out.loc[i, "points"] = int(fen[0]) / 100.0 / float(out.loc[i, "point_value"])
            out.loc[i, "rule"] = "special"
            out.loc[i, "why"] = "特例单议 approved: paid per item"
        elif decision not in ("rejected", "reject", "不通过", ""):
            raise ValueError(f"case {row['case_id']}: decision must be approved or rejected, not {row['decision']!r}")
    return out


def settle_scored(scored: Any, *, budgets: Mapping[str, float | str], fund_payment_ratio: float = 1.0,
                  basis: str = "fund_over_ratio", hospitals: Any = None, **options: Any) -> Any:
    """Settles each insurance pool (职工/居民 …) separately: the scored cases' points per
    hospital, the pool's point value from its budget, each hospital's entitlement to the fen.
    ``hospitals`` may add per-hospital columns (hospital, optionally insurance_type, and any
    of assessment, deductions, advances, item_fund, base_points); ``options`` go to
    :func:`settle` (fixed_point_value, surplus_bands, overspend_bands)."""
    import pandas as pd

    import numpy as np

    extra = None if hospitals is None else (hospitals if isinstance(hospitals, pd.DataFrame) else pd.DataFrame(hospitals))
    parts = []
    ok = scored[scored["status"] == "SCORED"]
    points = pd.to_numeric(ok["points"], errors="coerce").to_numpy(dtype=float)
    bad = ~np.isfinite(points) | (points < 0)
    if bad.any():
        ids = ok["case_id"].astype(str).to_numpy()[bad][:5] if "case_id" in ok.columns else np.flatnonzero(bad)[:5]
        raise ValueError(f"{int(bad.sum())} scored case(s) have points that are not a finite, non-negative number "
                         f"(e.g. {', '.join(map(str, ids))}); a pool cannot be settled on them")
    pools_with_cases = set(ok["insurance_type"].astype(str))
    for pool in budgets:
        if str(pool) not in pools_with_cases:
            raise ValueError(f"no scored cases for insurance pool {pool!r}")
    unbudgeted = sorted(pools_with_cases - {str(p) for p in budgets})
    if unbudgeted:  # never settle some pools and silently drop the others
        raise ValueError(f"no budget for pool(s) {', '.join(unbudgeted)} that have scored cases; "
                         f"give one for every pool (--budget {unbudgeted[0]}=YUAN)")
    for pool, budget in budgets.items():
        rows = ok[ok["insurance_type"].astype(str) == str(pool)]
        if rows.empty:
            raise ValueError(f"no scored cases for insurance pool {pool!r}")
        per = rows.groupby("hospital_id", sort=True)["points"].sum().reset_index()
        per = per.rename(columns={"hospital_id": "hospital"})
        if extra is not None:
            more = extra
            if "insurance_type" in more.columns:
                more = more[more["insurance_type"].astype(str) == str(pool)].drop(columns=["insurance_type"])
            per = per.merge(more.astype({"hospital": str}), on="hospital", how="left")
        out = settle(per, budget=budget, basis=basis, fund_payment_ratio=fund_payment_ratio, **options)
        out.insert(0, "insurance_type", pool)
        out["point_value"] = out.attrs["point_value"]
        kind_column = "dip_kind" if "dip_kind" in rows.columns else None
        if kind_column:  # the hospital's points by group kind (core, comprehensive, TCM ...)
            by_kind = rows.pivot_table(index="hospital_id", columns=kind_column, values="points", aggfunc="sum",
                                       fill_value=0.0)
            by_kind.columns = [f"points_{k}" for k in by_kind.columns]
            out = out.merge(by_kind, left_on="hospital", right_index=True, how="left")
        parts.append(out)
    return pd.concat(parts, ignore_index=True)
