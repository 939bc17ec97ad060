"""Input tables → text columns for the core, and result columns → pandas/Arrow tables.

The core parses every value from text with one parser (so a CSV cell, a pandas int and an
Arrow string mean the same). Zero-copy Arrow reading is the job of a later reader; this
path converts column by column.
"""
from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from . import _core

REQUIRED_FIELDS = ("sex", "age", "dx_codes")


def _cell_text(v: Any) -> str | None:
    if v is None:
        return None
    if isinstance(v, str):
        return v
    if isinstance(v, float):
        if math.isnan(v):
            return None
        return str(int(v)) if v.is_integer() else repr(v)
    if isinstance(v, (list, tuple)):
        return "|".join("" if x is None else str(x) for x in v)
    if hasattr(v, "tolist") and not isinstance(v, (int, bool)):  # numpy arrays from list columns
        return _cell_text(v.tolist())
    if isinstance(v, bool):
        return "1" if v else "0"
    try:
        import pandas as pd

        if v is pd.NA or v is pd.NaT:
            return None
    except ImportError:  # pragma: no cover
        pass
    return str(v)


def to_text_column(values: Iterable[Any]) -> list[str | None]:
    return [_cell_text(v) for v in values]


def resolve_columns(names: Sequence[str], mapping: Mapping[str, str] | None) -> dict[str, str]:
    """Maps each grouper field to the input column that feeds it.

    `mapping` is {field: input_column}; other input columns are used when their name is a
    field name or a known alias (gender → sex, dept → admission_dept, ...).
    """
    chosen: dict[str, str] = {}
    for field, column in (mapping or {}).items():
        canonical = _core.field_for_column(field)
        if canonical is None:
            raise ValueError(f"unknown field {field!r} in column mapping; fields are {list(_core.INPUT_FIELDS)}")
        if column not in names:
            raise ValueError(f"column mapping {field!r} → {column!r}: the input has no column {column!r}")
        chosen[canonical] = column
    mapped_columns = set(chosen.values())
    for name in names:
        canonical = _core.field_for_column(name)
        if canonical is not None and canonical not in chosen and name not in mapped_columns:
            chosen[canonical] = name
    missing = [f for f in REQUIRED_FIELDS if f not in chosen]
    if missing:
        raise ValueError(
            f"input lacks required column(s) {missing}; map them with columns={{'sex': 'your_column', ...}}"
        )
    return chosen


def is_pandas(obj: Any) -> bool:
    try:
        import pandas as pd
    except ImportError:  # pragma: no cover
        return False
    return isinstance(obj, pd.DataFrame)


def extract_columns(table: Any, mapping: Mapping[str, str] | None) -> tuple[dict[str, list[str | None]], int]:
    """Text columns for the core from a pandas DataFrame, an Arrow-compatible table, or a
    mapping of column name → sequence."""
    if is_pandas(table):
        names = [str(c) for c in table.columns]
        chosen = resolve_columns(names, mapping)
        cols = {f: to_text_column(table[c].tolist()) for f, c in chosen.items()}
        return cols, len(table)
    if hasattr(table, "__arrow_c_stream__") or hasattr(table, "__arrow_c_array__"):
        import pyarrow as pa

        at = pa.table(table)
        chosen = resolve_columns(at.column_names, mapping)
        cols = {f: to_text_column(at.column(c).to_pylist()) for f, c in chosen.items()}
        return cols, at.num_rows
    if isinstance(table, Mapping):
        names = [str(k) for k in table]
        chosen = resolve_columns(names, mapping)
        cols = {f: to_text_column(table[c]) for f, c in chosen.items()}
        lengths = {len(v) for v in cols.values()}
        if len(lengths) > 1:
            raise ValueError(f"columns have different lengths: {sorted(lengths)}")
        return cols, lengths.pop() if lengths else 0
    raise TypeError(
        "group() takes a pandas DataFrame, an object with __arrow_c_stream__/__arrow_c_array__ "
        f"(pyarrow, polars, duckdb), or a mapping of columns; got {type(table).__name__}"
    )


class ArrowStream:
    """A result table as an Arrow PyCapsule stream (``__arrow_c_stream__``): pyarrow, polars
    and pandas take its buffers without copying. It can be consumed once."""

    def __init__(self, capsule: Any) -> None:
        self._capsule = capsule

    def __arrow_c_stream__(self, requested_schema: Any = None) -> Any:
        if self._capsule is None:
            raise RuntimeError("this result stream was already consumed")
        capsule, self._capsule = self._capsule, None
        return capsule

    def to_arrow(self) -> Any:
        import pyarrow as pa

        return pa.table(self)

    def to_pandas(self) -> Any:
        return self.to_arrow().to_pandas()
