"""The year on Spark: the batch function (jobs/batch.py) as a `mapInArrow` stage on the
executors, the year's sums (jobs/sums.py) reduced with Spark's groupBy, the best 特例单议
candidates by Spark's ordering, and the settlement on the driver (jobs/finish.py) — the same
tables, to the fen, as the job in one process. Needs the `spark` extra (pyspark)."""
from __future__ import annotations

import time
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from .._extras import require
from ..distributed import spark_ddl
from ..policy import case_rules
from .batch import (CASE_COLUMNS, DIRTY_COLUMNS, as_text_frame, check_year_columns, review_cap, wide_arrow,
                    wide_schema, year_batch, year_context)
from .sums import CANDIDATE_COLUMNS, INFO_COLUMNS, SUMS, YearSums

_CONTEXTS: dict[tuple[str, str, int], Any] = {}  # per worker process: the context, built once


def _read(session: Any, cases: Path, encoding: str, delimiter: str) -> Any:
    suffix = cases.suffix.lower()
    if suffix in (".parquet", ".pq"):
        return session.read.parquet(str(cases))
    if suffix in (".xlsx", ".xls"):
        import pandas as pd

        return session.createDataFrame(pd.read_excel(cases, dtype=str).fillna(""))
    # Every column as text; quoted line breaks kept inside their cell.
    from .._textfile import check_text_table

    check_text_table(cases, encoding, delimiter)
    return (session.read.option("header", True).option("multiLine", True).option("escape", '"')
            .option("encoding", encoding.replace("-sig", "")).option("sep", delimiter).csv(str(cases)))


def spark_year(cases: Path, policy: Mapping[str, Any], policy_path: Path, out: Path, *,
               decisions: str | Path | None, spark: Any = None, encoding: str = "utf-8-sig",
               delimiter: str = ",") -> tuple[YearSums, dict[str, float], bool]:
    require("pyspark", "the Spark engine (--engine spark)")
    from pyspark import StorageLevel
    from pyspark.sql import SparkSession
    from pyspark.sql import functions as F

    start = time.perf_counter()
    session = spark or SparkSession.getActiveSession()
    own_session = session is None  # started here, stopped here
    if own_session:
        session = SparkSession.builder.master("local[*]").appName("dipdrg-year").getOrCreate()
    frame = _read(session, cases, encoding, delimiter)
    check_year_columns(frame.columns, str(cases))
    rows = frame.count()
    if rows == 0:
        raise ValueError(f"{cases} holds no cases")
    # The year's order, carried through the stage so that ties break as in one process.
    frame = frame.withColumn("_year_row", F.monotonically_increasing_id())
    policy_dict, path_text = dict(policy), str(policy_path)
    decisions_text = str(decisions) if decisions else ""
    schema = wide_schema()
    ddl = spark_ddl(schema)

    def stage(batches: Iterator[Any]) -> Iterator[Any]:
        key = (path_text, decisions_text, rows)
        if key not in _CONTEXTS:
            _CONTEXTS[key] = year_context(policy_dict, Path(path_text), rows=rows, decisions=decisions_text or None)
        ctx = _CONTEXTS[key]
        for batch in batches:
            if batch.num_rows == 0:
                continue
            order = batch.column("_year_row").to_numpy()
            text = as_text_frame(batch.drop_columns(["_year_row"]))
            wide = year_batch(text, ctx)
            wide["row"] = order
            yield from wide_arrow(wide).to_batches()

    wide = frame.mapInArrow(stage, ddl).persist(StorageLevel.MEMORY_AND_DISK)
    wide.select(*CASE_COLUMNS).write.mode("overwrite").parquet(str(out / "cases.parquet"))

    # Sums, reduced by Spark: integers only, so the totals cannot depend on the order.
    sums = YearSums(rows=rows)
    for name, (keys, columns, only) in SUMS.items():
        part = wide.filter(F.col(only).cast("boolean")) if only else wide
        sums.tables[name] = part.groupBy(*keys).agg(*[F.sum(c).alias(c) for c in columns]).toArrow().to_pandas()
    sums.candidates = (wide.filter(F.col("candidate")).select(*CANDIDATE_COLUMNS)
                       .orderBy(F.col("ratio").desc(), F.col("reason_count").desc(), F.col("row").asc())
                       .limit(review_cap(case_rules(policy.get("rules")), rows)).toArrow().to_pandas())
    named = wide.filter((F.col("hospital") != "") | (F.col("hospital_level") != ""))
    firsts = [F.min_by(c, "row").alias(c) for c in INFO_COLUMNS if c not in ("row", "hospital_id")]
    sums.info = named.groupBy("hospital_id").agg(F.min("row").alias("row"), *firsts).toArrow().to_pandas()[INFO_COLUMNS]
    dirty = (wide.filter(F.col("dirty") > 0).orderBy("row")
             .select(*[F.col(c).alias(n) for c, n in zip(["case_id", "hospital_id", "dq_status", "dq_reason"],
                                                          DIRTY_COLUMNS[:4])], *DIRTY_COLUMNS[4:]).toArrow().to_pandas())
    dirty.to_csv(out / "data-quality.csv", index=False, encoding="utf-8")
    wide.unpersist()
    if own_session:
        session.stop()
    return sums, {"spark": time.perf_counter() - start}, bool(policy.get("drg"))
