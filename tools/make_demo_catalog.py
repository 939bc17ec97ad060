"""Regenerates the shipped demo catalog: an abridged excerpt of CHS-DRG 1.1 chosen by the
project (a few dozen ADRGs, real codes, short lists), so the main job runs without
../shared. Usage: python tools/make_demo_catalog.py ../shared/reference/chs-drg-1.1

The demo is for trying the tool, not for payment: its lists are cut to a handful of codes
per ADRG, so real cases group differently than under the full national scheme.
"""
from __future__ import annotations

import csv
import hashlib
import json
import sys
from collections import defaultdict
from pathlib import Path

# ADRGs chosen to cover every rule kind of the grouper.
DEMO_ADRGS = [
    "AH1", "AE1",                                   # MDCA: ventilation/ECMO, kidney transplant
    "PB1", "PR1", "PS1", "PS2", "PS3", "PS4", "PU1", "PV1",  # neonates
    "YC1", "YR1",                                   # HIV
    "ZB1", "ZZ1",                                   # multiple trauma
    "MA1", "MZ1", "NA2", "NZ1",                     # male / female
    "BR2", "BX2", "CB3", "DT1", "ES3", "EX1",       # nervous, eye, ENT, respiratory
    "FB1", "FM1", "FR2", "FT2",                     # circulatory (two-procedure FB1)
    "GB1", "GD1", "GK1", "GZ1",                     # digestive
    "HC1", "HS2", "IB3", "IC2", "IU1",              # hepatobiliary, musculoskeletal
    "JA1", "JR1", "KS1", "LR1", "OB1", "OR1",       # breast combination rule, endocrine, kidney, obstetric
    "QS1", "RE1", "RU1", "SR1", "SB1", "TR1", "UR1", "VR1", "WJ1", "WR1", "XJ1", "XR1",
]
MAX_DX = 12
MAX_PX = 12
MAX_CC = 400


def read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def write(path: Path, header: list[str], rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=header, lineterminator="\n")
        w.writeheader()
        for r in rows:
            w.writerow({k: r.get(k, "") for k in header})


