"""The year job on Spark (local mode) against the job in one process: the same settlement to the
fen, the same per-hospital sums, candidates, data-quality rows and per-case results."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

from dipdrg.demo import write_year
from dipdrg.jobs import settle_year

pyspark = pytest.importorskip("pyspark")
# PySpark warns that it does not support pandas 3 fully; the engine crosses through Arrow only.
pytestmark = pytest.mark.filterwarnings("ignore:PySpark does not yet fully support pandas:FutureWarning")
N = 8_000


@pytest.fixture(scope="module")
def spark():  # type: ignore[no-untyped-def]
    from pyspark.sql import SparkSession

    session = (SparkSession.builder.master("local[2]").appName("dipdrg-test")
               .config("spark.sql.shuffle.partitions", "4").config("spark.ui.enabled", "false").getOrCreate())
    yield session
    session.stop()


@pytest.fixture(scope="module")
def year(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_year(tmp_path_factory.mktemp("year") / "cases.parquet", N, chunk_rows=3_000)


@pytest.fixture(scope="module")
def both(year: Path, spark, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    local = settle_year(year, city="demo-city", out_dir=tmp_path_factory.mktemp("local"), progress=False,
                        report=False, batch_rows=2_500)
    # A few small partitions, so that batches, candidates and names cross partition borders.
    spark.conf.set("spark.sql.files.maxPartitionBytes", str(64 * 1024))
    on_spark = settle_year(year, city="demo-city", out_dir=tmp_path_factory.mktemp("spark"), progress=False,
                           report=False, engine="spark", spark=spark)
    return local, on_spark


def test_settlement_equal_to_the_fen(both) -> None:  # type: ignore[no-untyped-def]
    local, on_spark = both
    key = ["insurance_type", "hospital"]
    a = local.settlement.sort_values(key).reset_index(drop=True)
    b = on_spark.settlement.sort_values(key).reset_index(drop=True)
    assert len(a) > 50
    pd.testing.assert_frame_equal(a, b)
    pd.testing.assert_frame_equal(local.pools.reset_index(drop=True), on_spark.pools.reset_index(drop=True))


def test_sums_candidates_and_data_quality_equal(both) -> None:  # type: ignore[no-untyped-def]
    local, on_spark = both
    key = ["hospital_id", "insurance_type"]
    pd.testing.assert_frame_equal(local.hospitals.sort_values(key).reset_index(drop=True),
                                  on_spark.hospitals.sort_values(key).reset_index(drop=True), check_like=True)
    assert list(local.candidates["case_id"]) == list(on_spark.candidates["case_id"])
    assert len(local.candidates) == int(N * 0.005)
    pd.testing.assert_frame_equal(local.dirty, on_spark.dirty)
    pd.testing.assert_frame_equal(local.groups.sort_values("group").reset_index(drop=True),
                                  on_spark.groups.sort_values("group").reset_index(drop=True), check_like=True)
    dq_local = pd.read_csv(local.out_dir / "data-quality.csv", dtype=str, keep_default_na=False)
    dq_spark = pd.read_csv(on_spark.out_dir / "data-quality.csv", dtype=str, keep_default_na=False)
    pd.testing.assert_frame_equal(dq_local, dq_spark)


def test_every_case_once_with_the_same_results(both) -> None:  # type: ignore[no-untyped-def]
    local, on_spark = both
    a = pq.read_table(local.out_dir / "cases.parquet").to_pandas().sort_values("case_id").reset_index(drop=True)
    b = pq.read_table(on_spark.out_dir / "cases.parquet").to_pandas().sort_values("case_id").reset_index(drop=True)
    assert len(a) == len(b) == N  # rows in = rows out
    pd.testing.assert_frame_equal(a, b)


def test_cli_engine_option_names_the_extra_when_missing(tmp_path: Path) -> None:
    # In a subprocess without pyspark on the path, the engine names the extra to install.
    code = ("import sys; sys.modules['pyspark'] = None\n"
            "from dipdrg.cli import main\n"
            f"raise SystemExit(main(['settle', {str(tmp_path / 'x.parquet')!r}, '--city', 'demo-city', '-o', "
            f"{str(tmp_path / 'out')!r}, '--engine', 'spark', '--no-report']))")
    write_year(tmp_path / "x.parquet", 200)
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert p.returncode == 2, p.stderr
    assert "pip install 'dipdrg[spark]'" in p.stderr
