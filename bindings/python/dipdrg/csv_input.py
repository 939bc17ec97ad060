"""Reading case files for the command line: CSV (any layout, via a column mapping) and
Parquet. A malformed CSV line is reported with its line number and kept as a row with
status MALFORMED_ROW, so nothing is dropped."""
from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class CsvInput:
    columns: dict[str, list[str | None]]
    n_rows: int
    # (row index, line number, problem) for rows that could not be read as a record.
    malformed: list[tuple[int, int, str]] = field(default_factory=list)


def read_case_csv(path: Path, encoding: str = "utf-8-sig") -> CsvInput:
    with path.open(encoding=encoding, newline="") as f:
        lines = f.read().splitlines()
    if not lines:
        raise ValueError(f"{path}: empty file (expected a header line)")
    header = next(csv.reader([lines[0]]))
    width = len(header)
    cols: dict[str, list[str | None]] = {h: [] for h in header}
    malformed: list[tuple[int, int, str]] = []
    n = 0
    i = 1
    while i < len(lines):
        start = i
        record = lines[i]
        # A quoted field may span lines: join until the quotes balance (at most 50 lines).
        # If they never balance, only this line is malformed and reading resumes after it.
        j = i
        while record.count('"') % 2 == 1 and j + 1 < len(lines) and j - start < 50:
            j += 1
            record += "\n" + lines[j]
        unterminated = record.count('"') % 2 == 1
        if unterminated:
            record, j = lines[i], i
        i = j + 1
        line_no = start + 1
        if not record.strip():
            continue
        fields: list[str] = []
        if unterminated:
            problem = "unterminated quoted field"
        else:
            try:
                fields = next(csv.reader([record], strict=True))
            except csv.Error as exc:
                problem = f"unreadable CSV record ({exc})"
            else:
                problem = "" if len(fields) == width else f"expected {width} fields, found {len(fields)}"
        if problem:
            malformed.append((n, line_no, problem))
            first = fields[0] if fields else record.split(",", 1)[0]
            for k, h in enumerate(header):
                cols[h].append(first if k == 0 else None)
        else:
            for h, v in zip(header, fields):
                cols[h].append(v if v != "" else None)
        n += 1
    return CsvInput(cols, n, malformed)


def read_case_parquet(path: Path) -> CsvInput:
    try:
        import pyarrow.parquet as pq
    except ImportError as exc:  # pragma: no cover
        raise ValueError("reading Parquet needs pyarrow: pip install pyarrow") from exc
    table = pq.read_table(path)
    from .tables import to_text_column

    cols = {name: to_text_column(table.column(name).to_pylist()) for name in table.column_names}
    return CsvInput(cols, table.num_rows)