def main(ref: Path, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    adrg = [r for r in read(ref / "adrg.csv") if r["adrg"] in DEMO_ADRGS]
    chosen = {r["adrg"] for r in adrg}
    mdcs_used = {r["mdc"] for r in adrg}
    mdc_rows = read(ref / "mdc.csv")
    mdc_dx_all = read(ref / "mdc_dx.csv")
    on_mdc = defaultdict(set)
    for r in mdc_dx_all:
        on_mdc[r["code"]].add(r["mdc"])
    adrg_mdc = {r["adrg"]: r["mdc"] for r in adrg}

    adrg_dx: list[dict[str, str]] = []
    per = defaultdict(int)
    for r in read(ref / "adrg_dx.csv"):
        a = r["adrg"]
        # Keep entries the ADRG's MDC admits, so every demo entry is reachable.
        if a in chosen and per[a] < MAX_DX and (adrg_mdc[a] in on_mdc[r["code"]] or a.startswith("P") or a == "YC1"):
            adrg_dx.append(r)
            per[a] += 1
    adrg_px: list[dict[str, str]] = []
    per_px = defaultdict(int)
    for r in read(ref / "adrg_px.csv"):
        key = (r["adrg"], r["list"], r["combo_group"])
        if r["adrg"] in chosen and per_px[key] < MAX_PX:
            adrg_px.append(r)
            per_px[key] += 1
    dx_codes = {r["code"] for r in adrg_dx}
    mdc_dx = [r for r in mdc_dx_all if r["code"] in dx_codes and r["mdc"] in mdcs_used]
    # MDCZ needs trauma codes of several regions: keep a few per region.
    per_region = defaultdict(int)
    for r in mdc_dx_all:
        if r["mdc"] == "MDCZ" and per_region[r["trauma_region"]] < 4 and r not in mdc_dx:
            mdc_dx.append(r)
            per_region[r["trauma_region"]] += 1
            dx_codes.add(r["code"])
    cc = read(ref / "cc_mcc.csv")
    cc_rows = [r for r in cc if r["code"] in dx_codes]
    for r in cc:
        if len(cc_rows) >= MAX_CC:
            break
        if r not in cc_rows:
            cc_rows.append(r)
    dx_codes |= {r["code"] for r in cc_rows}
    excl = [r for r in read(ref / "cc_exclusion.csv") if r["principal_dx"] in dx_codes]
    px_codes = {r["code"] for r in adrg_px}
    or_rows = read(ref / "or_px.csv")
    or_codes = {r["code"] for r in or_rows}
    # A few OR procedures outside every list, for MDCA fall-through and QY demonstrations.
    extra_or = [r for r in or_rows if r["code"] not in px_codes][:40]
    px_codes |= {r["code"] for r in extra_or}
    drg = [r for r in read(ref / "drg.csv") if r["adrg"] in chosen]
    mdc_out = []
    for r in mdc_rows:
        if r["mdc"] in mdcs_used:
            r = dict(r)
            r["n_principal_dx"] = str(sum(1 for x in mdc_dx if x["mdc"] == r["mdc"]))
            r["n_adrg"] = str(sum(1 for x in adrg if x["mdc"] == r["mdc"]))
            mdc_out.append(r)
    for r in adrg:
        r["n_dx"] = str(sum(1 for x in adrg_dx if x["adrg"] == r["adrg"]))
        r["n_px_list1"] = str(sum(1 for x in adrg_px if x["adrg"] == r["adrg"] and x["list"] == "1"))
        r["n_px_list2"] = str(sum(1 for x in adrg_px if x["adrg"] == r["adrg"] and x["list"] == "2"))

    tables = {
        "mdc.csv": (["mdc", "name_zh", "eval_order", "entry_rule", "n_principal_dx", "n_adrg"], mdc_out),
        "mdc_dx.csv": (["mdc", "code", "trauma_region"], mdc_dx),
        "adrg.csv": (list(read(ref / "adrg.csv")[0].keys()), adrg),
        "adrg_dx.csv": (["adrg", "code"], adrg_dx),
        "adrg_px.csv": (["adrg", "code", "list", "combo_group"], adrg_px),
        "drg.csv": (["drg", "name_zh", "adrg", "mdc", "order_in_adrg", "severity_digit", "split_rule"], drg),
        "cc_mcc.csv": (["code", "level", "exclusion_table", "name_zh"], cc_rows),
        "cc_exclusion.csv": (["principal_dx", "exclusion_table"], excl),
        "or_px.csv": (["code", "name_zh"], [r for r in or_rows if r["code"] in px_codes]),
        "icd10_dx.csv": (["code", "name_zh"], [r for r in read(ref / "icd10_dx.csv") if r["code"] in dx_codes]),
        "icd9cm3_px.csv": (["code", "name_zh", "is_or"],
                           [dict(r, is_or="1" if r["code"] in or_codes else "0")
                            for r in read(ref / "icd9cm3_px.csv") if r["code"] in px_codes]),
    }
    for name, (header, rows) in tables.items():
        write(out / name, header, rows)
    manifest = {
        "scheme": "chs-drg",
        "version": "1.1-demo",
        "region": "000000",
        "effective_from": "2021-01-01",
        "effective_to": "",
        "source": "dipdrg demo: an abridged excerpt of the national CHS-DRG 1.1 grouping scheme "
                  f"({len(adrg)} ADRGs, lists cut to at most {MAX_DX} codes). For trying the tool, not for payment.",
        "licence": "Code lists: NHSA CHS-DRG 1.1 as structured by OpenDRG (Apache-2.0); see NOTICE.md",
        "tables": {name: hashlib.sha256((out / name).read_bytes()).hexdigest() for name in sorted(tables)},
        "options": {"quiet_fallthrough_mdcs": ["MDCA", "MDCV", "MDCX"]},
    }
    (out / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {out}: {len(mdc_out)} MDCs, {len(adrg)} ADRGs, {len(drg)} DRGs, "
          f"{len(dx_codes)} diagnoses, {len(px_codes)} procedures")


if __name__ == "__main__":
    ref_dir = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/reference/chs-drg-1.1")
    main(ref_dir, Path(__file__).resolve().parent.parent / "catalogs" / "chs-drg" / "000000" / "1.1-demo")
