"""The CHS-DRG grouper: immutable, thread-safe, picklable by catalog identity."""
from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from typing import Any, Mapping

from . import _core
from .catalog import Catalog, resolve_policy
from .dip import DIP_TYPES, DipGroupResult, dip_output
from .policy import Policy
from .tables import ArrowStream, extract_columns, is_pandas
from .trace import Trace, TraceEvent

_CHUNK_ROWS = 65_536


def _arrow_capsule(table: Any) -> Any:
    """The ``__arrow_c_stream__`` capsule of an Arrow-capable object, or None (a mapping, or a
    pandas frame whose mixed columns cannot export: the slower text path takes those)."""
    if not hasattr(table, "__arrow_c_stream__") and not hasattr(table, "__arrow_c_array__"):
        return None
    try:
        if hasattr(table, "__arrow_c_stream__"):
            return table.__arrow_c_stream__()
        import pyarrow as pa

        return pa.table(table).__arrow_c_stream__()
    except Exception:  # noqa: BLE001 - producers raise their own types
        if is_pandas(table):
            return None
        raise


@dataclass(frozen=True)
class GroupResult:
    case_id: str
    status: str
    status_zh: str
    mdc: str
    adrg: str
    drg: str
    drg_name: str
    cc_code: str
    cc_level: str
    message: str
    warnings: tuple[str, ...]
    trace: Trace = field(repr=False)


