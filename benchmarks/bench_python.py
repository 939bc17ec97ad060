"""Python-side throughput on a 1,000,000-row Arrow table (the conformance cases ×200), to set
beside the C++ benchmark of the same path (BM_ArrowPipelineMillion: read the Arrow stream, intern and
group, build the result table). Usage:
    python benchmarks/bench_python.py [../shared/reference/chs-drg-1.1]
Prints rows per second, best of three, single- and multi-threaded."""
from __future__ import annotations

import sys
import time
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pacsv

import dipdrg


def main(reference: Path) -> None:
    cases = pacsv.read_csv(reference / "conformance-cases.csv",
                           convert_options=pacsv.ConvertOptions(column_types={c: pa.string() for c in (
                               "case_id", "gender", "age", "age_days", "weight_g", "dx_codes", "px_codes")}))
    cases = cases.select(["case_id", "gender", "age", "age_days", "weight_g", "dx_codes", "px_codes"])
    table = pa.concat_tables([cases] * 200).combine_chunks()
    grouper = dipdrg.Grouper(str(reference))
    for threads in (1, 2):
        best = float("inf")
        for _ in range(3):
            start = time.perf_counter()
            out = grouper.group(table, threads=threads)
            best = min(best, time.perf_counter() - start)
        assert out.num_rows == table.num_rows
        print(f"threads={threads}: {best:.2f} s, {table.num_rows / best:,.0f} rows/s")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[2] / "shared/reference/chs-drg-1.1")
