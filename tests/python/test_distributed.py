"""Scale-out recipes: group_batches in-process, and the PySpark mapInArrow recipe in local mode
compared with the in-process result."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest

import dipdrg
from dipdrg.distributed import group_batches, output_schema, spark_schema

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def cases() -> pd.DataFrame:
    return pd.read_csv(ROOT / "examples" / "data" / "demo-cases.csv", dtype=str, keep_default_na=False)


def test_group_batches_matches_in_process(cases: pd.DataFrame) -> None:
    table = pa.Table.from_pandas(cases, preserve_index=False)
    batches = table.to_batches(max_chunksize=64)
    assert len(batches) > 1
    out = pa.Table.from_batches(list(group_batches(batches, catalog="demo")))
    assert out.column("drg").to_pylist() == list(dipdrg.Grouper("demo").group(cases)["drg"])
    assert out.schema == output_schema("demo")
    dip = pa.Table.from_batches(list(group_batches(batches, catalog="dip-demo")))
    assert dip.schema.equals(output_schema("dip-demo"), check_metadata=False)
    assert "`dip_score` double" in spark_schema("dip-demo")


@pytest.mark.filterwarnings("ignore:PySpark does not yet fully support pandas:FutureWarning")
def test_pyspark_map_in_arrow_local(cases: pd.DataFrame) -> None:
    pyspark = pytest.importorskip("pyspark", reason="pyspark is installed by scripts/setup.sh")
    from pyspark.sql import SparkSession

    spark = (SparkSession.builder.master("local[1]").appName("dipdrg-test")
             .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "1").getOrCreate())
    # Plain rows in and out: PySpark's pandas conversions do not support pandas 3 yet.
    columns = list(cases.columns)
    rows = [tuple(r) for r in cases.itertuples(index=False)]
    try:
        sdf = spark.createDataFrame(rows, schema=", ".join(f"`{c}` string" for c in columns)).repartition(2)
        out = sdf.mapInArrow(lambda it: group_batches(it, catalog="demo"), schema=spark_schema("demo")).collect()
    finally:
        spark.stop()
    spark_drg = {r["case_id"]: r["drg"] for r in out}
    expected = dipdrg.Grouper("demo").group(cases)
    assert len(spark_drg) == len(cases)
    assert all(spark_drg[c] == d for c, d in zip(expected["case_id"], expected["drg"]))
    assert pyspark.__version__


@pytest.mark.filterwarnings("ignore::DeprecationWarning", "ignore::FutureWarning", "ignore::UserWarning")
def test_dask_map_partitions(cases: pd.DataFrame) -> None:
    dd = pytest.importorskip("dask.dataframe", reason="dask is installed by scripts/setup.sh")
    ddf = dd.from_pandas(cases, npartitions=3)
    meta = dipdrg.Grouper("demo").group(cases.head(1)).iloc[:0]
    out = ddf.map_partitions(lambda part: dipdrg.Grouper("demo").group(part), meta=meta).compute(scheduler="threads")
    expected = dipdrg.Grouper("demo").group(cases)
    assert list(out["case_id"]) == list(expected["case_id"]) and list(out["drg"]) == list(expected["drg"])
