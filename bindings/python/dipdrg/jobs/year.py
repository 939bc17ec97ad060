"""The fund manager's main job for one year: read the cases, group and score them (DIP and
CHS-DRG pools), pick the 特例单议 candidates and apply decisions, split each stay between fund
and patient, settle every hospital per pool to the fen, and write the tables and the report.

Each batch goes through `year_batch` (jobs/batch.py) into one wide table; the year keeps only
its integer sums, the best candidates so far and the hospitals' names (jobs/sums.py), so memory
stays bounded by the batch however long the year is; the per-case results and the dirty rows are
written batch by batch. `engine="spark"` runs the same batch function as a Spark `mapInArrow`
stage and reduces the same sums with Spark (jobs/spark.py); both end in `finish_year`.
"""
from __future__ import annotations

import sys
import time
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from .._extras import MissingExtra, available
from .batch import CASE_COLUMNS, as_text_frame, check_year_columns, wide_arrow, year_batch, year_context
from .city import city_policy
from .finish import YearResult, finish_year, peak_rss_mb
from .sums import YearSums, add_batch, dirty_rows

BATCH_ROWS = 200_000


def ensure_report_extra(report: bool) -> None:
    """The report needs the `report` extra: say so before any work is done, not after it."""
    if report and not available("matplotlib"):
        raise MissingExtra("the HTML report (report.html) needs matplotlib, which is not installed: "
                           "pip install 'dipdrg[report]', or pass --no-report")


def arrow_batches(path: Path, batch_rows: int, encoding: str = "utf-8-sig",
                  delimiter: str = ",") -> tuple[Iterator[Any], int]:
    """The cases as Arrow record batches (pyarrow's readers: Parquet, CSV, Excel) and the row count."""
    import pyarrow as pa

    suffix = path.suffix.lower()
    if suffix in (".parquet", ".pq"):
        import pyarrow.parquet as pq

        f = pq.ParquetFile(path)
        return f.iter_batches(batch_size=batch_rows), f.metadata.num_rows
    if suffix in (".xlsx", ".xls"):
        import pandas as pd

        table = pa.Table.from_pandas(pd.read_excel(path, dtype=str).fillna(""), preserve_index=False)
        return iter(table.to_batches(max_chunksize=batch_rows)), table.num_rows
    import csv

    import pyarrow.csv as pacsv

    from .._textfile import check_text_table

    check_text_table(path, encoding, delimiter)
    with path.open(encoding=encoding, newline="") as f:
        header = next(csv.reader(f, delimiter=delimiter), [])
    read = pacsv.ReadOptions(block_size=1 << 24, encoding=encoding.replace("-sig", ""))
    parse = pacsv.ParseOptions(newlines_in_values=True, delimiter=delimiter)

    def convert(columns: list[str]) -> Any:  # every column as text, empty cells as empty strings
        return pacsv.ConvertOptions(column_types={name: pa.string() for name in header}, include_columns=columns,
                                    strings_can_be_null=False, quoted_strings_can_be_null=False)

    n = sum(b.num_rows for b in pacsv.open_csv(path, read_options=read, parse_options=parse,
                                               convert_options=convert(header[:1])))

    def batches() -> Iterator[Any]:
        for b in pacsv.open_csv(path, read_options=read, parse_options=parse, convert_options=convert(header)):
            for start in range(0, b.num_rows, batch_rows):
                yield b.slice(start, batch_rows)
    return batches(), n


def settle_year(cases: str | Path, *, city: str = "demo-city", out_dir: str | Path = "settlement",
                decisions: str | Path | None = None, budgets: Mapping[str, str] | None = None,
                batch_rows: int = BATCH_ROWS, progress: bool | None = None, csv: bool = False,
                report: bool = True, engine: str = "local", spark: Any = None, encoding: str = "utf-8-sig",
                delimiter: str = ",") -> YearResult:
    """Runs the whole job on a year of cases and writes, into `out_dir`: cases.parquet (and
    cases.csv with `csv=True`), settlement.xlsx (one sheet per table) and settlement.csv,
    review-candidates.csv, data-quality.csv and report.html. `engine="spark"` runs it on Spark
    (`spark`: a SparkSession, else a local one is started)."""
    if engine not in ("local", "spark"):
        raise ValueError(f"engine must be 'local' or 'spark', not {engine!r}")
    ensure_report_extra(report)
    policy, policy_path = city_policy(city)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    if not Path(cases).is_file():
        raise FileNotFoundError(f"no such file of cases: {cases}")
    start_all = time.perf_counter()
    show = sys.stderr.isatty() if progress is None else progress
    if engine == "spark":
        from .spark import spark_year

        sums, timings, with_drg = spark_year(Path(cases), policy, policy_path, out, decisions=decisions, spark=spark,
                                             encoding=encoding, delimiter=delimiter)
    else:
        sums, timings, with_drg = _local_year(Path(cases), policy, policy_path, out, decisions=decisions,
                                              batch_rows=batch_rows, show=show, encoding=encoding,
                                              delimiter=delimiter)
    finishing = None
    if show:
        from tqdm import tqdm

        finishing = tqdm(total=3 if report else 2, desc="settle", unit="stage", file=sys.stderr)

    def step(name: str) -> None:
        if finishing is not None:
            finishing.update(1)
            finishing.set_description(name)

    result = finish_year(out, sums, policy, budgets=budgets, with_drg=with_drg, timings=timings, csv_cases=csv,
                         report=report, city=city, source=str(cases), step=step)
    if finishing is not None:
        finishing.close()
    result.timings["total"] = time.perf_counter() - start_all
    result.peak_rss_mb = peak_rss_mb()
    return result


def _local_year(cases: Path, policy: Mapping[str, Any], policy_path: Path, out: Path, *,
                decisions: str | Path | None, batch_rows: int, show: bool, encoding: str = "utf-8-sig",
                delimiter: str = ",") -> tuple[YearSums, dict[str, float], bool]:
    """The year in this process, batch by batch."""
    import pyarrow.parquet as pq

    batches, n = arrow_batches(cases, batch_rows, encoding, delimiter)
    if n == 0:
        raise ValueError(f"{cases} holds no cases")
    ctx = year_context(policy, policy_path, rows=n, decisions=decisions)
    sums, timings = YearSums(), {}
    bar = None
    if show:
        from tqdm import tqdm

        bar = tqdm(total=n, unit="case", desc="group, score, reimburse", file=sys.stderr)
    writer = None
    quality_file = out / "data-quality.csv"
    try:
        for batch in batches:
            if sums.rows == 0:
                check_year_columns(batch.schema.names, str(cases))
            wide = year_batch(as_text_frame(batch), ctx, first_row=sums.rows, timings=timings)
            start = time.perf_counter()
            table = wide_arrow(wide, CASE_COLUMNS)
            if writer is None:
                writer = pq.ParquetWriter(out / "cases.parquet", table.schema)
            writer.write_table(table)
            dirty_rows(wide).to_csv(quality_file, index=False, encoding="utf-8", mode="a" if sums.rows else "w",
                                    header=sums.rows == 0)
            add_batch(sums, wide, ctx.cap)
            timings["tables"] = timings.get("tables", 0.0) + time.perf_counter() - start
            if bar is not None:
                bar.update(len(wide))
    finally:
        if writer is not None:
            writer.close()
        if bar is not None:
            bar.close()
    return sums, timings, ctx.drg_pool is not None
