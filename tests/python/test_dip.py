"""DIP through the Python API and the CLI: national tables, the demo catalog, policies,
recommendations, city-table import, checks and bad input."""
from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest

import dipdrg

ROOT = Path(__file__).resolve().parents[2]
DIP_REFERENCE = Path(os.environ.get("DIPDRG_DIP_REFERENCE_DIR", ROOT.parent / "shared" / "reference" / "dip-3.0"))


@pytest.fixture(scope="module")
def national() -> dipdrg.Grouper:
    if not (DIP_REFERENCE / "base_groups.csv").exists():
        pytest.skip(f"DIP 3.0 reference tables not found at {DIP_REFERENCE}")
    return dipdrg.Grouper(dipdrg.Catalog(DIP_REFERENCE, cache=False))


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "dipdrg", *args], capture_output=True, text=True, check=False)


def test_national_worked_examples(national: dipdrg.Grouper) -> None:
    assert national.scheme == "dip" and national.catalog.counts["groups"] == 5125
    cases = [("K35.301", "", "JC-3629"), ("K35.300x001", "47.0100", "JC-3625"),
             ("K35.300x001", "47.0100|45.2302", "BX-918"), ("C34.101", "32.3001", "BX-134"),
             ("C34.101", "32.3001|32.2001", "BX-130")]
    for dx, px, want in cases:
        r = national.group_one(dx_codes=dx, px_codes=px)
        assert (r.status, r.dip_group) == ("OK", want), (dx, px, r)
    r = national.group_one(dx_codes="K35.800", px_codes="47.0100")
    assert r.status == "EXCLUDED" and "K35.800" in r.message


def test_national_trace_says_why_others_lost(national: dipdrg.Grouper) -> None:
    lines = national.explain(dx_codes="C34.101", px_codes="32.3001|32.2001").to_text("en")
    assert any("tie-break" in line and "BX-130 beats BX-134" in line for line in lines)
    assert lines[-1].startswith("assigned DIP group BX-130")
    zh = national.explain(dx_codes="C34.101", px_codes="32.3001|32.2001").to_text("zh")
    assert any("择优" in line for line in zh)


