"""The zero-copy Arrow path: every string layout, dictionary encoding, slices (offsets),
nulls and list columns give the same groups as the plain-text path."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest

import dipdrg

CASES = Path(__file__).resolve().parents[2] / "examples" / "data" / "demo-cases.csv"


@pytest.fixture(scope="module")
def demo() -> pd.DataFrame:
    return pd.read_csv(CASES, dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def expected(demo: pd.DataFrame) -> list[str]:
    # The slow path: a plain dict of lists never goes through Arrow.
    out = dipdrg.Grouper("demo").group({c: list(demo[c]) for c in demo.columns})
    return list(out.column("drg").to_pylist())


def _table(demo: pd.DataFrame, string_type: pa.DataType) -> pa.Table:
    return pa.table({c: pa.array([v if v != "" else None for v in demo[c]], type=string_type) for c in demo.columns})


@pytest.mark.parametrize("string_type", [pa.string(), pa.large_string(), pa.string_view()])
def test_string_layouts(demo: pd.DataFrame, expected: list[str], string_type: pa.DataType) -> None:
    out = dipdrg.Grouper("demo").group(_table(demo, string_type))
    assert out.column("drg").to_pylist() == expected


def test_dictionary_encoded_columns(demo: pd.DataFrame, expected: list[str]) -> None:
    table = _table(demo, pa.string())
    encoded = pa.table({name: table.column(name).dictionary_encode() for name in table.column_names})
    assert pa.types.is_dictionary(encoded.schema.field("dx_codes").type)
    assert dipdrg.Grouper("demo").group(encoded).column("drg").to_pylist() == expected


def test_slices_and_chunks(demo: pd.DataFrame, expected: list[str]) -> None:
    table = _table(demo, pa.string())
    sliced = table.slice(37, 100)
    assert dipdrg.Grouper("demo").group(sliced).column("drg").to_pylist() == expected[37:137]
    chunked = pa.concat_tables([table.slice(0, 150), table.slice(150)])
    assert chunked.column("drg" if "drg" in chunked.column_names else "dx_codes").num_chunks == 2
    assert dipdrg.Grouper("demo").group(chunked).column("drg").to_pylist() == expected
    batch = table.to_batches()[0].slice(5, 20)
    assert dipdrg.Grouper("demo").group(batch).column("drg").to_pylist() == expected[5:25]


def test_numeric_columns_nulls_and_lists() -> None:
    g = dipdrg.Grouper("demo")
    table = pa.table({
        "sex": pa.array([2, 1, None, 2], type=pa.int8()),
        "age": pa.array([0.0, 45.0, 30.0, None]),
        "age_days": pa.array([3, 16500, None, 2], type=pa.int64()),
        "weight_g": pa.array([1200, None, None, 1200], type=pa.uint16()),
        "dx_codes": pa.array([["P07.200"], ["K80.100", None], ["P07.200"], []], type=pa.list_(pa.string())),
        "px_codes": pa.array([[], None, [], []], type=pa.large_list(pa.large_string())),
    })
    out = g.group(table)
    assert out.column("adrg").to_pylist()[0] == "PS1"
    assert out.column("status").to_pylist()[2:] == ["CHECK_FAILED", "CHECK_FAILED"]


def test_pandas_goes_through_arrow_and_falls_back(demo: pd.DataFrame, expected: list[str]) -> None:
    g = dipdrg.Grouper("demo")
    assert list(g.group(demo)["drg"]) == expected
    mixed = pd.DataFrame({"sex": [1, "男"], "age": [40, "40"], "dx_codes": ["K80.100", "K80.100"]})
    out = g.group(mixed)  # mixed object columns cannot export Arrow: the slow path takes them
    assert list(out["status"]) == [out["status"][0]] * 2


def test_missing_column_and_bad_type() -> None:
    g = dipdrg.Grouper("demo")
    with pytest.raises(ValueError, match="dx_codes"):
        g.group(pa.table({"sex": ["1"], "age": ["2"]}))
    with pytest.raises(TypeError, match="dx_codes"):
        g.group(pa.table({"sex": ["1"], "age": ["2"], "dx_codes": pa.array([b"x"], type=pa.binary())}))
    with pytest.raises(ValueError, match="no column 'zd'"):
        g.group(pa.table({"sex": ["1"], "age": ["2"], "dx_codes": ["A"]}), columns={"dx_codes": "zd"})


def test_dip_grouper_reads_arrow_too() -> None:
    g = dipdrg.Grouper("dip-demo")
    table = pa.table({"sex": ["1"], "age": ["40"], "dx_codes": pa.array([["K35.300x001"]]),
                      "px_codes": pa.array([["47.0100"]])})
    assert g.group(table).column("dip_group").to_pylist() == [g.group_one(dx_codes="K35.300x001",
                                                                          px_codes="47.0100").dip_group]


def test_polars_and_duckdb_producers(demo: pd.DataFrame, expected: list[str]) -> None:
    pl = pytest.importorskip("polars", reason="polars is installed by scripts/setup.sh")
    duckdb = pytest.importorskip("duckdb", reason="duckdb is installed by scripts/setup.sh")
    g = dipdrg.Grouper("demo")
    frame = pl.DataFrame({c: list(demo[c]) for c in demo.columns})
    out = g.group(frame)
    assert out.column("drg").to_pylist() == expected
    assert pl.DataFrame(out).height == len(expected)  # polars takes the result back through Arrow
    relation = duckdb.sql("SELECT * FROM frame")
    assert g.group(relation).column("drg").to_pylist() == expected


def test_results_round_trip_as_arrow_stream(demo: pd.DataFrame) -> None:
    from dipdrg.tables import ArrowStream

    g = dipdrg.Grouper("demo")
    capsule = pa.Table.from_pandas(demo, preserve_index=False).__arrow_c_stream__()
    stream = ArrowStream(g._core.group_arrow_table(capsule, {}, 1, False, "zh"))
    table = stream.to_arrow()
    assert table.num_rows == len(demo)
    with pytest.raises(RuntimeError, match="consumed"):
        stream.to_arrow()


def test_progress_bar_on_arrow_input(demo: pd.DataFrame, expected: list[str],
                                     capsys: pytest.CaptureFixture[str]) -> None:
    out = dipdrg.Grouper("demo").group(_table(demo, pa.string()), progress=True)
    assert out.column("drg").to_pylist() == expected
    assert "grouping" in capsys.readouterr().err


def test_numpy_dict_slow_path(demo: pd.DataFrame, expected: list[str]) -> None:
    import numpy as np

    data = {c: np.asarray(demo[c].to_numpy(), dtype=object) for c in demo.columns}
    data["age"] = np.array([int(a) if a.isdigit() else -1 for a in demo["age"]])  # numeric numpy column
    out = dipdrg.Grouper("demo").group(data)
    drgs = out.column("drg").to_pylist()
    same = [d == e for d, e, a in zip(drgs, expected, demo["age"]) if a.isdigit()]
    assert same and all(same)
