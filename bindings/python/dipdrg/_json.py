"""JSON from users' files, read so that a hostile file ends in a clear error naming it: invalid
JSON, nesting too deep for the parser (the C++ readers stop at 64 levels), or not a regular file."""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

MAX_DEPTH = 64


def _depth(text: str) -> int:
    depth = deepest = 0
    in_string = escaped = False
    for c in text:
        if in_string:
            if escaped:
                escaped = False
            elif c == "\\":
                escaped = True
            elif c == '"':
                in_string = False
        elif c == '"':
            in_string = True
        elif c in "{[":
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > MAX_DEPTH:
                    break
        elif c in "}]":
            depth -= 1
    return deepest


def loads(text: str, where: str) -> Any:
    if _depth(text) > MAX_DEPTH:
        raise ValueError(f"{where}: JSON nested deeper than {MAX_DEPTH} levels")
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"{where}: invalid JSON ({exc})") from exc
    except RecursionError as exc:  # pragma: no cover - the depth check comes first
        raise ValueError(f"{where}: JSON nested too deeply") from exc


def load_file(path: str | os.PathLike[str]) -> Any:
    p = Path(path)
    if not p.is_file():
        raise ValueError(f"{p}: not a regular file" if p.exists() else f"{p}: no such file")
    try:
        text = p.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ValueError(f"{p}: not UTF-8 text") from exc
    return loads(text, str(p))
