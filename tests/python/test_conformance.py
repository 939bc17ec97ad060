"""The 5,000 graded reference cases through the Python batch API (pandas in, pandas out)."""
from __future__ import annotations

import pandas as pd


def _canonical(line: str) -> str:
    # The two MDCZ lines list unordered sets (spec chs-drg-1.1 §11).
    for prefix, suffix in (("诊断", "在MDCZ的主诊表内"), ("诊断匹配MDCZ部位：", "")):
        if line.startswith(prefix) and line.endswith(suffix):
            body = line[len(prefix): len(line) - len(suffix)]
            return prefix + ",".join(sorted(body.split(","))) + suffix
    return line


def test_conformance_all_cases(reference_grouper, conformance_rows) -> None:  # type: ignore[no-untyped-def]
    df = pd.DataFrame(conformance_rows)
    out = reference_grouper.group(df, explain=True, threads=2)
    assert list(out["case_id"]) == list(df["case_id"])
    mismatches = []
    for row, (_, res) in zip(conformance_rows, out.iterrows()):
        got = (res["status"], res["status_zh"], res["mdc"], res["adrg"], res["drg"])
        want = (row["expected_status"], row["expected_status_zh"], row["expected_mdc"], row["expected_adrg"],
                row["expected_drg"])
        got_msgs = [_canonical(x) for x in res["trace"].split(" | ")]
        want_msgs = [_canonical(x) for x in row["expected_messages"].split(" | ")]
        if got != want or got_msgs != want_msgs:
            mismatches.append((row["case_id"], got, want))
    assert not mismatches, f"{len(mismatches)} mismatches, first: {mismatches[:3]}"
