from __future__ import annotations

import csv
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
REFERENCE = Path(os.environ.get("DIPDRG_REFERENCE_DIR", ROOT.parent / "shared" / "reference" / "chs-drg-1.1"))
DEMO_CASES = ROOT / "examples" / "data" / "demo-cases.csv"


@pytest.fixture(autouse=True)
def _isolated_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    # Snapshots go to a per-session temporary cache, never the user's.
    monkeypatch.setenv("DIPDRG_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "cache"))


@pytest.fixture(scope="session")
def reference_dir() -> Path:
    if not (REFERENCE / "adrg.csv").exists():
        pytest.skip(f"reference tables not found at {REFERENCE} (needs ../shared beside the checkout)")
    return REFERENCE


@pytest.fixture(scope="session")
def conformance_rows(reference_dir: Path) -> list[dict[str, str]]:
    with (reference_dir / "conformance-cases.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="session")
def reference_grouper(reference_dir: Path):  # type: ignore[no-untyped-def]
    import dipdrg

    return dipdrg.Grouper(dipdrg.Catalog(reference_dir, cache=False))


@pytest.fixture(scope="session")
def demo_cases() -> Path:
    return DEMO_CASES
