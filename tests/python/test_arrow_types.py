"""Arrow columns are read as what they are: every supported type gives the same result as the
same values as text — integers, floats, decimals (exact: money never passes through a float),
dates and timestamps (the local calendar date), strings, large strings, string views,
dictionaries and lists — and an unsupported type is refused naming the column. Rows in = rows
out on every path."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest

import dipdrg

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "examples" / "data" / "demo-cases.csv"
REIMBURSE = ROOT / "examples" / "data" / "reimbursement-demo.csv"

INTEGERS = [pa.int8(), pa.int16(), pa.int32(), pa.int64(), pa.uint8(), pa.uint16(), pa.uint32(), pa.uint64()]
FLOATS = [pa.float32(), pa.float64()]
DECIMALS = [pa.decimal32(5, 0), pa.decimal64(10, 0), pa.decimal128(18, 0), pa.decimal128(20, 2)]
STRINGS = [pa.string(), pa.large_string(), pa.string_view()]


@pytest.fixture(scope="module")
def cases() -> pd.DataFrame:
    df = pd.read_csv(DEMO, dtype=str, keep_default_na=False)
    # Whole numbers only, so that every numeric type can hold them.
    return df[df["age"].str.fullmatch(r"\d+") & df["los_days"].str.fullmatch(r"\d+")].head(300).reset_index(drop=True)


@pytest.fixture(scope="module")
def grouper() -> dipdrg.Grouper:
    return dipdrg.Grouper("demo")


def _as_text(grouper: dipdrg.Grouper, table: pa.Table) -> pd.DataFrame:
    out = grouper.group(table)
    assert out.num_rows == table.num_rows  # rows in = rows out
    return out.to_pandas()[["case_id", "status", "drg", "message"]]


@pytest.mark.parametrize("type_", INTEGERS + FLOATS + DECIMALS + STRINGS, ids=str)
def test_numeric_fields_of_every_type_group_as_their_text(cases: pd.DataFrame, grouper: dipdrg.Grouper,
                                                          type_: pa.DataType) -> None:
    text = pa.table({c: pa.array(cases[c].tolist(), pa.string()) for c in cases.columns})
    typed = text
    for column in ("age", "los_days"):
        values = [int(v) for v in cases[column]]
        if pa.types.is_decimal(type_):
            arr = pa.array([Decimal(v) for v in values], type_)
        elif pa.types.is_string(type_) or pa.types.is_large_string(type_) or pa.types.is_string_view(type_):
            arr = pa.array([str(v) for v in values], type_)
        else:
            arr = pa.array(values, type_)
        typed = typed.set_column(typed.schema.get_field_index(column), column, arr)
    pd.testing.assert_frame_equal(_as_text(grouper, typed), _as_text(grouper, text))


def test_dictionaries_and_code_lists(cases: pd.DataFrame, grouper: dipdrg.Grouper) -> None:
    text = pa.table({c: pa.array(cases[c].tolist(), pa.string()) for c in cases.columns})
    typed = text.set_column(text.schema.get_field_index("dept"), "dept",
                            pa.array(cases["dept"].tolist()).dictionary_encode())
    for list_type in (pa.list_(pa.string()), pa.large_list(pa.large_string())):
        for column in ("dx_codes", "px_codes"):
            lists = [v.split("|") if v else [] for v in cases[column]]
            typed = typed.set_column(typed.schema.get_field_index(column), column, pa.array(lists, list_type))
        pd.testing.assert_frame_equal(_as_text(grouper, typed), _as_text(grouper, text))


def test_nulls_read_as_absent(cases: pd.DataFrame, grouper: dipdrg.Grouper) -> None:
    text = pa.table({c: pa.array(cases[c].tolist(), pa.string()) for c in cases.columns})
    nulls = text.set_column(text.schema.get_field_index("los_days"), "los_days", pa.nulls(len(cases), pa.int32()))
    empty = text.set_column(text.schema.get_field_index("los_days"), "los_days", pa.array([""] * len(cases)))
    pd.testing.assert_frame_equal(_as_text(grouper, nulls), _as_text(grouper, empty))


@pytest.fixture(scope="module")
def settlements() -> pd.DataFrame:
    df = pd.read_csv(REIMBURSE, dtype=str, keep_default_na=False)
    return df[~df["id"].str.startswith("BAD")].reset_index(drop=True)


def _reimburse(table: pa.Table) -> pd.DataFrame:
    out = dipdrg.reimburse(table, region="371400")
    out = out.to_pandas() if hasattr(out, "to_pandas") else out
    assert len(out) == table.num_rows
    return out[["id", "status", "policy", "fund_fen", "patient_fen"]].reset_index(drop=True)


def _text_table(df: pd.DataFrame) -> pa.Table:
    return pa.table({c: pa.array(df[c].tolist(), pa.string()) for c in df.columns})


@pytest.mark.parametrize("type_", [pa.decimal128(18, 2), pa.decimal128(38, 6), pa.decimal64(18, 2), pa.float64()],
                         ids=str)
def test_money_columns_of_every_type(settlements: pd.DataFrame, type_: pa.DataType) -> None:
    text = _text_table(settlements)
    typed = text
    for column in ("eligible", "total_cost"):
        values = [Decimal(v) if v else None for v in settlements[column]]
        arr = pa.array([float(v) if v is not None else None for v in values], type_) if pa.types.is_floating(type_) \
            else pa.array(values, type_)
        typed = typed.set_column(typed.schema.get_field_index(column), column, arr)
    pd.testing.assert_frame_equal(_reimburse(typed), _reimburse(text))


def test_decimal_digits_beyond_a_floats_reach_are_kept(settlements: pd.DataFrame) -> None:
    # 18 significant digits: a float64 cannot hold 9876543210.123456 exactly, a decimal can; the
    # amount must read as the text would (rounded once, to the fen).
    row = settlements.head(1)
    text = _text_table(row.assign(eligible="9876543210.125001"))
    typed = text.set_column(text.schema.get_field_index("eligible"), "eligible",
                            pa.array([Decimal("9876543210.125001")], pa.decimal128(38, 6)))
    pd.testing.assert_frame_equal(_reimburse(typed), _reimburse(text))


@pytest.mark.parametrize("make", [
    lambda d: pa.array(d, pa.date32()),
    lambda d: pa.array(d, pa.date64()),
    lambda d: pa.array([dt.datetime.combine(x, dt.time(9, 30)) for x in d], pa.timestamp("s")),
    lambda d: pa.array([dt.datetime.combine(x, dt.time(23, 59)) for x in d], pa.timestamp("us")),
    # Midnight-and-a-half in Shanghai is the evening before in UTC: the local date counts.
    lambda d: pa.array([dt.datetime.combine(x, dt.time(0, 30), tzinfo=dt.timezone(dt.timedelta(hours=8)))
                        for x in d], pa.timestamp("ms", tz="Asia/Shanghai")),
    lambda d: pa.array([dt.datetime.combine(x, dt.time(0, 30), tzinfo=dt.timezone(dt.timedelta(hours=8)))
                        for x in d], pa.timestamp("ns", tz="+08:00")),
], ids=["date32", "date64", "timestamp[s]", "timestamp[us]", "timestamp[ms, Asia/Shanghai]", "timestamp[ns, +08:00]"])
def test_dates_of_every_type_choose_the_version_in_force(settlements: pd.DataFrame, make) -> None:  # type: ignore[no-untyped-def]
    text = _text_table(settlements)
    days = [dt.date.fromisoformat(v) for v in settlements["date"]]
    typed = text.set_column(text.schema.get_field_index("date"), "date", make(days))
    pd.testing.assert_frame_equal(_reimburse(typed), _reimburse(text))


def test_a_named_zone_outside_china_is_refused_naming_the_column(settlements: pd.DataFrame) -> None:
    text = _text_table(settlements)
    when = pa.array([dt.datetime(2022, 6, 1, tzinfo=dt.timezone.utc)] * len(settlements),
                    pa.timestamp("s", tz="Europe/Berlin"))
    with pytest.raises(ValueError, match="date.*Europe/Berlin"):
        dipdrg.reimburse(text.set_column(text.schema.get_field_index("date"), "date", when), region="371400")
