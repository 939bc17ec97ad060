"""The command line: group (CSV/Parquet, mapping, malformed lines), catalog check/dot/show, demo."""
from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from dipdrg.catalog import write_manifest
from dipdrg.cli import main


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "dipdrg", *args], capture_output=True, text=True, check=False)


def test_console_script_installed() -> None:
    exe = shutil.which("dipdrg")
    assert exe is not None, "pip install . should install the dipdrg command"
    assert subprocess.run([exe, "--help"], capture_output=True, text=True).returncode == 0


def test_group_conformance_file_as_is(reference_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    p = run("group", str(reference_dir / "conformance-cases.csv"), "-o", str(out), "--catalog", str(reference_dir))
    assert p.returncode == 0, p.stderr
    with out.open(encoding="utf-8") as f:
        got = list(csv.DictReader(f))
    with (reference_dir / "conformance-cases.csv").open(encoding="utf-8") as f:
        want = list(csv.DictReader(f))
    assert len(got) == 5000
    assert [r["drg"] for r in got] == [r["expected_drg"] for r in want]
    assert {"case_id", "status", "mdc", "adrg", "drg", "drg_name", "cc_code", "warnings"} <= set(got[0])


def test_malformed_lines_reported_and_kept(tmp_path: Path) -> None:
    src = tmp_path / "cases.csv"
    src.write_text(
        "case_id,gender,age,age_days,weight_g,dx_codes,px_codes\n"
        "A1,2,0,3,1200,P07.200,\n"
        "A2,1,40,,K80.100\n"                       # too few fields
        'A3,1,40,,,"K80.100,\n'                    # unterminated quote
        "A4,2,0,3,1200,P07.200,\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.csv"
    p = run("group", str(src), "-o", str(out), "--explain")
    assert p.returncode == 0, p.stderr
    assert "cases.csv:3: expected 7 fields, found 5" in p.stderr
    # An unterminated quote takes the rest of the file into its field, as a standard CSV reader
    # reads it: one malformed record, reported with the lines it spans.
    assert "cases.csv:4:" in p.stderr and "unterminated quote" in p.stderr
    with out.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert [r["case_id"] for r in rows] == ["A1", "A2", "A3"]
    assert [r["status"] for r in rows] == ["OK", "MALFORMED_ROW", "MALFORMED_ROW"]
    assert rows[0]["trace"].startswith("P07.200 ")


def test_parquet_and_column_mapping(tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    import pyarrow as pa

    src = tmp_path / "cases.parquet"
    pq.write_table(pa.table({"id": ["P1"], "xb": [2], "nl": [0], "rl": [3], "tz": [1200], "zd": ["P07.200"]}), src)
    out = tmp_path / "out.parquet"
    code = main(["group", str(src), "-o", str(out), "--no-progress", "--map", "case_id=id", "--map", "sex=xb",
                 "--map", "age=nl", "--map", "age_days=rl", "--map", "weight_g=tz", "--map", "dx_codes=zd"])
    assert code == 0
    t = pq.read_table(out)
    assert t.column("case_id").to_pylist() == ["P1"] and t.column("adrg").to_pylist() == ["PS1"]


def test_group_missing_column_is_clear_error(tmp_path: Path) -> None:
    src = tmp_path / "cases.csv"
    src.write_text("case_id,sex,age\nA,1,3\n", encoding="utf-8")
    p = run("group", str(src), "-o", str(tmp_path / "o.csv"))
    assert p.returncode == 2 and "dx_codes" in p.stderr


def test_catalog_check_reference(reference_dir: Path) -> None:
    p = run("catalog", "check", str(reference_dir))
    assert p.returncode == 0, p.stdout
    assert "0 errors" in p.stdout and "unreachable_entry" in p.stdout and "K43.900" in p.stdout


def test_catalog_check_reports_broken_catalog(tmp_path: Path) -> None:
    demo = Path(__file__).resolve().parents[3] / "catalogs" / "chs-drg" / "000000" / "1.1-demo"
    broken = tmp_path / "broken"
    shutil.copytree(demo, broken)
    with (broken / "drg.csv").open("a", encoding="utf-8") as f:
        f.write("ZZ99,孤儿组,ZZ9,MDCZ,1,9,otherwise\n")
    with (broken / "adrg_dx.csv").open("a", encoding="utf-8") as f:
        f.write("GZ1,NOT.IN.DICT\n")
    write_manifest(broken)
    p = run("catalog", "check", str(broken))
    assert p.returncode == 1
    assert "orphan_drg" in p.stdout and "ZZ99" in p.stdout
    assert "NOT.IN.DICT" in p.stdout


def test_catalog_dot_and_show(tmp_path: Path) -> None:
    out = tmp_path / "demo.dot"
    assert main(["catalog", "dot", "demo", "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert text.startswith("digraph") and '"MDCA" -> "AH1"' in text and '"AH1" -> "AH11"' in text
    p = run("catalog", "show", "demo")
    manifest = json.loads(p.stdout)
    assert manifest["version"] == "1.1-demo" and manifest["counts"]["adrg"] == 55
    p = run("catalog", "show", "demo", "P07.200")
    info = json.loads(p.stdout)
    assert "PS1" in info["diagnosis"]["adrgs"] and info["diagnosis"]["mdcs"] == ["MDCP"]
    assert run("catalog", "show", "demo", "NOPE").returncode == 1


def test_demo_command(tmp_path: Path) -> None:
    p = run("demo", "-o", str(tmp_path))
    assert p.returncode == 0, p.stderr
    assert "== CHS-DRG" in p.stdout and "400 cases" in p.stdout and "== DIP" in p.stdout
    assert (tmp_path / "demo-cases-grouped.csv").exists() and (tmp_path / "dip-demo-cases-grouped.csv").exists()
    assert "== DIP payment" in p.stdout and (tmp_path / "dip-demo-settlement.csv").exists()
