"""Scale out: group Arrow record batches in worker processes (PySpark ``mapInArrow``, Dask
``map_partitions``). Each worker loads its catalog once (a per-process cache keyed by the
catalog and the options) and groups batch by batch; the output schema is known up front.

PySpark::

    from dipdrg.distributed import group_batches, spark_schema
    out = spark_df.mapInArrow(lambda batches: group_batches(batches, catalog="demo"),
                              schema=spark_schema("demo"))

Dask::

    ddf.map_partitions(lambda part: dipdrg.Grouper("demo").group(part))
"""
from __future__ import annotations

import os
from typing import Any, Iterable, Iterator, Mapping

from .grouper import Grouper

_GROUPERS: dict[tuple[str, tuple[tuple[str, str], ...]], Grouper] = {}


def _grouper(catalog: str | os.PathLike[str], options: Mapping[str, Any]) -> Grouper:
    key = (os.fspath(catalog), tuple(sorted((k, repr(v)) for k, v in options.items())))
    if key not in _GROUPERS:
        _GROUPERS[key] = Grouper(os.fspath(catalog), **options)
    return _GROUPERS[key]


def group_batches(batches: Iterable[Any], *, catalog: str | os.PathLike[str] = "demo",
                  columns: Mapping[str, str] | None = None, explain: bool = False, **options: Any) -> Iterator[Any]:
    """Groups each Arrow record batch (or anything with ``__arrow_c_stream__``) and yields
    pyarrow record batches of results, row for row and in order."""
    grouper = _grouper(catalog, options)
    for batch in batches:
        out = grouper.group(batch, columns=columns, explain=explain, threads=1)
        yield from out.to_batches()


def output_schema(catalog: str | os.PathLike[str] = "demo", *, explain: bool = False, **options: Any) -> Any:
    """The pyarrow schema of :func:`group_batches`' output for this catalog and options."""
    import pyarrow as pa

    probe = pa.table({"sex": ["1"], "age": ["1"], "dx_codes": ["X"]})
    return _grouper(catalog, options).group(probe, explain=explain, threads=1).schema


def spark_ddl(schema: Any) -> str:
    """An Arrow schema as a Spark DDL string (booleans, doubles, bigints, the rest as strings)."""
    import pyarrow as pa

    def ddl(t: Any) -> str:
        if pa.types.is_boolean(t):
            return "boolean"
        if pa.types.is_floating(t):
            return "double"
        if pa.types.is_integer(t):
            return "bigint"
        return "string"

    return ", ".join(f"`{f.name}` {ddl(f.type)}" for f in schema)


def spark_schema(catalog: str | os.PathLike[str] = "demo", *, explain: bool = False, **options: Any) -> str:
    """The output schema as a Spark DDL string, for ``mapInArrow(..., schema=...)``."""
    return spark_ddl(output_schema(catalog, explain=explain, **options))
