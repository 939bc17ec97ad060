"""dipdrg.reimburse on tables: policy versions by date, section presets, statuses for bad
rows, misuse errors, the CLI, and a few worked examples end to end (to the fen)."""
from __future__ import annotations

import pickle
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import dipdrg

DEMO = Path(__file__).resolve().parents[2] / "examples" / "data" / "reimbursement-demo.csv"


@pytest.fixture(scope="module")
def demo() -> pd.DataFrame:
    return pd.read_csv(DEMO, dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def settled(demo: pd.DataFrame) -> pd.DataFrame:
    return dipdrg.reimburse(demo, region="371400", trace=True).set_index("id")


def test_worked_examples_to_the_fen(settled: pd.DataFrame) -> None:
    assert settled.loc["A", "fund_fen"] == 1857250
    assert settled.loc["B", "fund_fen"] == 1779050
    assert settled.loc["C", "fund_fen"] == 260850
    assert settled.loc["E", "fund_fen"] == 2708750
    assert settled.loc["E", "ratios"] == "0.85|0.95"
    assert settled.loc["F", "fund_fen"] == 2511750


def test_the_version_in_force_on_each_date(settled: pd.DataFrame) -> None:
    assert settled.loc["A", "policy"] == "dezhou-2021"
    assert settled.loc["A-2022", "policy"] == "dezhou-2022"
    assert settled.loc["A-2022", "ratios"] == "0.9"  # +5 points after the trial


def test_amounts_add_up(settled: pd.DataFrame) -> None:
    ok = settled[settled["status"] == "OK"]
    layers = [c for c in ok.columns if c.startswith("layer_") and c.endswith("_fen")]
    total = ok["fund_fen"] + ok[layers].sum(axis=1) + ok["patient_fen"]
    ffs = ok[ok["settled_as"] == "fee_for_service"]
    assert (total[ffs.index] == ffs["total_cost_fen"]).all()
    assert (ok["hospital_fund_payment_fen"] + ok["patient_fen"] == ok["hospital_payment_fen"]).all()


def test_modes_and_statuses(settled: pd.DataFrame) -> None:
    assert settled.loc["G-drg", "hospital_payment_fen"] == 4600000
    assert settled.loc["G-drg", "hospital_balance_fen"] == 4600000 - 5200000
    assert settled.loc["C-too-long", "status"] == "DAY_WARD_NOT_ELIGIBLE"
    assert "DW-days" in settled.loc["C-too-long", "message"]
    assert settled.loc["BD", "hospital_payment_fen"] == 390000 + 30000  # limit 130 × 30 plus self-pay
    assert settled.loc["BAD-level", "status"] == "BAD_INPUT"
    assert "level" in settled.loc["BAD-level", "message"]
    assert settled.loc["BAD-amount", "status"] == "BAD_INPUT"
    assert "eligible 'abc'" in settled.loc["BAD-amount", "message"]
    assert "U2" in settled.loc["A", "trace"] and "U4" in settled.loc["A", "trace"]


def test_rows_without_a_policy_in_force(demo: pd.DataFrame) -> None:
    early = demo.head(2).assign(date="2020-01-01")
    out = dipdrg.reimburse(early, region="371400")
    assert list(out["status"]) == ["NO_POLICY", "NO_POLICY"]
    assert list(out["id"]) == ["A", "A-2022"]


def test_section_presets_and_other_inputs() -> None:
    import pyarrow as pa

    policy = dipdrg.ReimbursementPolicy.load("dezhou/2021", day_ward="qingdao")
    assert "day_ward" in policy.sections
    table = pa.table({"hospital": ["海慈医院"], "level": ["3"], "mode": ["tcm_day_ward"], "tcm_disease": ["面瘫"],
                      "department": ["针灸科"], "eligible": ["5000"], "insurance": ["居民"]})
    out = dipdrg.reimburse(table, policy=policy)
    assert out["status"][0] == "OK"
    assert out["fund_fen"][0] == 195000  # 65% of the 3 000 cap


def test_column_mapping_and_misuse(demo: pd.DataFrame) -> None:
    renamed = demo.rename(columns={"eligible": "zfy"})
    out = dipdrg.reimburse(renamed, policy="dezhou/2021", columns={"eligible": "zfy"})
    assert out["fund_fen"][0] == 1857250
    with pytest.raises(ValueError, match="exactly one"):
        dipdrg.reimburse(demo, policy="dezhou/2021", region="371400")
    with pytest.raises(KeyError, match="zzz"):
        dipdrg.reimburse(demo, policy="dezhou/2021", columns={"eligible": "zzz"})
    with pytest.raises(ValueError, match="unknown reimbursement policy"):
        dipdrg.ReimbursementPolicy.load("atlantis/2021")
    with pytest.raises(ValueError, match="section"):
        dipdrg.ReimbursementPolicy.load("dezhou/2021", ratios="x")


def test_policy_pickles_by_identity() -> None:
    p = dipdrg.ReimbursementPolicy.load("dezhou/2021", bed_day="xingtai")
    q = pickle.loads(pickle.dumps(p))
    assert (q.name, q.sections) == (p.name, p.sections)


def test_bed_day_counters_table() -> None:
    stays = pd.DataFrame({"person": ["p", "p"], "scope": ["psychiatry"] * 2,
                          "admission": ["2023-01-01", "2023-03-10"], "discharge": ["2023-03-01", "2023-04-09"]})
    out = dipdrg.bed_day_counters(stays)
    assert list(out["days_before"]) == [0, 59]


def test_cli(tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    run = subprocess.run([sys.executable, "-m", "dipdrg", "reimburse", str(DEMO), "-o", str(out), "--region", "371400"],
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert "12 settlements" in run.stderr
    table = pd.read_csv(out, dtype=str)
    assert table.set_index("id").loc["A", "fund_yuan"] == "18572.50"
    listing = subprocess.run([sys.executable, "-m", "dipdrg", "reimburse", "--list"], capture_output=True, text=True)
    assert "dezhou-2022" in listing.stdout and "371400" in listing.stdout
    bad = subprocess.run([sys.executable, "-m", "dipdrg", "reimburse", str(DEMO), "-o", str(out)],
                         capture_output=True, text=True)
    assert bad.returncode != 0 and "--policy" in bad.stderr


def test_indicators_actual_vs_policy_range(settled: pd.DataFrame) -> None:
    table = dipdrg.reimbursement_indicators(settled.reset_index())
    row = table[(table["hospital"] == "德州市人民医院") & (table["month"] == "2021-09")].iloc[0]
    assert row["total_cost_fen"] == 5200000 + 1250000
    assert row["actual_ratio"] < row["policy_range_ratio"]
    assert abs(row["actual_ratio"] - row["funds_fen"] / row["total_cost_fen"]) < 1e-12


def test_tcm_dip_scores_take_or_raise_the_western_score() -> None:
    cases = pd.DataFrame({"case_id": ["T1", "T2", "T3"], "sex": ["1", "2", "1"], "age": ["60", "50", "70"],
                          "dx_codes": ["J18.900", "J18.900", "M54.500"], "px_codes": ["", "", ""],
                          "western_dx": ["E11.900", "", "I63.900"]})
    grouper = dipdrg.Grouper("dip-demo")
    xingtai = dipdrg.tcm_dip_scores(cases, grouper=grouper, policy="xingtai/2024")
    assert xingtai["score"][0] == xingtai["western_score"][0] != xingtai["own_score"][0]
    assert xingtai["score"][1] == xingtai["own_score"][1]  # no Western mapping: unchanged
    assert xingtai["score"][2] == xingtai["western_score"][2]  # TCM code outside the catalog
    hebei = dipdrg.tcm_dip_scores(cases, grouper=grouper,
                                  policy=dipdrg.ReimbursementPolicy.load("xingtai/2024", tcm_dip_score="hebei"))
    expected = max(hebei["own_score"][0], 0.8 * hebei["western_score"][0])
    assert hebei["score"][0] == pytest.approx(expected)
    with pytest.raises(ValueError, match="tcm_dip_score"):
        dipdrg.tcm_dip_scores(cases, grouper=grouper, policy="dezhou/2021")


def test_arrow_and_text_paths_agree(demo: pd.DataFrame) -> None:
    import polars as pl

    policy = dipdrg.ReimbursementPolicy.load("dezhou/2021")
    via_arrow = dipdrg.reimburse(demo, policy=policy)
    via_polars = dipdrg.reimburse(pl.from_pandas(demo), policy=policy)
    mixed = demo.astype(object)
    mixed.loc[0, "level"] = 3  # an int among strings: not an Arrow column, so the text path reads it
    via_text = dipdrg.reimburse(mixed, policy=policy)
    pd.testing.assert_frame_equal(via_arrow, via_polars)
    pd.testing.assert_frame_equal(via_arrow, via_text)
    numeric = pd.DataFrame({"level": [3, 3], "eligible": [20000.0, float("nan")], "hospital": ["德州市中医院"] * 2,
                            "department": ["内分泌科"] * 2, "principal_dx": ["E11.900"] * 2, "tcm_hospital": [True, True]})
    out = dipdrg.reimburse(numeric, policy=policy)
    assert out["fund_fen"][0] == 1857250
    assert out["status"][1] == "BAD_INPUT"  # no eligible amount


def test_referral_pairs_linked_in_one_table() -> None:
    stays = pd.DataFrame({"id": ["S1", "S2"], "hospital": ["县医院", "市医院"], "level": ["2", "3"],
                          "department": ["内科", "心内科"], "eligible": ["10000", "20000"],
                          "principal_dx": ["I10", "I21.000"], "referral": ["none", "up"], "referred_from": ["", "S1"]})
    out = dipdrg.reimburse(stays, policy="wenzhou/2022")
    assert list(out["deductible_fen"]) == [60000, 40000]  # one deductible: 600, then the top-up to 1 000
    unlinked = dipdrg.reimburse(stays.drop(columns="referred_from"), policy="wenzhou/2022")
    assert list(unlinked["deductible_fen"]) == [60000, 100000]
