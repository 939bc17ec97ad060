"""Reading case files for the command line: CSV (any layout, via a column mapping) and
Parquet. A malformed CSV line is reported with its line number and kept as a row with
status MALFORMED_ROW, so nothing is dropped."""
from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from ._textfile import check_text_table


@dataclass
class CsvInput:
    columns: dict[str, list[str | None]]
    n_rows: int
    # (row index, line number, problem) for rows that could not be read as a record.
    malformed: list[tuple[int, int, str]] = field(default_factory=list)


def read_case_csv(path: Path, encoding: str = "utf-8-sig", delimiter: str = ",") -> CsvInput:
    """Every record a standard CSV reader (RFC 4180, Python's csv) finds is one row, in order:
    line breaks split records only outside quotes, and only CR and LF do (U+2028, U+0085, form
    feeds and the like are data); a quote inside an unquoted cell is data. A record with the
    wrong number of fields is kept as a MALFORMED_ROW with its line number; blank lines are not
    records."""
    csv.field_size_limit(1 << 26)  # a long code list is data, not an error
    check_text_table(path, encoding, delimiter)
    try:
        with path.open(encoding=encoding, newline="") as f:
            reader = csv.reader(f, delimiter=delimiter)
            header = next(reader, None)
            if header is None:
                raise ValueError(f"{path}: empty file (expected a header line)")
            width = len(header)
            repeated = sorted({h for h in header if header.count(h) > 1})
            if repeated:
                raise ValueError(f"{path}: the header repeats column(s) {', '.join(repeated)}")
            cols: dict[str, list[str | None]] = {h: [] for h in header}
            malformed: list[tuple[int, int, str]] = []
            n = 0
            line_no = reader.line_num + 1  # where the next record starts
            for fields in reader:
                start, line_no = line_no, reader.line_num + 1
                if not fields:
                    continue
                if len(fields) != width:
                    problem = f"expected {width} fields, found {len(fields)}"
                    if line_no - start > 1 and any("\n" in v or "\r" in v for v in fields):
                        problem += (f"; a quoted field runs over lines {start}–{line_no - 1} "
                                    "(an unterminated quote takes every line after it, as any CSV reader does)")
                    malformed.append((n, start, problem))
                    for k, h in enumerate(header):
                        cols[h].append(fields[0] if k == 0 else None)
                else:
                    for h, v in zip(header, fields):
                        cols[h].append(v if v != "" else None)
                n += 1
    except UnicodeDecodeError as exc:
        raise ValueError(f"{path}: not UTF-8 text (byte {exc.start} of the file); save it as UTF-8 "
                         "(files from Excel or a GBK system: 另存为 CSV UTF-8)") from exc
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
