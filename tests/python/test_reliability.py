"""Hostile inputs end in a row status or a clear error, never a crash, a hang, a lost row or
wrong money. Each class is tried on inputs made here (so a fix of the cause is tested, not of one
file) and, where present, on the reproducers in ../shared/reliability/files."""
from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import dipdrg

ROOT = Path(__file__).resolve().parents[2]
FILES = Path(os.environ.get("DIPDRG_RELIABILITY_DIR", ROOT.parent / "shared" / "reliability" / "files"))
DEMO_CATALOG = ROOT / "catalogs" / "chs-drg" / "000000" / "1.1-demo"


def run(*args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "dipdrg", *args], capture_output=True, text=True, timeout=timeout,
                          check=False)


def clear_error(p: subprocess.CompletedProcess[str], *words: str) -> None:
    """Exit 1 or 2 with a message (no traceback, no signal) mentioning `words`."""
    assert p.returncode in (1, 2), (p.returncode, p.stderr[-2000:])
    assert "Traceback" not in p.stderr, p.stderr[-2000:]
    for w in words:
        assert w in p.stderr, p.stderr[-2000:]


def nested(depth: int) -> str:
    return "{\"a\": " * depth + "1" + "}" * depth


def copy_demo_catalog(to: Path) -> Path:
    shutil.copytree(DEMO_CATALOG, to)
    return to


# --- recursion bounded ----------------------------------------------------------------------------

@pytest.mark.parametrize("depth", [65, 5000, 300_000])
def test_deeply_nested_manifest_is_refused(tmp_path: Path, depth: int) -> None:
    cat = copy_demo_catalog(tmp_path / "cat")
    manifest = json.loads((cat / "manifest.json").read_text(encoding="utf-8"))
    text = json.dumps(manifest)[:-1] + ', "extra": ' + nested(depth) + "}"
    (cat / "manifest.json").write_text(text, encoding="utf-8")
    clear_error(run("catalog", "show", str(cat)), "nested deeper than 64")


@pytest.mark.parametrize("depth", [100, 200_000])
def test_deeply_nested_policies_are_refused_by_every_reader(tmp_path: Path, depth: int) -> None:
    policy = tmp_path / "policy.json"
    policy.write_text(nested(depth), encoding="utf-8")
    cases = tmp_path / "cases.csv"
    cases.write_text("case_id,gender,age,dx_codes,px_codes,total_cost\nA,1,50,K35.800,,1000\n", encoding="utf-8")
    clear_error(run("group", str(cases), "-o", str(tmp_path / "o.csv"), "--catalog", "dip-demo", "--policy", str(policy)),
                "nested")
    clear_error(run("score", str(cases), "-o", str(tmp_path / "s.csv"), "--catalog", "dip-demo", "--scoring-policy",
                    str(policy), "--point-value", "9.5"), "nested")
    clear_error(run("reimburse", str(cases), "-o", str(tmp_path / "r.csv"), "--policy", str(policy)), "nested")
    with pytest.raises(ValueError, match="nested"):
        dipdrg.Grouper("dip-demo", policy=str(policy))
    with pytest.raises(ValueError, match="nested"):
        dipdrg.policy.case_rules(str(policy))


def test_parent_chains_that_loop_are_refused(tmp_path: Path) -> None:
    own = copy_demo_catalog(tmp_path / "self")
    m = json.loads((own / "manifest.json").read_text(encoding="utf-8"))
    (own / "manifest.json").write_text(json.dumps({**m, "parent": "."}), encoding="utf-8")
    clear_error(run("catalog", "show", str(own)), "loops back")
    a, b = copy_demo_catalog(tmp_path / "a"), copy_demo_catalog(tmp_path / "b")
    (a / "manifest.json").write_text(json.dumps({**m, "parent": "../b"}), encoding="utf-8")
    (b / "manifest.json").write_text(json.dumps({**m, "parent": "../a"}), encoding="utf-8")
    clear_error(run("catalog", "show", str(a)), "loops back")


