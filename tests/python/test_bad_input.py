"""Bad input never crashes and is never dropped: each problem becomes a status or warning."""
from __future__ import annotations

import pytest

import dipdrg


@pytest.fixture(scope="module")
def g() -> dipdrg.Grouper:
    return dipdrg.Grouper("demo")


def test_unknown_codes_warn_and_group(g: dipdrg.Grouper) -> None:
    r = g.group_one(sex=2, age=0, age_days=3, weight_g=1200, dx_codes="P07.200|ZZZ.999", px_codes="99.9999x999")
    assert r.status == "OK"
    assert any("ZZZ.999" in w for w in r.warnings) and any("99.9999x999" in w for w in r.warnings)


def test_unknown_principal_is_ungroupable(g: dipdrg.Grouper) -> None:
    r = g.group_one(sex=1, age=40, dx_codes="NOT.A.CODE")
    assert (r.status, r.drg) == ("UNGROUPABLE", "0000")
    assert r.trace.to_text("zh")[0] == "NOT.A.CODE 未知名称"


def test_empty_lists(g: dipdrg.Grouper) -> None:
    r = g.group_one(sex=1, age=40, dx_codes="", px_codes="")
    assert r.status == "UNGROUPABLE"
    assert r.trace.to_text("zh")[0] == " 未知名称"
    r = g.group_one(sex=1, age=40, dx_codes=None)
    assert r.status == "UNGROUPABLE"


@pytest.mark.parametrize("age", ["abc", "1.5", "--3", "１２"])
def test_non_numeric_age(g: dipdrg.Grouper, age: str) -> None:
    r = g.group_one(sex=1, age=age, dx_codes="K80.100")
    assert r.status == "CHECK_FAILED"
    assert age in r.message


@pytest.mark.parametrize("sex,ok", [("男", True), ("女", True), ("1.0", True), ("3", False), ("", False),
                                    ("X", False)])
def test_sex_values(g: dipdrg.Grouper, sex: str, ok: bool) -> None:
    r = g.group_one(sex=sex, age=40, dx_codes="K80.100")
    assert (r.status != "CHECK_FAILED") is ok
    if not ok:
        assert r.message.startswith("病人性别取值必须为1或2：")


def test_unparsable_unused_field_is_a_warning(g: dipdrg.Grouper) -> None:
    r = g.group_one(sex=1, age=40, dx_codes="K80.100", los_days="ten", total_cost="12,34x")
    assert any("los_days" in w for w in r.warnings) and any("total_cost" in w for w in r.warnings)


def test_batch_keeps_every_row(g: dipdrg.Grouper) -> None:
    data = {"sex": ["1", "abc", None, "2"], "age": ["40", "40", "40", None], "dx_codes": ["K80.100", "", None, "x"]}
    out = g.group(data)
    assert out.num_rows == 4
    assert out.column("status").to_pylist()[1:] == ["CHECK_FAILED", "CHECK_FAILED", "CHECK_FAILED"]