class Grouper:
    """Groups cases under a CHS-DRG or a DIP catalog (the catalog says which).

    CHS-DRG options are keyword-only and default to the catalog's (which reproduce the
    reference grouper): ``ambiguous_group`` (QY), ``pv1_min_age_days``,
    ``principal_procedure`` ("first" or "first_or"), ``translate_codes``. DIP takes
    ``policy`` (a preset name such as "national" or "jining", a JSON file, or a dict),
    ``translate_codes`` (through the catalog's maps) and ``translation`` (a directory with
    dx_map.csv/px_map.csv, e.g. the CHS-DRG reference tables, for 国临版 → 医保版).

    >>> g = Grouper("demo")
    >>> r = g.group_one(sex=2, age=0, age_days=3, weight_g=1200, dx_codes="P07.200")
    >>> r.mdc, r.adrg
    ('MDCP', 'PS1')
    """

    def __init__(self, catalog: Catalog | str | os.PathLike[str] = "demo", *, ambiguous_group: bool | None = None,
                 pv1_min_age_days: int | None = None, principal_procedure: str | None = None,
                 translate_codes: bool | None = None,
                 policy: str | os.PathLike[str] | dict[str, Any] | Policy | None = None,
                 translation: str | os.PathLike[str] | None = None) -> None:
        self._catalog = catalog if isinstance(catalog, Catalog) else Catalog(catalog)
        overrides: dict[str, Any] = {k: v for k, v in {
            "ambiguous_group": ambiguous_group, "pv1_min_age_days": pv1_min_age_days,
            "principal_procedure": principal_procedure, "translate_codes": translate_codes,
        }.items() if v is not None}
        self._scheme = self._catalog.scheme
        if isinstance(policy, Policy):
            policy = dict(policy.data)
        if self._scheme == "dip":
            drg_only = sorted(set(overrides) - {"translate_codes"})
            if drg_only:
                raise ValueError(f"options {drg_only} are CHS-DRG options; a DIP catalog takes policy= and translate_codes=")
            if policy is not None:
                overrides["policy"] = policy if isinstance(policy, dict) else os.fspath(policy)
            if translation is not None:
                overrides["translation"] = os.fspath(translation)
            self._overrides = overrides
            try:
                self._core: Any = _core.DipGrouper(self._catalog._core,
                                                   resolve_policy(policy) if policy is not None else "",
                                                   bool(translate_codes) or translation is not None,
                                                   os.fspath(translation) if translation is not None else "")
            except RuntimeError as exc:
                raise ValueError(str(exc)) from exc
        else:
            if policy is not None or translation is not None:
                raise ValueError("policy= and translation= are DIP options; this is a CHS-DRG catalog")
            self._overrides = overrides
            self._core = _core.DrgGrouper(self._catalog._core, overrides)

    @property
    def catalog(self) -> Catalog:
        return self._catalog

    @property
    def version(self) -> str:
        return self._catalog.version

    @property
    def scheme(self) -> str:
        """"chs-drg" or "dip"."""
        return self._scheme

    @property
    def options(self) -> dict[str, Any]:
        """The grouping options in force (for DIP: the tie-break policy)."""
        return dict(self._core.policy if self._scheme == "dip" else self._core.options)

    def __setattr__(self, name: str, value: Any) -> None:
        if hasattr(self, "_core"):
            raise AttributeError("Grouper is immutable")
        object.__setattr__(self, name, value)

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild_grouper, (self._catalog, self._overrides))

    def group(self, table: Any, *, columns: Mapping[str, str] | None = None, explain: bool = False,
              language: str = "zh", threads: int | None = None, progress: bool | None = None) -> Any:
        """Groups every row; returns a table in the same row order.

        A pandas DataFrame in gives a DataFrame out; anything else (pyarrow, polars, a dict of
        columns) gives a pyarrow Table. ``columns`` maps grouper fields to input columns
        (``{"dx_codes": "diagnoses"}``). Data problems become row statuses, never exceptions.
        """
        if language not in ("zh", "en"):
            raise ValueError("language must be 'zh' or 'en'")
        if threads is not None and threads < 1:
            raise ValueError("threads must be a positive integer")
        if progress and hasattr(table, "__arrow_c_stream__") and not is_pandas(table):
            return self._group_with_progress(table, columns=columns, explain=explain, language=language,
                                             threads=threads)
        capsule = _arrow_capsule(table)  # Arrow producers are read in place, without the GIL
        if capsule is not None:
            import pyarrow as pa

            # Results come back as an Arrow stream too: no copies either way.
            out = pa.table(ArrowStream(self._core.group_arrow_table(capsule, dict(columns or {}), threads or 0,
                                                                    explain, language)))
            return out.to_pandas() if is_pandas(table) else out
        # The documented slower path: columns converted to text in Python.
        cols, n = extract_columns(table, columns)
        parts = self._group_columns(cols, n, explain=explain, language=language, threads=threads or 0,
                                    progress=progress)
        if self._scheme == "dip":
            data = dip_output(self._core, parts, explain)
            return self._as_table(data, pandas=is_pandas(table), types=DIP_TYPES)
        return self._to_output(parts, explain, pandas=is_pandas(table))

    def _group_with_progress(self, table: Any, *, columns: Mapping[str, str] | None, explain: bool, language: str,
                             threads: int | None) -> Any:
        """An Arrow input in zero-copy slices, with a tqdm bar advancing slice by slice."""
        import pyarrow as pa
        from tqdm import tqdm

        whole = pa.table(table)
        parts = []
        with tqdm(total=whole.num_rows, unit="case", desc="grouping") as bar:
            for start in range(0, whole.num_rows, _CHUNK_ROWS):
                piece = whole.slice(start, _CHUNK_ROWS)
                parts.append(self.group(piece, columns=columns, explain=explain, language=language, threads=threads))
                bar.update(piece.num_rows)
        return pa.concat_tables(parts) if parts else self.group(whole, columns=columns, explain=explain,
                                                                 language=language, threads=threads)

    def _group_columns(self, cols: dict[str, list[str | None]], n: int, *, explain: bool, language: str,
                       threads: int, progress: bool | None) -> list[dict[str, Any]]:
        show = progress if progress is not None else (n > 200_000 and sys.stderr.isatty())
        bar = None
        if show:
            try:
                from tqdm import tqdm

                bar = tqdm(total=n, unit="case", desc="grouping")
            except ImportError:  # pragma: no cover
                bar = None
        parts = []
        for start in range(0, max(n, 1), _CHUNK_ROWS):
            stop = min(n, start + _CHUNK_ROWS)
            chunk = {k: v[start:stop] for k, v in cols.items()}
            parts.append(self._core.group_columns(chunk, stop - start, threads, explain, language))
            if bar is not None:
                bar.update(stop - start)
        if bar is not None:
            bar.close()
        return parts

    def _to_output(self, parts: list[dict[str, Any]], explain: bool, *, pandas: bool) -> Any:
        import numpy as np

        def cat(key: str) -> np.ndarray:
            return np.concatenate([p[key] for p in parts]) if parts else np.zeros(0, dtype=np.int32)

        def lst(key: str) -> list[Any]:
            return [x for p in parts for x in p[key]]

        status_codes = np.array(_core.STATUS_CODES, dtype=object)
        status_zh = np.array(_core.STATUS_TEXT_ZH, dtype=object)
        s = cat("status").astype(np.int64)
        drg_idx = cat("drg")
        data: dict[str, Any] = {
            "case_id": lst("case_id"),
            "status": status_codes[s],
            "status_zh": status_zh[s],
            "mdc": np.array(self._core.mdc_categories, dtype=object)[cat("mdc")],
            "adrg": np.array(self._core.adrg_categories, dtype=object)[cat("adrg")],
            "drg": np.array(self._core.drg_categories, dtype=object)[drg_idx],
            "drg_name": np.array(self._core.drg_names, dtype=object)[drg_idx],
            "cc_code": lst("cc_code"),
            "cc_level": lst("cc_level"),
            "message": lst("message"),
            "warnings": lst("warnings"),
        }
        if explain:
            data["trace"] = [" | ".join(lines) for lines in lst("trace")]
        return self._as_table(data, pandas=pandas)

    @staticmethod
    def _as_table(data: dict[str, Any], *, pandas: bool, types: Mapping[str, str] | None = None) -> Any:
        import numpy as np

        columns = {k: list(v) if isinstance(v, np.ndarray) else v for k, v in data.items()}
        if pandas:
            import pandas as pd

            return pd.DataFrame(columns)
        import pyarrow as pa

        # Fixed column types, so the schema does not depend on the data (all-null columns).
        kinds = {"float64": pa.float64(), "bool": pa.bool_(), "string": pa.string()}
        return pa.table({k: pa.array(v, type=kinds[(types or {}).get(k, "string")]) for k, v in columns.items()})

    def group_one(self, **fields: Any) -> Any:
        """Groups one case given as keyword fields (sex, age, age_days, weight_g, dx_codes,
        px_codes, ...); code lists as '|'-joined strings or sequences. Returns a GroupResult
        (CHS-DRG) or a DipGroupResult (DIP)."""
        from .tables import _cell_text

        raw = self._core.group_one({k: _cell_text(v) for k, v in fields.items()})
        events = tuple(TraceEvent(step=e["step"], rule=e["rule"], table=e["table"], subject=e["subject"],
                                  detail=e["detail"], codes=tuple(e["codes"]), outcome=e["outcome"],
                                  reference=e["reference"], text_zh=e["text_zh"], text_en=e["text_en"])
                       for e in raw["trace"])
        if self._scheme == "dip":
            keys = ("case_id", "status", "status_zh", "dip_group", "dip_name", "dip_kind", "dip_score", "principal_px",
                    "px_attribute", "grassroots", "subtype", "factor", "message", "rule_source")
            return DipGroupResult(**{k: raw[k] for k in keys}, warnings=tuple(raw["warnings"]), trace=Trace(events))
        return GroupResult(case_id=raw["case_id"], status=raw["status"], status_zh=raw["status_zh"],
                           mdc=raw["mdc"], adrg=raw["adrg"], drg=raw["drg"], drg_name=raw["drg_name"],
                           cc_code=raw["cc_code"], cc_level=raw["cc_level"], message=raw["message"],
                           warnings=tuple(raw["warnings"]), trace=Trace(events))

    def explain(self, **fields: Any) -> Trace:
        """The explanation trace of one case (same fields as group_one)."""
        trace: Trace = self.group_one(**fields).trace
        return trace

    def recommend(self, **fields: Any) -> list[dict[str, Any]]:
        """DIP 分组推荐: every group the principal diagnosis can reach, with its score, what it
        requires, and whether the given procedures satisfy it.

        >>> g = Grouper("dip-demo")
        >>> any(c["satisfied"] for c in g.recommend(dx_codes="K35.300x001", px_codes="47.0100"))
        True
        """
        if self._scheme != "dip":
            raise TypeError("recommend() is for DIP catalogs")
        from .tables import _cell_text

        return list(self._core.recommend({k: _cell_text(v) for k, v in fields.items()}))

    def __repr__(self) -> str:
        return f"Grouper({self._catalog!r}, options={self.options})"


def _rebuild_grouper(catalog: Catalog, overrides: dict[str, Any]) -> Grouper:
    return Grouper(catalog, **overrides)