def test_deep_parentheses_in_a_combination_rule_are_refused(tmp_path: Path) -> None:
    script = FILES.parent / "make-deep-parentheses-catalog.sh"
    if not script.exists():
        pytest.skip("reliability scripts not found")
    out = tmp_path / "deep"
    subprocess.run(["bash", str(script), str(out)], check=True, capture_output=True, cwd=ROOT)
    p = run("catalog", "check", str(out))
    assert p.returncode in (1, 2) and p.returncode >= 0, p.stderr[-2000:]
    assert "Traceback" not in p.stderr and "deeper than 32" in (p.stdout + p.stderr)


# --- loops bounded, non-regular files refused ------------------------------------------------------

def test_a_device_as_a_table_is_refused(tmp_path: Path) -> None:
    cat = copy_demo_catalog(tmp_path / "cat")
    m = json.loads((cat / "manifest.json").read_text(encoding="utf-8"))
    (cat / "zero.csv").symlink_to("/dev/zero")
    m["tables"]["zero.csv"] = "0" * 64
    (cat / "manifest.json").write_text(json.dumps(m), encoding="utf-8")
    clear_error(run("catalog", "show", str(cat), timeout=30), "not a regular file")


@pytest.mark.parametrize("los", ["2147483647", "3661", "-1"])
def test_day_counts_out_of_range_are_a_row_status(los: str) -> None:
    demo = pd.read_csv(ROOT / "examples" / "data" / "reimbursement-demo.csv", dtype=str, keep_default_na=False)
    rows = demo[demo["mode"] == "bed_day"].head(1).assign(los=los)
    assert len(rows) == 1
    out = dipdrg.reimburse(pd.concat([rows, demo.head(3)], ignore_index=True), region="371400")
    assert len(out) == 4
    assert out.loc[0, "status"] == "BAD_INPUT" and "los" in out.loc[0, "message"]


# --- rows neither lost nor invented -------------------------------------------------------------

def standard_count(path: Path) -> int:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return sum(1 for row in csv.reader(f) if row) - 1


@pytest.mark.parametrize("body", [
    'A,1,50,K35.800,\nB,1,50,K35.800 5",\nC,1,50,K35.800,\nD,1,50,K35.800,\nE,1,50,K35.800 6",\nF,1,50,K35.800,\n',
    "A,1,50,K35\u2028.800,\nB,1,50,K35.800,\n",
    "A,1,50,K35\u0085.800,\nB,1,50,K35\x0c.800,\nC,1,50,K35\x0b.800,\nD,1,50,K\x1c35,\n",
    'A,1,50,"K35.800\nK37",\nB,1,50,K35.800,x,y\nC,1,50\n',
])
def test_group_keeps_every_record_a_standard_reader_finds(tmp_path: Path, body: str) -> None:
    src = tmp_path / "cases.csv"
    src.write_text("case_id,gender,age,dx_codes,px_codes\n" + body, encoding="utf-8", newline="")
    out = tmp_path / "out.csv"
    p = run("group", str(src), "-o", str(out), "--catalog", "demo")
    assert p.returncode == 0, p.stderr
    with out.open(encoding="utf-8", newline="") as f:
        got = list(csv.DictReader(f))
    assert len(got) == standard_count(src)


@pytest.mark.parametrize("name", sorted(p.name for p in (FILES / "csv-row-count").glob("*.csv"))
                         if (FILES / "csv-row-count").is_dir() else [])
def test_reliability_csv_row_counts(tmp_path: Path, name: str) -> None:
    src = FILES / "csv-row-count" / name
    out = tmp_path / "out.csv"
    p = run("group", str(src), "-o", str(out), "--catalog", "demo")
    assert "Traceback" not in p.stderr
    if p.returncode == 0:
        assert len(pd.read_csv(out, dtype=str, keep_default_na=False)) == standard_count(src)
    else:
        clear_error(p)


# --- money: refused or exact, never wrong ------------------------------------------------------------

def test_non_finite_points_are_refused(tmp_path: Path) -> None:
    scored = tmp_path / "scored.csv"
    scored.write_text("case_id,hospital_id,insurance_type,status,points\nA,H1,310,SCORED,100\nB,H2,310,SCORED,inf\n"
                      "C,H2,390,SCORED,nan\n", encoding="utf-8")
    clear_error(run("settle", str(scored), "-o", str(tmp_path / "o.csv"), "--budget", "310=570000", "--budget",
                    "390=210000"), "finite")


