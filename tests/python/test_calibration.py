"""Calibration from Python and the CLI: a synthetic 3-year history over the demo catalog."""
from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import dipdrg


@pytest.fixture(scope="module")
def history() -> pd.DataFrame:
    rng = random.Random(11)
    rows = []
    # Year means 12 800 / 13 100 / 13 560 for JC-3625; 4 000 for JC-3629; 3 cases for JC-3626.
    for year, mean in (("2023", 12800), ("2024", 13100), ("2025", 13560)):
        for i in range(40):
            rows.append({"year": year, "dip_group": "JC-3625", "total_cost": mean + (i % 5 - 2) * 100,
                         "hospital_level": 3 if i % 2 else 1})
            rows.append({"year": year, "dip_group": "JC-3629", "total_cost": 4000 + rng.choice([-50, 0, 50]),
                         "hospital_level": 1})
    rows += [{"year": "2025", "dip_group": "JC-3626", "total_cost": 9000, "hospital_level": 2}] * 3
    rows.append({"year": "2025", "dip_group": "NO-SUCH", "total_cost": 1, "hospital_level": 1})
    return pd.DataFrame(rows)


def test_scores_follow_the_weighted_means(history: pd.DataFrame) -> None:
    report, summary = dipdrg.calibrate(history, "dip-demo", trim=(0.0, 1.0))
    row = report.set_index("code").loc["JC-3625"]
    assert row["mean_cost"] == pytest.approx(13392)  # (12 800 + 2·13 100 + 7·13 560) / 10
    assert row["score"] == pytest.approx(13392 / summary["overall_mean"] * 1000, abs=0.01)
    assert row["core"] and row["cases"] == 120
    small = report.set_index("code").loc["JC-3626"]
    assert not small["core"] and "comprehensive" in small["note"]
    assert report.set_index("code").loc["JC-3629"]["grassroots_candidate"]
    assert summary["unplaced_rows"] == 1 and summary["years"] == ["2023", "2024", "2025"]
    ref, _ = dipdrg.calibrate(history, "dip-demo", trim=(0.0, 1.0), method="reference", reference_group="JC-3629",
                              scale=100)
    assert ref.set_index("code").loc["JC-3629"]["score"] == pytest.approx(100)
    with pytest.raises(ValueError, match="reference group"):
        dipdrg.calibrate(history, "dip-demo", method="reference", reference_group="NOPE")
    with pytest.raises(ValueError, match="year"):
        dipdrg.calibrate(history.drop(columns=["year"]), "dip-demo")


def test_new_catalog_version_loads_and_scores(history: pd.DataFrame, tmp_path: Path) -> None:
    out = tmp_path / "v2"
    p = subprocess.run([sys.executable, "-m", "dipdrg", "calibrate", "-", "--catalog", "dip-demo"],
                       capture_output=True, text=True, check=False)
    assert p.returncode != 0  # no such history file
    src = tmp_path / "history.csv"
    history.to_csv(src, index=False)
    p = subprocess.run([sys.executable, "-m", "dipdrg", "calibrate", str(src), "--catalog", "dip-demo", "-o", str(out),
                        "--version", "2026-calibrated", "--trim", "0,1"], capture_output=True, text=True, check=False)
    assert p.returncode == 0, p.stderr
    cat = dipdrg.Catalog(out, cache=False)
    assert cat.version == "2026-calibrated"
    groups = cat.table("groups").set_index("code")
    report = pd.read_csv(out / "calibration-report.csv").set_index("code")
    assert groups.loc["JC-3625", "score"] == pytest.approx(report.loc["JC-3625", "score"])
    assert groups.loc["JC-3625", "avg_cost"] == pytest.approx(13392)
    assert dipdrg.Grouper(cat).group_one(dx_codes="K35.300x001", px_codes="47.0100").dip_score == \
        pytest.approx(report.loc["JC-3625", "score"])