def test_conformance_file_columns_group_into_dip(national: dipdrg.Grouper, tmp_path: Path) -> None:
    src = tmp_path / "cases.csv"
    src.write_text("case_id,gender,age,age_days,weight_g,dept,los_days,discharge_type,dx_codes,px_codes\n"
                   "A,1,40,,,03,5,1,K35.300x001,47.0100\n"
                   "B,2,0,10,1200,03,5,1,P22.000|P07.100,\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    p = run("group", str(src), "-o", str(out), "--catalog", str(DIP_REFERENCE))
    assert p.returncode == 0, p.stderr
    with out.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert [r["dip_group"] for r in rows] == ["JC-3625", "XQ-17"]
    assert {"case_id", "status", "dip_group", "dip_name", "dip_kind", "dip_score"} <= set(rows[0])
    assert rows[1]["dip_kind"] == "pre"


def test_national_catalog_check(national: dipdrg.Grouper) -> None:
    p = run("catalog", "check", str(DIP_REFERENCE))
    assert p.returncode == 0 and "0 errors" in p.stdout
    assert p.stdout.count("ambiguous_rows") == 4


def test_demo_catalog_batch_pandas_and_arrow() -> None:
    g = dipdrg.Grouper("dip-demo")
    cases = pd.read_csv(ROOT / "examples" / "data" / "dip-demo-cases.csv", dtype=str, keep_default_na=False)
    out = g.group(cases)
    assert list(out["case_id"]) == list(cases["case_id"])
    assert {"OK", "FALLBACK", "EXCLUDED", "CHECK_FAILED"} <= set(out["status"])
    kinds = set(out["dip_kind"])
    assert {"pre", "merge", "base", "burn", "tumour", "tuberculosis", "comprehensive", "tcm", "ungrouped"} <= kinds
    ok = out[out["status"] == "OK"]
    assert ok["dip_score"].notna().all()
    arrow = g.group(pa.Table.from_pandas(cases, preserve_index=False))
    assert arrow.column("dip_group").to_pylist() == list(out["dip_group"])
    assert g.group(cases, threads=1).equals(g.group(cases, threads=2))


def test_demo_aux_and_grassroots() -> None:
    g = dipdrg.Grouper("dip-demo")
    r = g.group_one(dx_codes="K35.300x001", px_codes="47.0100", age=70, discharge_type="5")
    assert r.status == "OK" and r.subtype and r.factor is not None and r.factor > 1
    assert isinstance(r.grassroots, bool)


def test_policies_and_options() -> None:
    assert {"national", "jining", "tangshan", "hubei", "jingzhou"} <= set(dipdrg.policies())
    g = dipdrg.Grouper("dip-demo", policy="jining")
    assert g.options["name"] == "jining" and g.options["procedures_anywhere"] is True
    custom = dipdrg.Grouper("dip-demo", policy={"name": "mine", "tie_breaks": ["higher_score"]})
    assert custom.options["tie_breaks"] == ["higher_score"]
    with pytest.raises(ValueError, match="unknown tie_break"):
        dipdrg.Grouper("dip-demo", policy={"tie_breaks": ["coin_flip"]})
    with pytest.raises(ValueError, match="unknown DIP policy"):
        dipdrg.Grouper("dip-demo", policy="nowhere")
    with pytest.raises(ValueError, match="CHS-DRG options"):
        dipdrg.Grouper("dip-demo", ambiguous_group=True)
    with pytest.raises(ValueError, match="DIP option"):
        dipdrg.Grouper("demo", policy="national")


def test_recommend() -> None:
    g = dipdrg.Grouper("dip-demo")
    cands = g.recommend(dx_codes="K35.300x001", px_codes="47.0100")
    codes = {c["code"]: c for c in cands}
    assert "JC-3625" in codes and codes["JC-3625"]["satisfied"]
    assert "JC-3626" in codes and not codes["JC-3626"]["satisfied"] and "47.0901" in codes["JC-3626"]["requirement"]
    p = run("recommend", "--catalog", "dip-demo", "--dx", "K35.300x001", "--px", "47.0100")
    assert p.returncode == 0 and "JC-3625" in p.stdout
    with pytest.raises(TypeError):
        dipdrg.Grouper("demo").recommend(dx_codes="K35.300x001")


def test_bad_input_never_crashes() -> None:
    g = dipdrg.Grouper("dip-demo")
    assert g.group_one(dx_codes="").status == "CHECK_FAILED"
    assert g.group_one(dx_codes="@@@", px_codes="!!").status == "FALLBACK"
    r = g.group_one(dx_codes="K35.300x001", age="abc")
    assert r.status == "OK" and any("age" in w for w in r.warnings)
    out = g.group({"sex": ["1", None], "age": ["40", "x"], "dx_codes": [None, "K35.300x001"]})
    assert out.column("status").to_pylist() == ["CHECK_FAILED", "OK"]


def test_city_table_import(tmp_path: Path) -> None:
    table = tmp_path / "city.csv"
    table.write_text(
        "序号,病种编码,病种类型,主诊断代码,主诊断名称,主要操作代码,主要操作名称,其他操作代码,病种分值\n"
        "1,K35.3-01,核心病种,K35.3,急性阑尾炎伴局限性腹膜炎,47.0100,腹腔镜下阑尾切除术,,1338.5\n"
        "2,K35.3-02,核心病种,K35.3,急性阑尾炎伴局限性腹膜炎,47.0901,阑尾切除术,,917.3\n"
        "3,K35.3-03,基层病种,K35.3,急性阑尾炎伴局限性腹膜炎,,,,409.9\n"
        "4,K35.3-04,核心病种,K35.3,急性阑尾炎伴局限性腹膜炎,47.0100,腹腔镜下阑尾切除术,54.5101/54.5903,1500.0\n"
        "5,C54-ZH1,综合病种,C54,子宫体恶性肿瘤,相关手术,,,2100\n"
        "6,KBBZ,空白病组,,,,,,\n", encoding="utf-8")
    attrs = tmp_path / "attrs.csv"
    attrs.write_text("code,attribute\n68.4902,surgery\n", encoding="utf-8")
    out = tmp_path / "catalog"
    p = run("catalog", "import-city", str(table), "-o", str(out), "--map", "dx=主诊断代码", "--map", "score=病种分值",
            "--attributes", str(attrs), "--region", "370800", "--version", "2025")
    assert p.returncode == 0, p.stderr
    g = dipdrg.Grouper(dipdrg.Catalog(out, cache=False))
    assert g.catalog.manifest["region"] == "370800"
    assert g.group_one(dx_codes="K35.300x001", px_codes="47.0100").dip_group == "K35.3-01"
    rel = g.group_one(dx_codes="K35.300x001", px_codes="47.0100|54.5903")
    assert rel.dip_group == "K35.3-04" and rel.dip_score == 1500.0
    conservative = g.group_one(dx_codes="K35.300x001")
    assert conservative.dip_group == "K35.3-03" and conservative.grassroots
    assert g.group_one(dx_codes="C54.100", px_codes="68.4902").dip_group == "C54-ZH1"
    assert g.group_one(dx_codes="Z99.999").status == "FALLBACK"
    bad = tmp_path / "bad.csv"
    bad.write_text("病种编码,病种类型,主要诊断编码,分值\nX1,奇怪,K35.3,1\n", encoding="utf-8")
    p = run("catalog", "import-city", str(bad), "-o", str(tmp_path / "bad"))
    assert p.returncode == 2 and "unknown 病种类型" in p.stderr


def test_translation_from_another_catalog(national: dipdrg.Grouper) -> None:
    """国临版 codes map to 医保版 through the CHS-DRG reference's dx_map before DIP matching."""
    drg_reference = ROOT.parent / "shared" / "reference" / "chs-drg-1.1"
    if not (drg_reference / "dx_map.csv").exists():
        pytest.skip("CHS-DRG reference maps not found")
    g = dipdrg.Grouper(national.catalog, translation=drg_reference)
    r = g.group_one(dx_codes="K35.900", px_codes="47.0100")   # 国临版 K35.900 → 医保版 K35.800x001
    assert r.status == "OK" and r.dip_group == "JC-3625"
    assert any("K35.900" in line and "K35.800x001" in line for line in r.trace.to_text("en"))
    assert g.group_one(dx_codes="NOT.IN.MAP").status == "TRANSLATION_FAILED"
    with pytest.raises(ValueError, match="no dx_map"):
        dipdrg.Grouper(national.catalog, translation=ROOT)


def test_tumour_combination_wins_with_extra_procedures_and_trace_names_why(national: dipdrg.Grouper) -> None:
    # The case satisfies 化疗+靶向 (FZ-1772) and has one unrelated procedure more.
    dx, px = "Z51.103|C34.101", "99.2503|99.2800x006|88.0000x999"
    assert national.group_one(dx_codes=dx, px_codes=px).dip_group == "FZ-1772"
    en = national.explain(dx_codes=dx, px_codes=px).to_text("en")
    assert any("FZ-1772 beats FZ-1770 (more required procedure codes matched, 2>1)" in line for line in en)
    zh = national.explain(dx_codes=dx, px_codes=px).to_text("zh")
    assert any("FZ-1772优先于FZ-1770（匹配的手术操作编码更多，2>1）" in line for line in zh)
