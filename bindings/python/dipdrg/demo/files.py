"""The demo data shipped with the package (examples/data): cases to try the tools on."""
from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parents[1]
_DEMO_ROOTS = [_PACKAGE_DIR / "examples" / "data", _PACKAGE_DIR.parents[2] / "examples" / "data"]


def demo_file(name: str) -> Path:
    """A demo data file by name; a clear error when the package was installed without it."""
    for root in _DEMO_ROOTS:
        if (root / name).exists():
            return root / name
    raise FileNotFoundError(f"the demo data file {name} is not installed (looked in {[str(r) for r in _DEMO_ROOTS]})")
