"""The main job on a 20,000-case demo year: every input row accounted for, each pool's
entitlements equal to its budget to the fen, the dirty rows reported with reasons, the
review candidates capped, decisions applied, and the report files present; the HTML report
rendered in headless Chromium."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from dipdrg.demo import generate_year, hospitals, write_year
from dipdrg.jobs import settle_year

N = 20_000


@pytest.fixture(scope="module")
def year(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_year(tmp_path_factory.mktemp("year") / "cases.parquet", N, chunk_rows=7_000)


@pytest.fixture(scope="module")
def result(year: Path, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    return settle_year(year, city="demo-city", out_dir=tmp_path_factory.mktemp("out"), progress=False,
                       batch_rows=6_000)


def test_the_generator_is_seeded_and_varied() -> None:
    a, b = generate_year(3000, seed=1), generate_year(3000, seed=1)
    pd.testing.assert_frame_equal(a, b)
    assert not generate_year(3000, seed=2).equals(a)
    assert len(hospitals()) == 60
    assert {"general", "tcm", "psychiatric"} == {h.kind for h in hospitals()}
    assert set(a["mode"]) == {"dip", "day_surgery", "tcm_day_ward", "bed_day", "drg"}
    assert set(a.loc[a["mode"] == "drg", "hospital_id"]) == {"H001", "H002", "H003", "H004"}
    assert set(a["insurance_type"]) == {"310", "390"}
    assert (a["segments"] != "").any() and (a["referral"] != "none").any()


def test_every_row_is_accounted_for(year: Path, result) -> None:  # type: ignore[no-untyped-def]
    cases = pd.read_parquet(year, columns=["case_id"])
    out = pd.read_parquet(result.out_dir / "cases.parquet")
    assert len(out) == N == result.rows
    assert set(out["case_id"]) == set(cases["case_id"])
    assert out["status"].ne("").all()
    drg = out[out["mode"] == "drg"]
    assert (drg["pool"].str.startswith("DRG-")).all() and (drg["status"] == "SCORED").mean() > 0.9
    assert (drg.loc[drg["status"] == "SCORED", "amount_fen"] > 0).all()


def test_pools_settle_to_their_budgets_to_the_fen(result) -> None:  # type: ignore[no-untyped-def]
    assert set(result.pools["insurance_type"]) == {"310", "390", "DRG-310", "DRG-390"}
    drg_hospitals = set(result.settlement.loc[result.settlement["insurance_type"].str.startswith("DRG"), "hospital"])
    assert drg_hospitals == {"H001", "H002", "H003", "H004"}
    for pool, rows in result.settlement.groupby("insurance_type"):
        total = sum(int(str(v).replace(".", "")) for v in rows["entitlement"])
        budget = result.pools.set_index("insurance_type").loc[pool, "budget"]
        assert total == int(str(budget).replace(".", ""))


def test_dirty_rows_are_reported_with_reasons(year: Path, result) -> None:  # type: ignore[no-untyped-def]
    cases = pd.read_parquet(year)
    spoiled = cases[(cases["age"].isin(["", "150"])) | (cases["gender"] == "") | (cases["total_cost"] == "abc")]
    quality = pd.read_csv(result.out_dir / "data-quality.csv", dtype=str, keep_default_na=False)
    assert set(spoiled["case_id"]) <= set(quality["case_id"])
    assert quality["reason"].ne("").all()
    assert 0.01 * N < len(quality) < 0.05 * N
    assert (quality["reason"].str.contains("空白病组")).any()  # the unknown principal codes


def test_candidates_capped_and_tables_written(result) -> None:  # type: ignore[no-untyped-def]
    assert len(result.candidates) == int(N * 0.005)
    for name in ("cases.parquet", "settlement.xlsx", "settlement.csv", "review-candidates.csv", "data-quality.csv",
                 "report.html"):
        assert (result.out_dir / name).stat().st_size > 0, name
    with pd.ExcelFile(result.out_dir / "settlement.xlsx") as workbook:
        sheets = workbook.sheet_names
    assert {"hospitals", "settlement by pool", "pools", "review candidates", "data quality"} <= set(sheets)
    hospitals_table = pd.read_csv(result.out_dir / "settlement.csv")
    assert len(hospitals_table) == 60
    page = (result.out_dir / "report.html").read_text(encoding="utf-8")
    assert page.count("<img") == 7 and 'id="hospitals"' in page and 'id="pools"' in page


def test_decisions_are_applied(year: Path, result, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    picked = result.candidates.head(2)
    decisions = pd.DataFrame({"case_id": picked["case_id"], "decision": ["approved", "rejected"],
                              "approved_amount": ["12345.67", ""]})
    decisions.to_csv(tmp_path / "decisions.csv", index=False)
    again = settle_year(year, city="demo-city", out_dir=tmp_path / "out", decisions=tmp_path / "decisions.csv",
                        progress=False, report=False)
    cases = pd.read_parquet(again.out_dir / "cases.parquet").set_index("case_id")
    first = picked["case_id"].iloc[0]
    assert cases.loc[first, "rule"] == "special"
    assert cases.loc[first, "amount_fen"] == 1234567


def test_cli_settles_a_year(year: Path, tmp_path: Path) -> None:
    run = subprocess.run([sys.executable, "-m", "dipdrg", "settle", str(year), "--city", "demo-city", "-o",
                          str(tmp_path / "cli"), "--no-report", "--no-progress"], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert f"{N:,} settlements" in run.stdout and "point value" in run.stdout


@pytest.mark.skipif(shutil.which("chromium") is None, reason="Debian's chromium is not installed (scripts/setup.sh installs it)")
def test_the_report_renders_in_headless_chromium(result, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import matplotlib.image as mpimg

    page = (result.out_dir / "report.html").resolve().as_uri()
    shot = tmp_path / "report.png"
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", f"--user-data-dir={tmp_path / 'profile'}"]
    subprocess.run(["chromium", *flags, f"--screenshot={shot}", "--window-size=1200,2400", page],
                   capture_output=True, timeout=120, check=True)
    pixels = mpimg.imread(shot)
    assert pixels.shape[0] >= 2000 and pixels.shape[1] >= 1000
    not_white = (pixels[..., :3].mean(axis=2) < 0.95).mean()
    assert not_white > 0.03, f"the screenshot is almost blank ({not_white:.1%} non-white)"
    dom = subprocess.run(["chromium", *flags, "--dump-dom", page], capture_output=True, text=True, timeout=120,
                         check=True).stdout
    assert dom.count("<tr>") > 20 and 'id="hospitals"' in dom and dom.count("<img") == 7


def test_demo_city_command_with_history(tmp_path: Path) -> None:
    run = subprocess.run([sys.executable, "-m", "dipdrg", "demo-city", "-o", str(tmp_path), "--cases", "3000",
                          "--history-cases", "3000"], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert "3,000 settlements" in run.stdout and "calibration from" in run.stdout
    report = pd.read_csv(tmp_path / "settlement" / "calibration.csv")
    assert len(report) > 0
    history = pd.read_parquet(next(tmp_path.glob("demo-city-history-*.parquet")), columns=["year"])
    assert sorted(history["year"].unique()) == ["2023", "2024", "2025"]


def test_batches_do_not_change_the_results(year: Path, result, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    whole = settle_year(year, city="demo-city", out_dir=tmp_path / "one", batch_rows=N, progress=False, report=False)
    assert list(whole.candidates["case_id"]) == list(result.candidates["case_id"])
    pd.testing.assert_frame_equal(whole.settlement, result.settlement)
    pd.testing.assert_frame_equal(whole.dirty, result.dirty)


def test_a_city_file_with_only_the_grouping_columns(tmp_path: Path) -> None:
    cases = generate_year(2000, seed=3)
    minimal = cases[["case_id", "hospital_id", "insurance_type", "gender", "age", "dx_codes", "px_codes",
                     "total_cost", "hospital_level"]].copy()
    minimal["hospital_id"] = "X" + minimal["hospital_id"]  # the city's own ids and names
    minimal["hospital"] = "某市医院" + minimal["hospital_id"]
    minimal.to_csv(tmp_path / "city.csv", index=False)
    out = settle_year(tmp_path / "city.csv", city="demo-city", out_dir=tmp_path / "out", progress=False, report=False)
    per_case = pd.read_parquet(out.out_dir / "cases.parquet")
    assert len(per_case) == 2000
    assert set(per_case["reimbursement_status"]) == {"NOT_COMPUTED"}
    assert (per_case["status"] == "SCORED").mean() > 0.9
    table = pd.read_csv(out.out_dir / "settlement.csv", dtype=str)
    assert (table["hospital"] == "某市医院" + table["hospital_id"]).all()


def test_misuse_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        settle_year(tmp_path / "missing.parquet", out_dir=tmp_path / "out", progress=False)
    (tmp_path / "empty.csv").write_text("case_id,hospital_id\n", encoding="utf-8")
    with pytest.raises(ValueError, match="no cases"):
        settle_year(tmp_path / "empty.csv", out_dir=tmp_path / "out", progress=False)
    with pytest.raises(ValueError, match="no city policy"):
        settle_year(tmp_path / "empty.csv", city="atlantis", out_dir=tmp_path / "out", progress=False)


def test_hospital_names_and_kinds_come_from_the_citys_file(year: Path, tmp_path: Path) -> None:
    # Another city's hospitals under the demo's ids: the output must name them as the file does.
    df = pd.read_parquet(year)
    df["hospital"] = "某市医院" + df["hospital_id"].astype(str)
    own = tmp_path / "city.parquet"
    df.to_parquet(own)
    result = settle_year(own, city="demo-city", out_dir=tmp_path / "out", progress=False, report=False)
    assert set(result.hospitals["hospital"]) == {f"某市医院{i}" for i in df["hospital_id"].unique()}
    assert not any(name.startswith("示范") for name in result.hospitals["hospital"])
    assert "psychiatric" in set(result.hospitals["kind"])  # the file's hospital_kind column
