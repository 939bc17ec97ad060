"""Tables in and out: pandas, pyarrow, dict of columns, column mappings, misuse errors."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest

import dipdrg

@pytest.fixture(scope="module")
def demo_df(demo_cases: Path) -> pd.DataFrame:
    return pd.read_csv(demo_cases, dtype=str, keep_default_na=False)


def test_pandas_in_pandas_out_same_order(demo_df: pd.DataFrame) -> None:
    g = dipdrg.Grouper("demo")
    shuffled = demo_df.sample(frac=1.0, random_state=7).reset_index(drop=True)
    out = g.group(shuffled)
    assert isinstance(out, pd.DataFrame)
    assert list(out["case_id"]) == list(shuffled["case_id"])
    base = g.group(demo_df).set_index("case_id")
    assert (out.set_index("case_id").loc[base.index, "drg"] == base["drg"]).all()


def test_arrow_in_arrow_out(demo_df: pd.DataFrame) -> None:
    g = dipdrg.Grouper("demo")
    table = pa.Table.from_pandas(demo_df, preserve_index=False)
    out = g.group(table)
    assert isinstance(out, pa.Table)
    assert out.column("drg").to_pylist() == list(g.group(demo_df)["drg"])


def test_numeric_columns_and_nulls() -> None:
    g = dipdrg.Grouper("demo")
    df = pd.DataFrame({"sex": [2, 1, None], "age": [0.0, 45.0, float("nan")], "age_days": [3, 16500, 1],
                       "weight_g": [1200, None, None], "dx_codes": ["P07.200", "K80.100", "P07.200"]})
    out = g.group(df)
    assert list(out["status"][:1]) == ["OK"]
    assert out["status"][2] == "CHECK_FAILED"


def test_list_columns_for_codes() -> None:
    g = dipdrg.Grouper("demo")
    table = pa.table({"sex": ["2"], "age": ["0"], "age_days": ["3"], "weight_g": ["1200"],
                      "dx_codes": pa.array([["P07.200"]], type=pa.list_(pa.string()))})
    assert g.group(table).column("adrg").to_pylist() == ["PS1"]


def test_column_mapping() -> None:
    g = dipdrg.Grouper("demo")
    data = {"xb": ["2"], "nl": ["0"], "rl": ["3"], "tz": ["1200"], "zd": ["P07.200"]}
    out = g.group(data, columns={"sex": "xb", "age": "nl", "age_days": "rl", "weight_g": "tz", "dx_codes": "zd"})
    assert out.column("adrg").to_pylist() == ["PS1"]


def test_missing_required_column_is_named() -> None:
    g = dipdrg.Grouper("demo")
    with pytest.raises(ValueError, match="dx_codes"):
        g.group({"sex": ["1"], "age": ["3"]})
    with pytest.raises(ValueError, match="no column 'nope'"):
        g.group({"sex": ["1"], "age": ["3"], "dx_codes": ["A00"]}, columns={"dx_codes": "nope"})


def test_wrong_input_type() -> None:
    with pytest.raises(TypeError, match="DataFrame"):
        dipdrg.Grouper("demo").group(42)


def test_polars_input_when_available() -> None:
    pl = pytest.importorskip("polars", reason="polars is optional; install it to test the polars path")
    g = dipdrg.Grouper("demo")
    df = pl.DataFrame({"sex": ["2"], "age": ["0"], "age_days": ["3"], "weight_g": ["1200"], "dx_codes": ["P07.200"]})
    assert g.group(df).column("adrg").to_pylist() == ["PS1"]
