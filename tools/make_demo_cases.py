"""Writes the shipped demo cases (examples/data/demo-cases.csv) from the demo catalog with a
seeded generator: surgical and medical cases per ADRG, neonates, multiple trauma, CC/MCC
secondaries, and a few deliberately bad rows (unknown codes, missing age, bad sex).
Usage: python tools/make_demo_cases.py
"""
from __future__ import annotations

import csv
import random
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CATALOG = ROOT / "catalogs" / "chs-drg" / "000000" / "1.1-demo"
OUT = ROOT / "examples" / "data" / "demo-cases.csv"
HEADER = ["case_id", "gender", "age", "age_days", "weight_g", "dept", "los_days", "discharge_type",
          "dx_codes", "px_codes", "hospital_id", "hospital_level", "insurance_type", "total_cost"]


def read(name: str) -> list[dict[str, str]]:
    with (CATALOG / name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def main(n: int = 400, seed: int = 20261122) -> None:
    rng = random.Random(seed)
    adrg = read("adrg.csv")
    dx_of = defaultdict(list)
    for r in read("adrg_dx.csv"):
        dx_of[r["adrg"]].append(r["code"])
    px_of = defaultdict(list)
    for r in read("adrg_px.csv"):
        px_of[(r["adrg"], r["list"])].append(r["code"])
    mdc_dx = defaultdict(list)
    regions = defaultdict(list)
    for r in read("mdc_dx.csv"):
        mdc_dx[r["mdc"]].append(r["code"])
        if r["trauma_region"]:
            regions[r["trauma_region"]].append(r["code"])
    cc = [r["code"] for r in read("cc_mcc.csv")]
    rows = []
    for i in range(n):
        a = rng.choice(adrg)
        mdc = a["mdc"]
        sex = "1" if mdc == "MDCM" else "2" if mdc in ("MDCN", "MDCO") else rng.choice("12")
        age = rng.randint(1, 90)
        weight = ""
        dx = list(dx_of[a["adrg"]]) or list(mdc_dx[mdc]) or ["R69.x00"]
        principal = rng.choice(dx)
        px: list[str] = []
        if "px" in a["rule_kind"] or "or" in a["rule_kind"]:
            lst = px_of[(a["adrg"], "1")] or [c for (k, _), v in px_of.items() for c in v][:5]
            px.append(rng.choice(lst))
            if px_of[(a["adrg"], "2")]:
                px.append(rng.choice(px_of[(a["adrg"], "2")]))
        if mdc == "MDCP":
            age = 0
            weight = str(rng.choice([1200, 1700, 2200, 3100, 3400]))
        if mdc == "MDCZ":
            picks = rng.sample(sorted(regions), 2)
            principal = rng.choice(regions[picks[0]])
            dx = [regions[picks[1]][0]]
        secondaries = rng.sample(cc, rng.randint(0, 2))
        if mdc == "MDCZ":
            secondaries = dx + secondaries
        age_days = str(rng.randint(0, 28) if age == 0 and rng.random() < 0.7 else age * 365 + rng.randint(0, 364))
        row = {
            "case_id": f"D{i + 1:05d}", "gender": sex, "age": str(age), "age_days": age_days, "weight_g": weight,
            "dept": rng.choice(["03", "04", "05", "07"]), "los_days": str(rng.randint(1, 30)),
            "discharge_type": rng.choice("11111259"), "dx_codes": "|".join([principal] + secondaries),
            "px_codes": "|".join(px), "hospital_id": f"H{rng.randint(1, 12):03d}",
            "hospital_level": str(rng.choice([1, 2, 2, 3, 3, 3])), "insurance_type": rng.choice(["310", "390"]),
            "total_cost": f"{rng.uniform(800, 90000):.2f}",
        }
        rows.append(row)
    # Bad rows on purpose: the demo shows they are reported, not dropped.
    rows[7]["gender"] = "9"
    rows[19]["age"] = ""
    rows[23]["dx_codes"] = "XYZ.123|" + rows[23]["dx_codes"]
    rows[31]["age"] = "abc"
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=HEADER, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    print(f"wrote {OUT} ({len(rows)} cases)")


if __name__ == "__main__":
    main()
