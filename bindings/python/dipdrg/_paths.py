"""Where the shipped data lies: inside the installed package, or the source tree's catalogs/."""
from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
CATALOG_ROOTS = [PACKAGE_DIR / "catalogs", PACKAGE_DIR.parents[2] / "catalogs"]
