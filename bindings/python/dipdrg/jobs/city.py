"""A city's settlement policy (catalogs/<city>/policy.json, or a JSON file) and where it lies."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from .._json import load_file
from ..catalog import _CATALOG_ROOTS


def city_policy(name_or_path: str) -> tuple[dict[str, Any], Path]:
    """A city policy (catalogs/<name>/policy.json or a JSON path) and where it was found."""
    p = Path(name_or_path)
    candidates = [p] if p.suffix == ".json" else [r / name_or_path / "policy.json" for r in _CATALOG_ROOTS]
    for c in candidates:
        if c.is_file():
            return load_file(c), c
    raise ValueError(f"no city policy {name_or_path!r} (looked for {[str(c) for c in candidates]})")