def test_a_pool_without_budget_is_not_dropped(tmp_path: Path) -> None:
    scored = tmp_path / "scored.csv"
    scored.write_text("case_id,hospital_id,insurance_type,status,points\nA,H1,310,SCORED,100\nB,H2,390,SCORED,50\n",
                      encoding="utf-8")
    clear_error(run("settle", str(scored), "-o", str(tmp_path / "o.csv"), "--budget", "310=570000"), "390")


@pytest.mark.parametrize("amount", ["99999999999999", "10000000000.01", "-99999999999999"])
def test_huge_amounts_are_a_row_status_not_overflow(amount: str) -> None:
    demo = pd.read_csv(ROOT / "examples" / "data" / "reimbursement-demo.csv", dtype=str, keep_default_na=False)
    row = demo[demo["id"] == "A"].assign(eligible=amount, total_cost="")
    out = dipdrg.reimburse(row, region="371400")
    assert out.loc[0, "status"] == "BAD_INPUT", out.iloc[0].to_dict()
    assert out.loc[0, "fund_fen"] == 0


# --- misuse: clear errors -----------------------------------------------------------------------------

def test_a_control_character_in_a_hospital_name_does_not_stop_the_tables(tmp_path: Path) -> None:
    from dipdrg.demo import write_year
    from dipdrg.jobs import settle_year

    year = write_year(tmp_path / "y.parquet", 2000)
    df = pd.read_parquet(year)
    df.loc[df["hospital_id"] == "H001", "hospital"] = "第一\x00人民\x07医院"
    df.to_csv(tmp_path / "y.csv", index=False)
    result = settle_year(tmp_path / "y.csv", city="demo-city", out_dir=tmp_path / "out", progress=False, report=False)
    assert (tmp_path / "out" / "settlement.xlsx").stat().st_size > 0
    assert result.rows == 2000


