"""Grouper: single cases, explanations, options, immutability, pickling, threads."""
from __future__ import annotations

import pickle
import threading

import pandas as pd
import pytest

import dipdrg


def test_group_one_neonate_weight_band() -> None:
    g = dipdrg.Grouper("demo")
    r = g.group_one(sex=2, age=0, age_days=3, weight_g=1200, dx_codes="P07.200")
    assert (r.status, r.mdc, r.adrg) == ("OK", "MDCP", "PS1")
    assert r.drg.startswith("PS1")


def test_explain_renders_in_chinese_and_english(reference_grouper) -> None:  # type: ignore[no-untyped-def]
    fields = dict(sex=1, age=59, age_days=21885, dx_codes="E77.000x002|M50.200x001", px_codes="54.3x00x004")
    r = reference_grouper.group_one(**fields)
    assert (r.mdc, r.adrg, r.drg) == ("MDCK", "KJ1", "KJ15")
    zh = r.trace.to_text("zh")
    assert zh == ["E77.000x002 粘脂贮积病II型[I细胞病]", "M50.200x001 颈椎间盘脱出", "54.3x00x004 腹壁窦道扩创术",
                  "符合MDCK入组条件，匹配规则：主诊断匹配", "符合KJ1入组条件，匹配规则：主手术匹配",
                  "主诊断E77.000x002排除表52"]
    en = reference_grouper.explain(**fields).to_text("en")
    assert any("fall" in line for line in en)  # the silent MDCA fall-through is in the full trace
    assert en[-1].startswith("assigned DRG KJ15")
    steps = {e.step for e in r.trace.events}
    assert {"codes", "mdc", "adrg", "split", "result"} <= steps
    split = [e for e in r.trace.events if e.step == "split"]
    assert split[0].table == "cc_exclusion" and split[0].subject == "E77.000x002"


def test_deciding_cc_is_reported(reference_grouper) -> None:  # type: ignore[no-untyped-def]
    r = reference_grouper.group_one(sex=1, age=60, age_days=21900, dx_codes="J96.100|G93.600x005")
    assert r.drg == "ER33" and r.cc_code == "G93.600x005" and r.cc_level == "CC"


def test_options_are_keyword_only_and_validated() -> None:
    with pytest.raises(TypeError):
        dipdrg.Grouper("demo", True)  # type: ignore[misc]
    with pytest.raises(ValueError, match="principal_procedure"):
        dipdrg.Grouper("demo", principal_procedure="best")
    g = dipdrg.Grouper("demo", ambiguous_group=True)
    assert g.options["ambiguous_group"] is True
    assert dipdrg.Grouper("demo").options["ambiguous_group"] is False


def test_grouper_is_immutable() -> None:
    g = dipdrg.Grouper("demo")
    with pytest.raises(AttributeError):
        g.foo = 1  # type: ignore[attr-defined]


def test_pickle_by_catalog_identity() -> None:
    g = dipdrg.Grouper("demo", pv1_min_age_days=29)
    data = pickle.dumps(g)
    assert len(data) < 2000  # identity, not content
    g2 = pickle.loads(data)
    assert g2.options == g.options and g2.catalog.digest == g.catalog.digest
    cat = pickle.loads(pickle.dumps(g.catalog))
    assert cat.digest == g.catalog.digest


def test_threads_give_identical_results(reference_grouper, conformance_rows) -> None:  # type: ignore[no-untyped-def]
    df = pd.DataFrame(conformance_rows)
    one = reference_grouper.group(df, threads=1)
    two = reference_grouper.group(df, threads=2)
    pd.testing.assert_frame_equal(one, two)
    # One grouper shared by Python threads.
    results: list[pd.DataFrame] = []
    workers = [threading.Thread(target=lambda: results.append(reference_grouper.group(df, threads=1)))
               for _ in range(3)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    for r in results:
        pd.testing.assert_frame_equal(one, r)


def test_threads_must_be_positive() -> None:
    with pytest.raises(ValueError, match="threads"):
        dipdrg.Grouper("demo").group({"sex": ["1"], "age": ["3"], "dx_codes": ["A00.000"]}, threads=0)


def test_batch_explain_in_english_with_progress_bar(capsys: pytest.CaptureFixture[str]) -> None:
    g = dipdrg.Grouper("demo")
    data = {"sex": ["2", "1"], "age": ["0", "40"], "age_days": ["3", None], "weight_g": ["1200", None],
            "dx_codes": ["P07.200", "NOPE"]}
    out = g.group(data, explain=True, language="en", progress=True)
    traces = out.column("trace").to_pylist()
    assert "entered MDCP" in traces[0] and "assigned DRG PS1" in traces[0]
    assert "ungroupable" in traces[1]
    assert "grouping" in capsys.readouterr().err  # the tqdm bar went to stderr
    with pytest.raises(ValueError, match="language"):
        g.group(data, language="fr")


def test_trace_names_the_matching_codes(reference_grouper) -> None:  # type: ignore[no-untyped-def]
    r = reference_grouper.group_one(sex=1, age=59, dx_codes="E77.000x002|M50.200x001", px_codes="54.3x00x004")
    entered = [e for e in r.trace.events if e.step == "mdc" and e.subject == "MDCK"][0]
    matched = [e for e in r.trace.events if e.step == "adrg"][0]
    assert entered.codes == ("E77.000x002",) and entered.rule == "principal_dx_in_mdc_list"
    assert matched.subject == "KJ1" and matched.codes == ("54.3x00x004",) and matched.rule == "principal_px"
    assert "matched 54.3x00x004" in matched.text_en
