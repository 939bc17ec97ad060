"""Results do not depend on the number of threads: grouping the same table with 1, 2 and 8
threads gives the same rows, in the same order, for both schemes."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest

import dipdrg

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("catalog, cases", [("demo", "demo-cases.csv"), ("dip-demo", "dip-demo-cases.csv")])
def test_grouping_is_the_same_at_1_2_and_8_threads(catalog: str, cases: str) -> None:
    df = pd.read_csv(ROOT / "examples" / "data" / cases, dtype=str, keep_default_na=False)
    big = pd.concat([df] * max(1, 20_000 // len(df)), ignore_index=True)  # enough rows to split
    table = pa.Table.from_pandas(big, preserve_index=False)
    g = dipdrg.Grouper(catalog)
    results = {threads: g.group(table, threads=threads, explain=True) for threads in (1, 2, 8)}
    assert results[1].num_rows == len(big)
    for threads in (2, 8):
        assert results[threads].equals(results[1]), threads