def test_an_empty_mdc_code_is_a_catalog_error(tmp_path: Path) -> None:
    cat = tmp_path / "cat"
    shutil.copytree(DEMO_CATALOG, cat)
    rows = (cat / "mdc.csv").read_text(encoding="utf-8").splitlines()
    rows[2] = "," + rows[2].split(",", 1)[1]
    (cat / "mdc.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    p = run("catalog", "manifest", str(cat))
    assert p.returncode == 0, p.stderr
    p = run("catalog", "check", str(cat))
    assert "Traceback" not in p.stderr and p.returncode != 0
    assert "is not MDC followed by one character" in (p.stdout + p.stderr)


def test_non_utf8_csv_names_the_file(tmp_path: Path) -> None:
    src = tmp_path / "gbk.csv"
    src.write_bytes("case_id,gender,age,dx_codes,px_codes\nA,1,50,阑尾炎,\n".encode("gbk"))
    clear_error(run("group", str(src), "-o", str(tmp_path / "o.csv"), "--catalog", "demo"), "gbk.csv", "UTF-8")


def test_a_repeated_column_is_named(tmp_path: Path) -> None:
    src = tmp_path / "dup.csv"
    src.write_text("case_id,gender,age,age,dx_codes\nA,1,50,50,K35.800\n", encoding="utf-8")
    clear_error(run("group", str(src), "-o", str(tmp_path / "o.csv"), "--catalog", "demo"), "age")


# --- the shared reproducers, where present ---------------------------------------------------------------

REPRODUCERS = [
    ("manifest-nested-100k", ["catalog", "show", "{R}/manifest-nested-100k"]),
    ("manifest-parent-self", ["catalog", "show", "{R}/manifest-parent-self"]),
    ("manifest-parent-cycle", ["catalog", "show", "{R}/manifest-parent-cycle/a"]),
    ("manifest-table-dev-zero", ["catalog", "show", "{R}/manifest-table-dev-zero"]),
    ("dip-catalog-policy-nested-200k", ["group", "{G}", "-o", "{T}/o.csv", "--catalog", "{R}/dip-catalog-policy-nested-200k"]),
    ("reimburse-bed-day-los-int-max.csv", ["reimburse", "{R}/reimburse-bed-day-los-int-max.csv", "-o", "{T}/o.csv",
                                           "--region", "371400"]),
    ("settle-points-inf.csv", ["settle", "{R}/settle-points-inf.csv", "-o", "{T}/o.csv", "--budget", "310=570000",
                               "--budget", "390=210000"]),
    ("catalog-empty-mdc-code", ["group", "{G}", "-o", "{T}/o.csv", "--catalog", "{R}/catalog-empty-mdc-code"]),
    ("year-bed-day-los-int-max.csv", ["settle", "{R}/year-bed-day-los-int-max.csv", "--city", "demo-city", "-o", "{T}/y",
                                      "--no-progress", "--no-report"]),
    ("year-nul-in-hospital-name.csv", ["settle", "{R}/year-nul-in-hospital-name.csv", "--city", "demo-city", "-o",
                                       "{T}/n", "--no-progress", "--no-report"]),
]


@pytest.mark.parametrize("name, args", REPRODUCERS, ids=[r[0] for r in REPRODUCERS])
def test_shared_reproducers_end_in_a_status_or_a_clear_error(tmp_path: Path, name: str, args: list[str]) -> None:
    conformance = ROOT.parent / "shared" / "reference" / "chs-drg-1.1" / "conformance-cases.csv"
    if not (FILES / name).exists() or not conformance.exists():
        pytest.skip("reproducer not found")
    p = run(*[a.format(R=FILES, G=conformance, T=tmp_path) for a in args], timeout=120)
    assert p.returncode in (0, 1, 2), (p.returncode, p.stderr[-2000:])
    assert "Traceback" not in p.stderr, p.stderr[-2000:]


@pytest.mark.parametrize("column", ["hospital_id", "insurance_type", "case_id"])
def test_a_year_without_a_needed_column_is_a_clear_error(tmp_path: Path, column: str) -> None:
    from dipdrg.demo import write_year

    df = pd.read_parquet(write_year(tmp_path / "y.parquet", 100)).drop(columns=[column])
    df.to_csv(tmp_path / "y.csv", index=False)
    clear_error(run("settle", str(tmp_path / "y.csv"), "--city", "demo-city", "-o", str(tmp_path / "out"),
                    "--no-progress", "--no-report"), column)


def test_reimburse_on_awkward_files(tmp_path: Path) -> None:
    demo = pd.read_csv(ROOT / "examples" / "data" / "reimbursement-demo.csv", dtype=str, keep_default_na=False)
    demo.head(0).to_csv(tmp_path / "empty.csv", index=False)
    p = run("reimburse", str(tmp_path / "empty.csv"), "-o", str(tmp_path / "o.csv"), "--region", "371400")
    assert p.returncode == 0 and "0 settlements" in p.stderr, p.stderr
    demo.drop(columns=["date"]).head(2).to_csv(tmp_path / "nodate.csv", index=False)
    clear_error(run("reimburse", str(tmp_path / "nodate.csv"), "-o", str(tmp_path / "o.csv"), "--region", "371400"),
                "'date' column")
    (tmp_path / "broken.xlsx").write_bytes(b"PK\x03\x04 not a workbook")
    clear_error(run("reimburse", str(tmp_path / "broken.xlsx"), "-o", str(tmp_path / "o.csv"), "--region", "371400"),
                "broken.xlsx", "Excel")


@pytest.mark.parametrize("date", ["abc", "9999-12-31", "2021-13-45", "2021-02-29", "２０２１-０６-０１", "2021-6-1"])
def test_settlement_dates_that_are_no_calendar_day_are_a_row_status(date: str) -> None:
    demo = pd.read_csv(ROOT / "examples" / "data" / "reimbursement-demo.csv", dtype=str, keep_default_na=False)
    row = demo[demo["id"] == "A"].assign(date=date)
    out = dipdrg.reimburse(row, policy="dezhou/2021")
    assert out.loc[0, "status"] == "BAD_INPUT" and "date" in out.loc[0, "message"], out.iloc[0].to_dict()


def test_out_of_range_case_fields_are_never_silent() -> None:
    g = dipdrg.Grouper("demo")
    for fields in ({"age": "-1"}, {"age": "2147483647"}, {"los_days": "-1"}, {"los_days": "99999"}):
        r = g.group_one(**{"sex": 1, "age": 40, "dx_codes": "K35.800", "px_codes": "47.0100", **fields})
        name = next(iter(fields))
        assert any(name in w and "outside" in w for w in r.warnings), (fields, r.warnings)
    dip = dipdrg.Grouper("dip-demo").group_one(sex=1, age=-1, dx_codes="K35.300x001", px_codes="47.0100")
    assert any("age" in w and "outside" in w for w in dip.warnings)


def test_an_all_null_arrow_column_reads_as_absent_and_repeated_names_are_refused() -> None:
    import pyarrow as pa

    g = dipdrg.Grouper("demo")
    t = pa.table({"case_id": ["a"], "sex": ["1"], "age": ["40"], "dx_codes": ["K35.800"], "los_days": pa.nulls(1)})
    assert g.group(t).num_rows == 1
    dup = pa.Table.from_arrays([pa.array(["a"]), pa.array(["1"]), pa.array(["40"]), pa.array(["41"]),
                                pa.array(["K35.800"])], names=["case_id", "sex", "age", "age", "dx_codes"])
    with pytest.raises(ValueError, match="more than one column named 'age'"):
        g.group(dup)


# --- catalogs: wrong types, mixed schemes, encodings, unterminated quotes -------------------------------

@pytest.mark.parametrize("option, value", [("ambiguous_group", "maybe"), ("pv1_min_age_days", "abc"),
                                           ("no_such_option", True)])
def test_wrong_typed_or_unknown_manifest_options_are_refused(tmp_path: Path, option: str, value: object) -> None:
    cat = copy_demo_catalog(tmp_path / "cat")
    m = json.loads((cat / "manifest.json").read_text(encoding="utf-8"))
    m.setdefault("options", {})[option] = value
    (cat / "manifest.json").write_text(json.dumps(m), encoding="utf-8")
    clear_error(run("catalog", "show", str(cat)), option)


def test_a_chs_drg_catalog_cannot_layer_over_a_dip_catalog(tmp_path: Path) -> None:
    cat = copy_demo_catalog(tmp_path / "cat")
    shutil.copytree(ROOT / "catalogs" / "dip" / "000000" / "3.0-demo", tmp_path / "dip")
    m = json.loads((cat / "manifest.json").read_text(encoding="utf-8"))
    (cat / "manifest.json").write_text(json.dumps({**m, "parent": "../dip"}), encoding="utf-8")
    clear_error(run("catalog", "show", str(cat)), "cannot layer over")


def test_a_gbk_table_is_refused_with_its_line(tmp_path: Path) -> None:
    cat = copy_demo_catalog(tmp_path / "cat")
    text = (cat / "drg.csv").read_text(encoding="utf-8")
    (cat / "drg.csv").write_bytes(text.encode("gbk", errors="replace"))
    assert run("catalog", "manifest", str(cat)).returncode == 0
    clear_error(run("catalog", "show", str(cat)), "drg.csv:2", "not UTF-8")


def test_an_unterminated_quote_in_a_big_table_is_refused_quickly(tmp_path: Path) -> None:
    cat = copy_demo_catalog(tmp_path / "cat")
    lines = (cat / "icd10_dx.csv").read_text(encoding="utf-8").splitlines()
    filler = [lines[-1]] * 63_000
    (cat / "icd10_dx.csv").write_text("\n".join(lines[:2] + ['"' + lines[2]] + filler) + "\n", encoding="utf-8")
    assert run("catalog", "manifest", str(cat)).returncode == 0
    p = run("catalog", "show", str(cat), timeout=20)  # quadratic re-splitting took 30 s and more
    clear_error(p, "unterminated quoted field")


def test_invalid_utf8_in_a_code_column_never_reaches_the_output_undecodable() -> None:
    import pyarrow as pa

    g = dipdrg.Grouper("demo")
    codes = pa.array([b"K35.8\xff00", b"\xc3\x28"], pa.binary()).cast(pa.string(), safe=False)
    t = pa.table({"case_id": ["a", "b"], "sex": ["1", "1"], "age": ["40", "40"], "dx_codes": codes})
    out = g.group(t).to_pandas()
    assert len(out) == 2 and all("\ufffd" in w for w in out["warnings"].astype(str))


def test_a_budget_beyond_exact_doubles_is_refused(tmp_path: Path) -> None:
    scored = tmp_path / "scored.csv"
    scored.write_text("case_id,hospital_id,insurance_type,status,points\nA,H1,310,SCORED,100\n", encoding="utf-8")
    clear_error(run("settle", str(scored), "-o", str(tmp_path / "o.csv"), "--budget", "310=90071992547410"), "2^53")


# --- encodings and delimiters, named with the option that reads them ------------------------------------

def test_gbk_files_are_named_and_read_with_encoding(tmp_path: Path) -> None:
    src = tmp_path / "gbk.csv"
    src.write_bytes("case_id,gender,age,dx_codes,px_codes\n甲,1,50,K35.800,\n".encode("gbk"))
    clear_error(run("group", str(src), "-o", str(tmp_path / "o.csv"), "--catalog", "demo"), "gbk.csv:2",
                "--encoding gbk")
    p = run("group", str(src), "-o", str(tmp_path / "o.csv"), "--catalog", "demo", "--encoding", "gbk")
    assert p.returncode == 0, p.stderr
    assert pd.read_csv(tmp_path / "o.csv", dtype=str)["case_id"].tolist() == ["甲"]


@pytest.mark.parametrize("delimiter", [";", "\t"])
def test_a_wrong_delimiter_is_named(tmp_path: Path, delimiter: str) -> None:
    src = tmp_path / "semi.csv"
    src.write_text(delimiter.join(["case_id", "gender", "age", "dx_codes", "px_codes"]) + "\n"
                   + delimiter.join(["A", "1", "50", "K35.800", ""]) + "\n", encoding="utf-8")
    clear_error(run("group", str(src), "-o", str(tmp_path / "o.csv"), "--catalog", "demo"), "--delimiter")
    p = run("group", str(src), "-o", str(tmp_path / "o.csv"), "--catalog", "demo", "--delimiter", delimiter)
    assert p.returncode == 0, p.stderr


def test_an_excel_file_given_to_group_is_named(tmp_path: Path) -> None:
    pd.DataFrame({"case_id": ["A"], "gender": ["1"], "age": ["50"], "dx_codes": ["K35.800"]}).to_excel(
        tmp_path / "cases.xlsx", index=False)
    clear_error(run("group", str(tmp_path / "cases.xlsx"), "-o", str(tmp_path / "o.csv"), "--catalog", "demo"),
                "CSV UTF-8")


def test_group_row_counts_match_pythons_csv_on_random_files(tmp_path: Path) -> None:
    """A differential property: any bytes of quotes, separators, line breaks and text give as many
    output rows as Python's csv module reads records."""
    hypothesis = pytest.importorskip("hypothesis")
    from hypothesis import strategies as st

    alphabet = st.sampled_from(['"', ",", "\n", "\r\n", "\u2028", "\x0c", "A", "K35.800", "1", " ", "x"])

    @hypothesis.settings(max_examples=25, deadline=None)
    @hypothesis.given(st.lists(alphabet, min_size=0, max_size=60))
    def check(parts: list[str]) -> None:
        src = tmp_path / "random.csv"
        src.write_text("case_id,gender,age,dx_codes,px_codes\n" + "".join(parts), encoding="utf-8", newline="")
        out = tmp_path / "out.csv"
        p = run("group", str(src), "-o", str(out), "--catalog", "demo", "--no-progress")
        assert p.returncode == 0, p.stderr
        with out.open(encoding="utf-8", newline="") as f:
            got = sum(1 for _ in csv.DictReader(f))
        assert got == standard_count(src)

    check()


def test_a_year_with_repeated_case_ids_keeps_every_row(tmp_path: Path) -> None:
    from dipdrg.demo import write_year
    from dipdrg.jobs import settle_year

    df = pd.read_parquet(write_year(tmp_path / "y.parquet", 3000))
    df["case_id"] = "X" + (df.index % 7).astype(str)  # a city's ids need not be unique
    df.to_parquet(tmp_path / "dup.parquet")
    result = settle_year(tmp_path / "dup.parquet", city="demo-city", out_dir=tmp_path / "out", progress=False,
                         report=False)
    assert result.rows == 3000
    assert len(pd.read_parquet(tmp_path / "out" / "cases.parquet")) == 3000
    assert len(result.candidates) == int(3000 * 0.005)
