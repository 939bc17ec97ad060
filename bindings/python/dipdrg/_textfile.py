"""Text tables as users export them: the encoding and the delimiter are checked before a CSV is
read, so a GBK export or a semicolon-separated file is named as such (with the option that reads
it) instead of failing later with a codec error or "lacks required columns"."""
from __future__ import annotations

import codecs
import csv
from pathlib import Path

DELIMITERS = {",": "comma", ";": "semicolon", "\t": "tab", "|": "vertical bar"}


SNIFF_BYTES = 4 << 20  # the encoding is checked on the first 4 MiB; readers name later faults


def _first_bad_line(path: Path, encoding: str) -> int | None:
    """The number of the first line (within the sniffed start) that does not decode, or None."""
    decoder = codecs.getincrementaldecoder(encoding)()
    number, seen = 0, 0
    with path.open("rb") as f:
        for number, raw in enumerate(f, start=1):
            try:
                decoder.decode(raw)
            except UnicodeDecodeError:
                return number
            seen += len(raw)
            if seen > SNIFF_BYTES:
                return None
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return max(number, 1)
    return None


def check_text_table(path: Path, encoding: str = "utf-8-sig", delimiter: str = ",") -> None:
    """Raises ValueError naming the file, the line and the likely fix when the file is not in
    `encoding`, or when its header reads as one column split by another delimiter."""
    try:
        codecs.lookup(encoding)
    except LookupError as exc:
        raise ValueError(f"unknown encoding {encoding!r}") from exc
    bad = _first_bad_line(path, encoding)
    if bad is not None:
        hint = ("Chinese hospital exports are often GBK: pass --encoding gbk" if encoding.startswith("utf")
                else "pass the file's encoding with --encoding (utf-8, gbk, utf-16 …)")
        raise ValueError(f"{path}:{bad}: the text is not {encoding.replace('-sig', '').upper()}; {hint}")
    with path.open(encoding=encoding, newline="") as f:
        header = next(csv.reader(f, delimiter=delimiter), [])
    if len(header) == 1:
        for other, name in DELIMITERS.items():
            if other != delimiter and other in header[0]:
                raise ValueError(f"{path}: the header reads as one column {header[0][:60]!r}; the file seems "
                                 f"separated by {name}s: pass --delimiter {other!r}")
