"""Regenerates the shipped demo DIP catalog (catalogs/dip/000000/3.0-demo) and the demo DIP cases
(examples/data/dip-demo-cases.csv).

The catalog is a small excerpt of the national DIP 3.0 grouping scheme (按病种分值（DIP）付费3.0版分组方案,
public-comment draft): every 先期 row, all 并项 and 基础 rows of about forty common diagnoses, a few burn,
tumour and tuberculosis rows, the exclusion rows that touch them, restructured into the project's own DIP
layout. Scores, average costs and lengths of stay, the procedure-attribute table, the auxiliary factors and
the local, TCM and comprehensive groups are the demo's own illustrative values, not any city's.

Usage: python tools/make_demo_dip_catalog.py [DIP_REFERENCE_DIR] [CHS_DRG_REFERENCE_DIR]
  DIP_REFERENCE_DIR      default ../shared/reference/dip-3.0 relative to the repository root
  CHS_DRG_REFERENCE_DIR  default: the sibling chs-drg-1.1 directory; its icd10_dx.csv and icd9cm3_px.csv
                         supply complete 医保版 codes and names for the demo cases.
"""
from __future__ import annotations

import csv
import hashlib
import json
import random
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "catalogs" / "dip" / "000000" / "3.0-demo"
CASES_OUT = ROOT / "examples" / "data" / "dip-demo-cases.csv"
POLICY = ROOT / "catalogs" / "dip" / "policies" / "national.json"
SEED = 20261122

# About forty common diagnoses, as written in the national base table (3-character categories where the
# scheme uses them, subcategories otherwise). Every base and merge row of each is kept.
DIAGNOSES = [
    "K35", "C34", "I21", "I63", "J18", "K80", "N20.0", "N20.1", "E11.9", "E11.5",
    "I10", "J44.0", "J44.1", "J44.8", "O80", "O82", "O42", "S72.0", "S72.1", "M17",
    "C50", "K40.9", "I25", "I50", "I48", "C16", "C18", "C20", "N40", "H25",
    "A09.9", "K29.7", "K63.5", "K64", "N39.0", "G45", "K81", "K56", "J20", "I67.2",
]
# Names of the 3-character categories whose name is not a base row's diagnosis name.
CATEGORY_NAMES = {
    "N20": "肾和输尿管结石", "E11": "非胰岛素依赖型糖尿病", "J44": "其他慢性阻塞性肺病", "S72": "股骨骨折",
    "K40": "腹股沟疝", "A09": "胃肠炎和结肠炎", "K29": "胃炎和十二指肠炎", "K63": "肠的其他疾病",
    "N39": "泌尿系统的其他疾患", "I67": "其他脑血管疾病",
}
# Chapter-level comprehensive groups.
CHAPTERS = [
    ("A00-B99", "某些传染病和寄生虫病"), ("C00-D48", "肿瘤"), ("I00-I99", "循环系统疾病"),
    ("J00-J99", "呼吸系统疾病"), ("K00-K93", "消化系统疾病"),
]
ATTRIBUTES = [("surgery", "相关手术组"), ("therapeutic", "治疗性操作组"), ("diagnostic", "诊断性操作组"),
              ("none", "内科诊疗组")]
BURN_SEQS = ["1745", "1746", "1757", "1759"]
TUMOUR_SEQS = ["1770", "1771", "1772", "1773", "1790", "1795"]
TB_SEQS = ["1812", "1813", "1836", "1837", "1840", "1841"]
TB_RESISTANT_COUNT = 10
ENDOSCOPY = ["44.1300x001", "44.1401", "45.1300x004", "45.1302", "45.1600x001", "45.2302", "45.2501"]
ENDOSCOPY_ALLOWED = "A00-A09|C15-C26|D01|D12|D13|D37|I85|K20-K93"
ADJUNCT = ["00.3101", "17.4500", "45.9305"]   # 不可作为主要手术操作 (more come from the rules' related lists)
CONSERVATIVE_PX = ["89.5200", "89.5400", "93.9601", "99.0401", "87.4101"]  # 按保守治疗入组, used by demo cases
MAX_EXCLUDED_DX = 100
# Local core groups (codes outside the national rows picked above), TCM advantaged groups.
LOCAL_CORE = [
    ("LC-001", "甲状腺结节：甲状腺大部切除术", "E04.1", "06.3901|06.3908"),
    ("LC-002", "良性阵发性眩晕：保守治疗", "H81.1", ""),
    ("LC-003", "下肢静脉曲张：大隐静脉射频消融术", "I83.9", "38.5900x010|38.5901"),
]
TCM = [
    ("ZY-001", "腰椎间盘突出（中医优势病种）：中医保守治疗", "M51.2"),
    ("ZY-002", "中风后遗症（中医优势病种）：中医保守治疗", "I69"),
    ("ZY-003", "肩周炎（中医优势病种）：中医保守治疗", "M75.0"),
]
TCM_PX = ["17.91100", "17.912A0", "17.92650", "17.92130", "17.91350"]

SURGERY_WORDS = ["切除", "修补", "移植", "吻合", "成形", "置换", "切开", "固定", "缝合",
                 "摘除", "剥脱", "清扫", "重建", "结扎", "乳化"]
DIAGNOSTIC_WORDS = ["活检", "检查", "造影", "穿刺", "镜检查", "活组织"]
INTERVENTIONAL_WORDS = ["介入", "经皮", "经导管", "支架", "栓塞", "消融"]

GROUP_HEADER = ["code", "name", "kind", "score", "avg_cost", "avg_cost_l1", "avg_cost_l2", "avg_cost_l3",
                "avg_los", "grassroots", "source"]
RULE_HEADER = ["group", "principal_dx", "dx_any_position", "secondary_dx", "principal_px", "px_any_position",
               "related_px", "max_age_days", "min_weight_g", "max_weight_g", "drug_resistant", "treatment_type",
               "source"]
AUX_HEADER = ["catalog", "kind", "group", "lo", "hi", "code", "dx", "subtype", "factor"]
CASE_HEADER = ["case_id", "gender", "age", "age_days", "weight_g", "dept", "los_days", "discharge_type",
               "dx_codes", "px_codes", "hospital_id", "hospital_level", "insurance_type", "treatment_type",
               "total_cost"]


# ---------------------------------------------------------------------------------------------------------
# Diagnosis specifications (as the README of the reference tables and the C++ importer read them)

@dataclass(frozen=True)
class Spec:
    kind: str          # any, prefix, exact, range, dagger
    key: str = ""
    lo: int = 0
    hi: int = 0


def category_value(code: str) -> int | None:
    if len(code) < 3 or not code[0].isupper() or not code[1:3].isdigit():
        return None
    return ord(code[0]) * 100 + int(code[1:3])


def parse_spec(text: str) -> Spec:
    s = "".join(text.split())
    if s in ("", "所有诊断", "*"):
        return Spec("any")
    if "-" in s:
        a, b = s.split("-", 1)
        lo, hi = category_value(a), category_value(b)
        if len(a) != 3 or len(b) != 3 or lo is None or hi is None or lo > hi:
            raise ValueError(f"malformed diagnosis range {text!r}")
        return Spec("range", lo=lo, hi=hi)
    if category_value(s) is None:
        raise ValueError(f"malformed diagnosis code {text!r}")
    if s.endswith("+"):
        return Spec("dagger", s[:-1])
    prefix = len(s) == 3 or (5 <= len(s) <= 6 and s[3] == "." and s[4:].isdigit())
    return Spec("prefix" if prefix else "exact", s)


def spec_matches(spec: Spec, code: str) -> bool:
    if spec.kind == "any":
        return bool(code)
    if spec.kind == "exact":
        return code == spec.key
    if spec.kind == "prefix":
        return code.startswith(spec.key)
    if spec.kind == "dagger":
        return code.startswith(spec.key) and "+" in code
    v = category_value(code)
    return v is not None and spec.lo <= v <= spec.hi


def specs(text: str) -> list[Spec]:
    return [parse_spec(p) for p in text.split("|") if p.strip()]


def px_codes(text: str) -> list[str]:
    """Every code of a procedure list (alternatives `|`, all-of `+`)."""
    return [c for alt in text.split("|") for c in alt.split("+") if c]


# ---------------------------------------------------------------------------------------------------------
# I/O

def read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def write(path: Path, header: list[str], rows: Iterable[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=header, lineterminator="\n")
        w.writeheader()
        for r in rows:
            w.writerow({k: r.get(k, "") for k in header})


# ---------------------------------------------------------------------------------------------------------
# Catalog model

@dataclass
class Group:
    code: str
    name: str
    kind: str
    source: str
    score: float | None = None
    grassroots: bool = False
    attribute: str = "none"      # of the group's principal procedure (for comprehensive scores)
    category: str = ""           # 3-character diagnosis category
    dx: str = ""                 # diagnosis spec of its rule
    los: int | None = None

    def row(self) -> dict[str, str]:
        out = {"code": self.code, "name": self.name, "kind": self.kind, "source": self.source,
               "grassroots": "1" if self.grassroots else "0"}
        if self.score is not None:
            s = round(self.score, 1)
            out.update(score=f"{s:.1f}", avg_cost=f"{s * 10:.2f}", avg_cost_l1=f"{s * 10 * 0.85:.2f}",
                       avg_cost_l2=f"{s * 10:.2f}", avg_cost_l3=f"{s * 10 * 1.15:.2f}", avg_los=str(self.los))
        return out


@dataclass
class Catalog:
    groups: list[Group] = field(default_factory=list)
    rules: list[dict[str, str]] = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict)        # procedure code -> name

    def add(self, g: Group, rule: dict[str, str] | None) -> None:
        self.groups.append(g)
        if rule is not None:
            rule["group"] = g.code
            rule.setdefault("source", g.source)
            for col in ("principal_px", "related_px"):
                rule[col] = dedupe(rule.get(col, ""))
            self.rules.append({k: rule.get(k, "") for k in RULE_HEADER})

    def by_code(self) -> dict[str, Group]:
        return {g.code: g for g in self.groups}


@dataclass
class Extras:
    chosen: list[str] = field(default_factory=list)                  # diagnoses kept
    grassroots: list[dict[str, str]] = field(default_factory=list)   # grassroots.csv rows
    comprehensive: list[dict[str, str]] = field(default_factory=list)
    tb_resistant: list[str] = field(default_factory=list)


def score_of(g: Group) -> float:
    return g.score if g.score is not None else 0.0


def attribute_of(name: str) -> str:
    """The demo's own procedure-attribute rule, by keywords of the procedure name."""
    if any(w in name for w in DIAGNOSTIC_WORDS):
        return "diagnostic"
    if any(w in name for w in INTERVENTIONAL_WORDS):
        return "interventional"
    if any(w in name for w in SURGERY_WORDS):
        return "surgery"
    return "therapeutic"


def learn_names(names: dict[str, str], codes: str, labels: str) -> None:
    cs, ls = codes.split("|"), labels.split("|")
    if len(cs) != len(ls):
        return
    for c, l in zip(cs, ls):
        cp, lp = c.split("+"), l.split("+")
        if len(cp) == len(lp):
            for a, b in zip(cp, lp):
                names.setdefault(a.strip(), b.strip())


def dedupe(codes: str) -> str:
    """Drops an alternative repeated in the same cell (a source irregularity, e.g. merge seq 1033)."""
    out: list[str] = []
    for alt in codes.split("|"):
        if alt and alt not in out:
            out.append(alt)
    return "|".join(out)


def first_name(labels: str) -> str:
    return labels.split("|")[0].strip()


def source_of(r: dict[str, str]) -> str:
    return f"DIP 3.0 {r['source_sheet']}#{r['source_row']}"


def los_for(score: float, rng: random.Random, cap: int = 45) -> int:
    return max(2, min(cap, round(3 + score / 250 + rng.uniform(-1.0, 1.0))))


def build(ref: Path, rng: random.Random, px_dict: dict[str, str]) -> tuple[Catalog, Extras]:
    cat = Catalog()
    extra = Extras()

    # 先期分组: every row.
    pre_ranges = {"11": (12000, 20000), "13": (9000, 14000), "14": (6000, 10000), "15": (5000, 9000),
                  "16": (24000, 30000), "17": (15000, 22000), "18": (8000, 12000), "19": (5000, 7500)}
    for r in read(ref / "pre_groups.csv"):
        lo, hi = pre_ranges.get(r["seq"], (15000, 30000))
        score = rng.uniform(lo, hi)
        g = Group(f"XQ-{r['seq']}", r["group_name"], "pre", source_of(r), score=score, los=los_for(score, rng))
        note = r["note"]
        rule = {"principal_dx": r["principal_dx"], "principal_px": r["principal_px"],
                "px_any_position": "1" if "不限定为主要手术操作" in note else "",
                "dx_any_position": "1" if "不限定为主要诊断" in note else ""}
        if r["age_condition"]:
            days = int("".join(ch for ch in r["age_condition"] if ch.isdigit()))
            rule["max_age_days"] = str(days - 1 if r["age_condition"].startswith("<") else days)
        if r["birth_weight_condition"]:
            band = r["birth_weight_condition"].replace("出生体重", "").replace("克", "")
            lo_w, hi_w = band.split("-")
            rule.update(min_weight_g=lo_w.strip(), max_weight_g=hi_w.strip())
        learn_names(cat.names, r["principal_px"], r["principal_px_name"])
        cat.add(g, rule)

    # Base rows of the chosen diagnoses (scored first: merge scores lean on them).
    base_all = read(ref / "base_groups.csv")
    merge_all = read(ref / "merge_groups.csv")
    chosen = [d for d in DIAGNOSES if any(r["principal_dx"] == d for r in base_all)]
    missing = [d for d in DIAGNOSES if d not in chosen]
    if missing:
        print(f"note: not in the national base table, skipped: {', '.join(missing)}", file=sys.stderr)
    base_rows = [r for r in base_all if r["principal_dx"] in chosen]
    merge_rows = [r for r in merge_all if r["principal_dx"] in chosen]
    for r in base_rows + merge_rows:
        learn_names(cat.names, r["principal_px"], r["principal_px_name"])
        learn_names(cat.names, r.get("related_px", ""), r.get("related_px_name", ""))
    for c, n in px_dict.items():
        cat.names.setdefault(c, n)

    def px_attribute(codes: str) -> str:
        first = px_codes(codes)[0]
        return attribute_of(cat.names.get(first, ""))

    dx_names = {r["principal_dx"]: r["principal_dx_name"] for r in base_rows}
    conservative_score: dict[str, float] = {}
    for d in chosen:
        conservative_score[d] = rng.uniform(300, 900)
    base_groups: list[Group] = []
    for r in base_rows:
        d = r["principal_dx"]
        if not r["principal_px"]:
            score, attr, name = conservative_score[d], "none", f"{r['principal_dx_name']}：保守治疗"
        else:
            attr = px_attribute(r["principal_px"])
            cons_d = conservative_score[d]
            if attr in ("surgery", "interventional"):
                score = rng.uniform(max(800.0, cons_d * 1.2), 3000)
            elif attr == "therapeutic":
                score = cons_d * rng.uniform(1.1, 1.6)
            else:
                score = cons_d * rng.uniform(1.05, 1.3)
            name = f"{r['principal_dx_name']}：{first_name(r['principal_px_name'])}"
        g = Group(f"JC-{r['seq']}", name, "base", source_of(r), score=score, attribute=attr,
                  category=d[:3], dx=d, los=los_for(score, rng))
        base_groups.append(g)
        cat.add(g, {"principal_dx": d, "principal_px": r["principal_px"]})
    base_px = [(g, set(px_codes(r["principal_px"]))) for g, r in zip(base_groups, base_rows)]

    for r in merge_rows:
        d = r["principal_dx"]
        mine = set(px_codes(r["principal_px"]))
        attr = px_attribute(r["principal_px"])
        match = [g for g, codes in base_px if g.dx == d and codes & mine]
        if not match:
            match = [g for g, codes in base_px if g.dx == d and g.attribute == attr and codes]
        ref_score = max(score_of(g) for g in match) if match else conservative_score[d] * 1.3
        score = ref_score * rng.uniform(1.10, 1.30)
        name = f"{r['principal_dx_name']}：{first_name(r['principal_px_name'])}"
        if r["related_px"]:
            name += f"+{first_name(r['related_px_name'])}"
        g = Group(f"BX-{r['seq']}", name, "merge", source_of(r), score=score, attribute=attr, category=d[:3],
                  dx=d, los=los_for(score, rng))
        cat.add(g, {"principal_dx": d, "principal_px": r["principal_px"], "related_px": r["related_px"]})

    # 诊断辅助细分: burns, tumours, tuberculosis.
    for r in read(ref / "burn_groups.csv"):
        if r["seq"] not in BURN_SEQS:
            continue
        learn_names(cat.names, r["principal_px"], r["principal_px_name"])
        learn_names(cat.names, r["related_px"], r["related_px_name"])
        if not r["principal_px"]:
            score, px_name = rng.uniform(600, 900), "保守治疗"
        elif "清创" in r["principal_px_name"]:
            score, px_name = rng.uniform(1000, 2000), first_name(r["principal_px_name"])
        else:
            score, px_name = rng.uniform(2000, 4000), first_name(r["principal_px_name"])
        if r["related_px"]:
            score *= rng.uniform(1.1, 1.25)
            px_name += f"+{first_name(r['related_px_name'])}"
        g = Group(f"FZ-{r['seq']}", f"{r['burn_degree']}（{r['burn_area']}）：{px_name}", "burn", source_of(r),
                  score=score, los=los_for(score, rng))
        cat.add(g, {"principal_dx": r["principal_dx"], "secondary_dx": r["secondary_dx"],
                    "principal_px": r["principal_px"], "related_px": r["related_px"]})
    for r in read(ref / "tumour_groups.csv"):
        if r["seq"] not in TUMOUR_SEQS:
            continue
        learn_names(cat.names, r["procedure_expression"], r["procedure_name"])
        score = rng.uniform(400, 700) * (1 + 0.6 * r["procedure_expression"].count("+"))
        g = Group(f"FZ-{r['seq']}", f"{r['principal_dx_name']}（{r['secondary_dx']}）：{r['procedure_name']}",
                  "tumour", source_of(r), score=score, los=los_for(score, rng, 12))
        cat.add(g, {"principal_dx": r["principal_dx"], "secondary_dx": r["secondary_dx"],
                    "principal_px": r["procedure_expression"], "px_any_position": "1"})
    tb_base: dict[tuple[str, str], float] = {}
    for r in read(ref / "tb_groups.csv"):
        if r["seq"] not in TB_SEQS:
            continue
        learn_names(cat.names, r["principal_px"], r["principal_px_name"])
        key = (r["principal_dx"], r["principal_px"])
        if key not in tb_base:
            tb_base[key] = rng.uniform(600, 1000) if not r["principal_px"] else rng.uniform(900, 2000)
        resistant = r["drug_resistant"] == "是"
        score = tb_base[key] * (1.3 if resistant else 1.0)
        px_name = first_name(r["principal_px_name"]) or "保守治疗"
        g = Group(f"FZ-{r['seq']}", f"{r['principal_dx_name']}：{px_name}（{'耐药' if resistant else '非耐药'}）",
                  "tuberculosis", source_of(r), score=score, los=los_for(score, rng))
        cat.add(g, {"principal_dx": r["principal_dx"], "principal_px": r["principal_px"],
                    "drug_resistant": "1" if resistant else "0"})

    # Local core groups and TCM advantaged groups (the demo's own).
    for code, name, dx, px in LOCAL_CORE:
        score = rng.uniform(900, 2200) if px else rng.uniform(300, 700)
        cat.add(Group(code, name, "local_core", "demo", score=score, dx=dx, los=los_for(score, rng)),
                {"principal_dx": dx, "principal_px": px})
    for code, name, dx in TCM:
        score = rng.uniform(400, 900)
        cat.add(Group(code, name, "tcm", "demo", score=score, dx=dx, los=los_for(score, rng) + 4),
                {"principal_dx": dx, "treatment_type": "2"})

    # Grass-roots: national rows overlapping the chosen core groups. A group is flagged when the row has
    # the group's own diagnosis and (both conservative or sharing a principal procedure, with no related
    # procedure required); rows on a narrower diagnosis (J18.9 under J18) only go to grassroots.csv,
    # where the grouper flags cases one by one.
    grassroots_rows = []
    rule_of = {r["group"]: r for r in cat.rules}
    core = [(g, rule_of[g.code]) for g in cat.groups
            if g.kind in ("base", "merge") and not rule_of[g.code]["related_px"]]
    for gr in read(ref / "grassroots_groups.csv"):
        gdx, gpx = gr["principal_dx"], set(px_codes(gr["principal_px"]))
        hit = False
        for g, rule in core:
            if not (gdx == g.dx or gdx.startswith(g.dx)):
                continue
            rpx = set(px_codes(rule["principal_px"]))
            if (not gpx and not rpx) or (gpx & rpx):
                hit = True
                if gdx == g.dx:
                    g.grassroots = True
        if hit:
            learn_names(cat.names, gr["principal_px"], gr["principal_px_name"])
            grassroots_rows.append({"principal_dx": gdx, "principal_px": gr["principal_px"]})
    extra.grassroots = grassroots_rows

    # Comprehensive groups: four per chosen category, four per chapter; scores a bit below the core groups.
    cats: list[str] = []
    for d in chosen:
        if d[:3] not in cats:
            cats.append(d[:3])
    core_groups = [g for g in cat.groups if g.kind in ("base", "merge")]
    comp_rows: list[dict[str, str]] = []
    comp_score: dict[tuple[str, str], float] = {}
    for c in cats:
        cname = CATEGORY_NAMES.get(c) or dx_names.get(c) or c
        in_cat = [g for g in core_groups if g.category == c]
        cons = [score_of(g) for g in in_cat if g.attribute == "none"] or [500.0]
        cons_mean = sum(cons) / len(cons)
        for attr, label in ATTRIBUTES:
            wanted = ("surgery", "interventional") if attr == "surgery" else (attr,)
            same = [score_of(g) for g in in_cat if g.attribute in wanted]
            if same:
                level = sum(same) / len(same)
            else:
                level = {"surgery": max(1200.0, cons_mean * 2.5), "therapeutic": cons_mean * 1.4,
                         "diagnostic": cons_mean * 1.2, "none": cons_mean}[attr]
            score = level * rng.uniform(0.85, 0.95)
            comp_score[(c, attr)] = score
            code = f"ZH-{c}-{attr}"
            cat.add(Group(code, f"{cname}（{c}）：{label}", "comprehensive", "demo", score=score,
                          los=los_for(score, rng)), None)
            comp_rows.append({"group": code, "dx": c, "attribute": attr})
    for rng_text, cname in CHAPTERS:
        lo_hi = parse_spec(rng_text)
        for attr, label in ATTRIBUTES:
            inside = [s for (c, a), s in comp_score.items()
                      if a == attr and lo_hi.lo <= (category_value(c) or 0) <= lo_hi.hi]
            default = {"surgery": 1500.0, "therapeutic": 800.0, "diagnostic": 650.0, "none": 500.0}[attr]
            score = (sum(inside) / len(inside) if inside else default) * rng.uniform(0.8, 0.9)
            code = f"ZH-{rng_text}-{attr}"
            cat.add(Group(code, f"{cname}（{rng_text}）：{label}", "comprehensive", "demo", score=score,
                          los=los_for(score, rng)), None)
            comp_rows.append({"group": code, "dx": rng_text, "attribute": attr})
    extra.comprehensive = comp_rows
    cat.add(Group("KBBZ", "空白病组", "ungrouped", "demo"), None)
    extra.chosen = chosen
    return cat, extra


# ---------------------------------------------------------------------------------------------------------
# Demo cases

@dataclass
class CodeBook:
    dx: list[str]                 # complete 医保版 diagnosis codes of the dictionary
    excluded: set[str]            # national excluded principal diagnoses
    dx_names: dict[str, str]
    cache: dict[str, list[str]] = field(default_factory=dict)

    def under(self, spec_text: str) -> list[str]:
        if spec_text not in self.cache:
            sp = specs(spec_text)
            self.cache[spec_text] = [c for c in self.dx if any(spec_matches(s, c) for s in sp)]
        return self.cache[spec_text]


def make_cases(cat: Catalog, extra: Extras, book: CodeBook, demo_excluded_dx: list[str],
               excluded_px: dict[str, dict[str, str]], rng: random.Random) -> tuple[list[dict[str, str]], list[str]]:
    groups = cat.by_code()
    rules_of: dict[str, list[dict[str, str]]] = defaultdict(list)
    for r in cat.rules:
        rules_of[r["group"]].append(r)
    hospitals = [(f"H{i:03d}", lvl) for i, lvl in enumerate([3, 3, 3, 3, 2, 2, 2, 2, 2, 1, 1, 1], start=1)]
    secondary_pool = ["I10.x00x002", "E11.900", "E78.500", "I25.100", "J96.000", "R57.000", "A41.900",
                      "N17.900", "I50.900", "N18.500", "K76.000", "J44.900", "I21.000x002", "C78.000"]
    secondary_pool = [c for c in secondary_pool if c in book.dx_names] or book.dx[:10]
    extra_px: list[str] = []      # procedure codes the cases use beyond the rules (need attributes)

    demo_ex = set(demo_excluded_dx)

    def pick_dx(spec_text: str, principal: bool = True) -> str:
        pool = [c for c in book.under(spec_text) if not principal or (c not in book.excluded and c not in demo_ex)]
        plain = [c for c in pool if "+" not in c and "*" not in c]
        pool = plain or pool       # dagger/asterisk pairs only where a category has nothing else (A17)
        if not pool:
            raise SystemExit(f"no complete code under {spec_text}")
        return rng.choice(pool)

    def pick_alt(px_text: str) -> list[str]:
        alts = [a for a in px_text.split("|") if a]
        return rng.choice(alts).split("+") if alts else []

    def secondaries(n_max: int = 2) -> list[str]:
        return rng.sample(secondary_pool, rng.randint(0, n_max))

    rows: list[dict[str, str]] = []

    def add(dx: list[str], px: list[str], group: str | None, *, gender: str | None = None, age: int | None = None,
            age_days: str = "", weight: str = "", treatment: str = "1", discharge: str | None = None,
            cost: float | None = None) -> None:
        hid, level = rng.choice(hospitals)
        g = groups.get(group or "")
        if cost is None:
            mean = (g.score * 10 * (0.85, 1.0, 1.15)[level - 1]) if g and g.score else rng.uniform(3000, 20000)
            cost = mean * rng.lognormvariate(0, 0.3)
        los = (g.los if g and g.los else rng.randint(4, 12)) + rng.randint(-2, 3)
        if age is None:
            age = rng.randint(18, 88)
        rows.append({
            "gender": gender or rng.choice("12"), "age": str(age), "age_days": age_days, "weight_g": weight,
            "dept": rng.choice(["03", "04", "05", "07", "09"]), "los_days": str(max(1, los)),
            "discharge_type": discharge or rng.choice("111111111259"), "dx_codes": "|".join(dx),
            "px_codes": "|".join(px), "hospital_id": hid, "hospital_level": str(level),
            "insurance_type": rng.choice(["310", "390"]), "treatment_type": treatment,
            "total_cost": f"{max(300.0, cost):.2f}",
        })

    def sex_for(dx: str) -> str | None:
        if dx[0] == "O" or dx.startswith(("C50", "D25", "N7", "N8", "N9")):
            return "2"
        if dx.startswith(("N40", "C61")):
            return "1"
        return None

    def age_for(dx: str) -> int | None:
        if dx.startswith(("J18", "J20", "A09", "K35")) and rng.random() < 0.3:
            return rng.randint(1, 17)          # children, for the age subtypes
        if dx[0] == "O":
            return rng.randint(20, 40)
        if dx.startswith(("I", "C", "N40", "H25", "M17", "S72", "J44", "E11")):
            return rng.randint(45, 90)
        return None

    base = [g for g in cat.groups if g.kind == "base"]
    merge = [g for g in cat.groups if g.kind == "merge"]
    base_cons = [g for g in base if not rules_of[g.code][0]["principal_px"]]
    base_px = [g for g in base if rules_of[g.code][0]["principal_px"]]

    def core_case(g: Group, related: bool = True) -> None:
        r = rules_of[g.code][0]
        dx = pick_dx(r["principal_dx"])
        px = pick_alt(r["principal_px"])
        if related and r["related_px"]:
            px += [c for c in pick_alt(r["related_px"]) if c not in px]
        add([dx] + secondaries(), px, g.code, gender=sex_for(dx), age=age_for(dx))

    for g in rng.sample(base_cons, min(len(base_cons), 40)) + rng.sample(base_cons, 30):
        core_case(g)
    for g in rng.sample(base_px, min(len(base_px), 80)):
        core_case(g)
    for g in rng.sample(merge, min(len(merge), 45)):
        core_case(g)

    # 先期分组: ECMO / ventilation anywhere, transplants, newborns.
    for group, dx_spec, px in [("XQ-11", "I21.0", ["36.0700", "39.6500"]), ("XQ-11", "J18", ["96.7101", "39.6500x001"]),
                               ("XQ-11", "I50", ["39.6500"]), ("XQ-6", "N18", ["55.6901"]), ("XQ-3", "C22", ["50.5901"]),
                               ("XQ-2", "I42", ["37.5100"]), ("XQ-14", "J18", ["31.1x00x005", "96.7201"]),
                               ("XQ-14", "I63", ["96.7201"]), ("XQ-13", "N17", ["39.9500x007", "96.7201"]),
                               ("XQ-13", "A41", ["96.7201", "39.9500x007"])]:
        dx = pick_dx(dx_spec)
        for c in px:
            if c not in cat.names:
                extra_px.append(c)
        add([dx] + secondaries(1), px, group, age=age_for(dx))
    p07 = {"XQ-16": "P07.001", "XQ-17": "P07.102", "XQ-18": "P07.101", "XQ-19": "P07.100"}
    for group, weight in [("XQ-16", 860), ("XQ-17", 1250), ("XQ-18", 1720), ("XQ-19", 2280), ("XQ-19", 2450)]:
        principal = rng.choice(["P22.000", "P59.900", "P07.300x001"])
        principal = principal if principal in book.dx_names else p07[group]
        add([principal, p07[group]], [], group, age=0, age_days=str(rng.randint(0, 28)), weight=str(weight))
    # Children (age subtypes 1-6岁, 7-17岁).
    for spec, age in [("J18", 3), ("J20", 5), ("A09.9", 2), ("K35", 9), ("J18", 12)]:
        add([pick_dx(spec)], [], None, age=age)
    # High comorbidity (CCI >= 4): renal failure, secondary malignancy, diabetes.
    for spec in ["I50", "J18"]:
        add([pick_dx(spec), pick_dx("N18.5", principal=False), pick_dx("C78.0", principal=False),
             pick_dx("E11.9", principal=False)], [], None, age=rng.randint(55, 64))
    # Infants beyond the newborn period (age subtype 29天-1周岁).
    for spec in ["J18", "J20"]:
        add([pick_dx(spec)], [], None, age=0, age_days=str(rng.randint(29, 300)))
    # Not a 先期 newborn: too heavy, and too old.
    add(["P59.900" if "P59.900" in book.dx_names else "P07.300x001", "P07.300x001"], [], None, age=0,
        age_days="5", weight="2900")
    add(["P07.300x001", "P07.101"], [], None, age=0, age_days="45", weight="1800")

    # Burns: principal degree code + a T31/T32 area code.
    for group in ["FZ-1745", "FZ-1745", "FZ-1746", "FZ-1757", "FZ-1759", "FZ-1759"]:
        r = rules_of[group][0]
        dx = pick_dx(r["principal_dx"])
        area = pick_dx(r["secondary_dx"], principal=False)
        px = pick_alt(r["principal_px"])
        if group == "FZ-1759":
            px += pick_alt(r["related_px"])
        add([dx, area] + secondaries(1), px, group)
    # Tumour therapy courses: principal Z51.1/Z51.8 + tumour family + drug combination anywhere.
    families = {"C00-C75": ["C34", "C50", "C16", "C18"], "C91-C95": ["C92", "C91"]}
    for group in TUMOUR_SEQS + ["1770", "1772"]:
        r = rules_of[f"FZ-{group}"][0]
        fam = r["secondary_dx"]
        tumour = pick_dx(rng.choice(families.get(fam, ["C34"])), principal=False)
        principal = pick_dx(r["principal_dx"])
        px = pick_alt(r["principal_px"])
        rng.shuffle(px)
        add([principal, tumour] + secondaries(1), px, f"FZ-{group}", age=rng.randint(30, 80))
    # Tuberculosis: resistant by principal code or by U84.300, and non-resistant.
    resistant_codes = extra.tb_resistant
    plain_a15 = [c for c in book.under("A15-A16") if c not in book.excluded and c not in resistant_codes
                 and "耐" not in book.dx_names.get(c, "")]
    plain_a17 = [c for c in book.under("A17") if c not in book.excluded and c not in demo_excluded_dx]
    for group, principal, others, px in [
            ("FZ-1812", rng.choice(resistant_codes), [], ["31.9400"]),
            ("FZ-1812", rng.choice(plain_a15), ["U84.300"], ["31.9400"]),
            ("FZ-1813", rng.choice(plain_a15), [], ["31.9400"]),
            ("FZ-1836", rng.choice(resistant_codes), [], []),
            ("FZ-1837", rng.choice(plain_a15), [], []),
            ("FZ-1837", rng.choice(plain_a15), ["E11.900"], ["89.5200"]),
            ("FZ-1840", rng.choice(plain_a17), ["U84.300"], []),
            ("FZ-1841", rng.choice(plain_a17), [], [])]:
        add([principal] + others, px, group)
    # TCM advantaged groups (treatment type 2) and the same diagnoses treated otherwise.
    for group, _, dx_spec in TCM:
        for _ in range(2):
            add([pick_dx(dx_spec)] + secondaries(1), rng.sample(TCM_PX, rng.randint(1, 2)), group,
                treatment="2", age=rng.randint(40, 85))
    for _, _, dx_spec in TCM[:2]:
        add([pick_dx(dx_spec)], [], None, treatment="1")
    extra_px += TCM_PX
    # Local core groups.
    for code, _, dx_spec, px_text in LOCAL_CORE:
        for _ in range(2):
            add([pick_dx(dx_spec)] + secondaries(1), pick_alt(px_text), code)

    # Comprehensive groups: diagnoses in a chosen category (or chapter) that no rule covers.
    by_attr: dict[str, list[str]] = defaultdict(list)
    for r in cat.rules:
        if groups[r["group"]].kind in ("base", "merge"):
            for c in px_codes(r["principal_px"]):
                a = attribute_of(cat.names.get(c, ""))
                a = "surgery" if a == "interventional" else a
                if c not in excluded_px and c not in by_attr[a]:
                    by_attr[a].append(c)
    rule_specs = [sp for r in cat.rules if r["principal_dx"] != "所有诊断" for sp in specs(r["principal_dx"])]

    def uncovered(spec_text: str) -> list[str]:
        return [c for c in book.under(spec_text) if c not in book.excluded
                and not any(spec_matches(sp, c) for sp in rule_specs)]

    comp_targets = ["E11", "N20", "J44", "S72", "K40", "K29", "K63", "I67", "A09", "N39"]
    for i, c in enumerate(comp_targets * 2):
        pool = uncovered(c)
        if not pool:
            continue
        attr = ["surgery", "therapeutic", "diagnostic", "none"][i % 4]
        px = [rng.choice(by_attr[attr])] if attr != "none" else []
        add([rng.choice(pool)] + secondaries(1), px, f"ZH-{c}-{attr}")
    for i, (chapter, examples) in enumerate([("A00-B99", "A41"), ("C00-D48", "C61"), ("I00-I99", "I26"),
                                              ("J00-J99", "J93"), ("K00-K93", "K57"), ("C00-D48", "D12"),
                                              ("I00-I99", "I70"), ("K00-K93", "K21")]):
        pool = uncovered(examples)
        attr = ["surgery", "therapeutic", "diagnostic", "none"][i % 4]
        px = [rng.choice(by_attr[attr])] if attr != "none" else []
        add([rng.choice(pool)] + secondaries(1), px, f"ZH-{chapter}-{attr}")

    # Excluded principal diagnoses (not grouped).
    for code in rng.sample(demo_excluded_dx, 4):
        add([code] + secondaries(1), [], None)
    # Excluded principal procedures: 按保守治疗入组, the endoscopy exception, adjunct procedures.
    i10 = pick_dx("I10")
    add([i10], ["89.5200", "89.5400"], "JC-" + rules_seq(cat, "I10", ""))
    add([pick_dx("J18")], ["93.9601"], None)
    add([pick_dx("A09.9")], ["45.2302"], None)                  # endoscopy allowed: stays principal
    add([pick_dx("K29.7")], ["44.1401"], None)
    add([pick_dx("E11.9")], ["44.1300x001"], None)              # not allowed for E11.9: conservative
    add([pick_dx("C34")], ["17.4500", "32.4100"], None)          # adjunct as principal
    add([pick_dx("C18")], ["45.9305", "45.7302"], None)
    add([pick_dx("I21")], ["99.0401", "36.0700"], None)
    extra_px += ["45.7302"]
    # Unknown or uncovered codes: the 空白病组.
    for dx in ["Z99.999x999", "Q99.900x999", pick_dx("R10.4"), pick_dx("M54.5"), pick_dx("L03.1")]:
        add([dx], [], "KBBZ", cost=rng.uniform(2000, 15000))

    rng.shuffle(rows)
    # Bad rows on purpose: they are reported, not dropped.
    plain = [r for r in rows if not r["px_codes"] and r["treatment_type"] == "1"][:3]
    bad = [dict(plain[0], dx_codes=""), dict(plain[1], age="abc"),
           dict(plain[2], dx_codes="XYZ.123|" + plain[2]["dx_codes"])]
    for pos, row in zip([17, 101, 233], bad):
        rows.insert(min(pos, len(rows)), row)
    for i, row in enumerate(rows, start=1):
        row["case_id"] = f"P{i:05d}"
    return rows, extra_px


def rules_seq(cat: Catalog, dx: str, px: str) -> str:
    for r in cat.rules:
        if r["group"].startswith("JC-") and r["principal_dx"] == dx and r["principal_px"] == px:
            return r["group"][3:]
    return ""


# ---------------------------------------------------------------------------------------------------------

def main(ref: Path, drg_ref: Path) -> None:
    rng = random.Random(SEED)
    if not (ref / "base_groups.csv").exists():
        raise SystemExit(f"{ref} does not hold the DIP 3.0 reference tables (base_groups.csv)")
    dict_dx = read(drg_ref / "icd10_dx.csv")
    dict_px = read(drg_ref / "icd9cm3_px.csv")
    px_dict = {r["code"]: r["name_zh"] for r in dict_px}
    cat, extra = build(ref, rng, px_dict)
    chosen = extra.chosen

    # Exclusions.
    national_ex_dx = read(ref / "excluded_dx.csv")
    ex_codes = {r["code"] for r in national_ex_dx}
    dx_rule_specs = [s for d in chosen for s in specs(d)]
    demo_ex_dx = [r["code"] for r in national_ex_dx if any(spec_matches(s, r["code"]) for s in dx_rule_specs)]
    if len(demo_ex_dx) > MAX_EXCLUDED_DX:
        keep = set(rng.sample(demo_ex_dx, MAX_EXCLUDED_DX))
        demo_ex_dx = [c for c in demo_ex_dx if c in keep]
    national_ex_px = {r["code"]: r for r in read(ref / "excluded_px.csv")}

    tb_annex = read(ref / "tb_resistant_dx.csv")
    extra.tb_resistant = [r["code"] for r in tb_annex[:TB_RESISTANT_COUNT]]

    book = CodeBook(dx=sorted(r["code"] for r in dict_dx),
                    excluded=ex_codes, dx_names={r["code"]: r["name_zh"] for r in dict_dx})
    # The demo excluded_px list: procedures the rules and cases reference, the endoscopy codes, adjuncts.
    demo_px_rows: dict[str, dict[str, str]] = {}
    for code in ENDOSCOPY:
        demo_px_rows[code] = {"code": code, "adjunct": "0", "allowed_dx": ENDOSCOPY_ALLOWED}
    for code in ADJUNCT:
        assert national_ex_px[code]["note"] == "不可作为主要手术操作", code
        demo_px_rows[code] = {"code": code, "adjunct": "1", "allowed_dx": ""}
    for code in CONSERVATIVE_PX:
        assert national_ex_px[code]["note"] == "按保守治疗入组", code
        demo_px_rows[code] = {"code": code, "adjunct": "0", "allowed_dx": ""}
    cases, extra_px = make_cases(cat, extra, book, demo_ex_dx, demo_px_rows, rng)
    referenced: list[str] = []
    for r in cat.rules:
        for col in ("principal_px", "related_px"):
            referenced += px_codes(r.get(col, ""))
    for g in extra.grassroots:
        referenced += px_codes(g["principal_px"])
    for row in cases:
        referenced += [c for c in row["px_codes"].split("|") if c]
    referenced += extra_px
    added: list[str] = []
    for code in referenced:
        if code in national_ex_px and code not in demo_px_rows:
            note = national_ex_px[code]["note"]
            demo_px_rows[code] = {"code": code, "adjunct": "1" if note == "不可作为主要手术操作" else "0",
                                  "allowed_dx": ENDOSCOPY_ALLOWED if "可作为主要手术操作" in note
                                  and "不可" not in note else ""}
            added.append(code)

    if added:
        print(f"note: excluded_px also lists the referenced national rows {', '.join(added)}", file=sys.stderr)
    # Procedure attributes for every procedure code the catalog or the cases use.
    attr_rows: dict[str, dict[str, str]] = {}
    for code in referenced + list(demo_px_rows):
        if code in attr_rows:
            continue
        name = cat.names.get(code) or px_dict.get(code) or national_ex_px.get(code, {}).get("name", "")
        if not name:
            print(f"note: no name for procedure {code}; attribute therapeutic", file=sys.stderr)
        attr_rows[code] = {"code": code, "attribute": attribute_of(name)}

    aux = aux_rows()

    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob("*.csv"):
        old.unlink()
    tables = {
        "groups.csv": (GROUP_HEADER, [g.row() for g in cat.groups]),
        "rules.csv": (RULE_HEADER, cat.rules),
        "excluded_dx.csv": (["code"], [{"code": c} for c in demo_ex_dx]),
        "excluded_px.csv": (["code", "adjunct", "allowed_dx"], sorted(demo_px_rows.values(), key=lambda r: r["code"])),
        "px_attributes.csv": (["code", "attribute"], sorted(attr_rows.values(), key=lambda r: r["code"])),
        "comprehensive.csv": (["group", "dx", "attribute"], extra.comprehensive),
        "grassroots.csv": (["principal_dx", "principal_px"], extra.grassroots),
        "tb_resistant_dx.csv": (["code"], [{"code": c} for c in extra.tb_resistant]),
        "aux.csv": (AUX_HEADER, aux),
    }
    for name, (header, rows) in tables.items():
        write(OUT / name, header, rows)
    policy_text = POLICY.read_text(encoding="utf-8")
    (OUT / "policy.json").write_text(policy_text, encoding="utf-8")
    n_adjunct = sum(1 for r in demo_px_rows.values() if r["adjunct"] == "1")
    (OUT / "NOTICE.md").write_text(notice(cat, extra, n_adjunct), encoding="utf-8")
    kinds = count_kinds(cat)
    manifest = {
        "scheme": "dip",
        "version": "3.0-demo",
        "region": "000000",
        "effective_from": "2026-01-01",
        "effective_to": "",
        "source": "dipdrg demo: a small excerpt of the NHSA DIP 3.0 grouping scheme (按病种分值（DIP）付费3.0版分组方案, "
                  f"征求意见稿), {len(cat.groups)} groups over real codes ({kinds_text(kinds)}), restructured into the "
                  "project's own layout. Scores, average costs and stays, procedure attributes, auxiliary factors and "
                  "the local, TCM, comprehensive and blank groups are illustrative demo values, not any city's. "
                  "For trying the tool, never for payment.",
        "licence": "Rule rows: NHSA DIP 3.0 public-comment draft (a government document); selection, layout and "
                   "illustrative values: dipdrg (Apache-2.0). See NOTICE.md",
        "policy": "policy.json",
        "tables": {name: hashlib.sha256((OUT / name).read_bytes()).hexdigest()
                   for name in sorted(p.name for p in OUT.glob("*.csv"))},
    }
    (OUT / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    CASES_OUT.parent.mkdir(parents=True, exist_ok=True)
    write(CASES_OUT, CASE_HEADER, cases)
    check(OUT, CASES_OUT)
    print(f"wrote {OUT}: {len(cat.groups)} groups ({kinds_text(kinds)}), {len(cat.rules)} rules, "
          f"{len(demo_ex_dx)} excluded diagnoses, {len(demo_px_rows)} excluded procedures, "
          f"{len(attr_rows)} procedure attributes")
    print(f"wrote {CASES_OUT}: {len(cases)} cases")


def aux_rows() -> list[dict[str, str]]:
    rows = [
        {"catalog": "年龄", "kind": "age_days", "lo": "0", "hi": "28", "subtype": "0-28天", "factor": "1.3"},
        {"catalog": "年龄", "kind": "age_days", "lo": "29", "hi": "365", "subtype": "29天-1周岁", "factor": "1.2"},
        {"catalog": "年龄", "kind": "age_years", "lo": "1", "hi": "6", "subtype": "1-6岁", "factor": "1.1"},
        {"catalog": "年龄", "kind": "age_years", "lo": "7", "hi": "17", "subtype": "7-17岁", "factor": "1.05"},
        {"catalog": "年龄", "kind": "age_years", "lo": "66", "hi": "200", "subtype": "66岁及以上", "factor": "1.08"},
        {"catalog": "离院方式", "kind": "discharge_mode", "code": "5", "subtype": "死亡", "factor": "1.25"},
        {"catalog": "疾病严重程度", "kind": "secondary_dx", "dx": "J96|R57|A41", "subtype": "重度", "factor": "1.2"},
        {"catalog": "疾病严重程度", "kind": "secondary_dx", "dx": "N17|I50", "subtype": "中度", "factor": "1.1"},
        {"catalog": "CCI", "kind": "cci_weight", "lo": "1", "dx": "I21|I22", "subtype": "心肌梗死"},
        {"catalog": "CCI", "kind": "cci_weight", "lo": "1", "dx": "I50", "subtype": "充血性心力衰竭"},
        {"catalog": "CCI", "kind": "cci_weight", "lo": "1", "dx": "J44", "subtype": "慢性肺病"},
        {"catalog": "CCI", "kind": "cci_weight", "lo": "1", "dx": "E11", "subtype": "糖尿病"},
        {"catalog": "CCI", "kind": "cci_weight", "lo": "2", "dx": "N18", "subtype": "中重度肾病"},
        {"catalog": "CCI", "kind": "cci_weight", "lo": "2", "dx": "C00-C97", "subtype": "恶性肿瘤"},
        {"catalog": "CCI", "kind": "cci_band", "lo": "2", "hi": "3", "subtype": "CCI 2-3", "factor": "1.05"},
        {"catalog": "CCI", "kind": "cci_band", "lo": "4", "hi": "99", "subtype": "CCI≥4", "factor": "1.12"},
    ]
    return rows


def count_kinds(cat: Catalog) -> dict[str, int]:
    out: dict[str, int] = {}
    for g in cat.groups:
        out[g.kind] = out.get(g.kind, 0) + 1
    return out


def kinds_text(kinds: dict[str, int]) -> str:
    return ", ".join(f"{n} {k}" for k, n in kinds.items())


def notice(cat: Catalog, extra: Extras, n_adjunct: int) -> str:
    kinds = count_kinds(cat)
    flagged = sum(1 for g in cat.groups if g.grassroots)
    return f"""# Demo catalog: DIP 3.0, abridged, with illustrative scores

A small excerpt of the national DIP grouping scheme (国家医疗保障局 按病种分值（DIP）付费3.0版分组方案,
public-comment draft 征求意见稿), made by `tools/make_demo_dip_catalog.py` so that `dipdrg demo` runs on a
machine without the full tables. **Use it to try the tool, never for payment.**

## What comes from the national scheme

Rows were selected from the tidy reference tables of the scheme and restructured into the project's own DIP
layout (`groups.csv`, `rules.csv`, ...). Codes, diagnosis and procedure specifications and names are the
NHSA's; group names are composed from them (`<diagnosis>：<first procedure or 保守治疗>`, plus
`+<first related procedure>` where a merge or burn row requires one). The text
conditions of the 先期分组 (newborn age and birth weight, "不限定为主要手术操作 / 主要诊断") became the
structured columns of `rules.csv`. Group codes are the scheme's category and sequence number (`XQ-11`,
`BX-97`, `FZ-1770`, `JC-1858`); `source` names the workbook sheet and row.

- all 19 先期分组 rows;
- every 基础规则 and 并项规则 row of {len(extra.chosen)} common diagnoses: {', '.join(extra.chosen)};
- {kinds.get('burn', 0)} burn, {kinds.get('tumour', 0)} tumour and {kinds.get('tuberculosis', 0)} tuberculosis rows;
  the first {TB_RESISTANT_COUNT} codes of the drug-resistant TB annex;
- the excluded principal diagnoses under the chosen diagnoses (at most {MAX_EXCLUDED_DX}); the excluded
  procedures the rules and demo cases reference, the 7 endoscopy codes that may stay principal for
  A00–A09, C15–C26, D01, D12, D13, D37, I85 and K20–K93, and {n_adjunct} 不可作为主要手术操作 codes
  (`adjunct` = 1);
- the national 基层病种 rows that overlap the chosen groups (`grassroots.csv`); {flagged} groups whose own
  diagnosis and procedure are on that list carry `grassroots` = 1.

The demo keeps every national base and merge row and every excluded principal diagnosis of the chosen
diagnoses (no other national base or merge specification overlaps them), so under the national policy a
case whose principal diagnosis falls under one of them should reach the same core group as under the full
scheme. Any other case groups differently: **the demo is not the national scheme**.

Restructuring changes: an alternative that the source repeats within one cell (merge seq 1033,
`51.8800x009`) is listed once. The newborn and "any position" conditions of the 先期分组 became columns.

## What is the demo's own (illustrative, not any city's)

- all scores (分值), average costs (score × 10 yuan; levels 1–3 = 0.85 / 1.0 / 1.15 of it) and average
  lengths of stay;
- the procedure-attribute table `px_attributes.csv`, derived from keywords of the procedure names
  (活检/检查/造影/穿刺 → diagnostic, 介入/经皮/经导管/支架/栓塞/消融 → interventional,
  切除/修补/移植/吻合/成形/置换/切开/固定/缝合/摘除/剥脱/清扫/重建/结扎/乳化 → surgery, otherwise
  therapeutic). Real pools fix this table locally; this one is only a heuristic;
- the auxiliary subtypes and factors in `aux.csv` (age, 离院方式, 疾病严重程度, CCI);
- the local core groups (`LC-…`), the TCM advantaged groups (`ZY-…`, treatment type 2), the comprehensive
  groups (`ZH-<category>-<attribute>`, four per chosen category and four per chapter range such as
  `C00-D48`; chapter ranges span two letters, compared as letter + number) and the blank group `KBBZ`.
  Local and TCM groups use diagnoses outside the national rows kept here: the grouper tries them after the
  national layers, so a TCM group on, say, M17 would never be reached while the national M17 conservative
  row is present.

The demo cases in `examples/data/dip-demo-cases.csv` are synthetic.
"""


# ---------------------------------------------------------------------------------------------------------
# Sanity checks of the written files

def check(out: Path, cases_path: Path) -> None:
    groups = read(out / "groups.csv")
    codes = [g["code"] for g in groups]
    problems: list[str] = []
    if len(codes) != len(set(codes)):
        problems.append("duplicate group codes")
    kinds_ok = {"pre", "merge", "burn", "tumour", "tuberculosis", "base", "local_core", "tcm", "grassroots",
                "comprehensive", "ungrouped"}
    kind_of = {g["code"]: g["kind"] for g in groups}
    problems += [f"bad kind {g['kind']}" for g in groups if g["kind"] not in kinds_ok]
    reached: set[str] = set()
    for r in read(out / "rules.csv"):
        if r["group"] not in kind_of:
            problems.append(f"rule for unknown group {r['group']}")
        elif kind_of[r["group"]] in ("comprehensive", "ungrouped"):
            problems.append(f"rule for {kind_of[r['group']]} group {r['group']}")
        reached.add(r["group"])
        for col in ("principal_dx", "secondary_dx"):
            try:
                specs(r[col])
            except ValueError as e:
                problems.append(f"{r['group']}: {e}")
        for col in ("principal_px", "related_px"):
            if r[col] and any(not alt or any(not c for c in alt.split("+")) for alt in r[col].split("|")):
                problems.append(f"{r['group']}: malformed procedure list {r[col]!r}")
    for r in read(out / "comprehensive.csv"):
        if kind_of.get(r["group"]) != "comprehensive":
            problems.append(f"comprehensive row for {r['group']}")
        if len(specs(r["dx"])) != 1 or r["attribute"] not in ("surgery", "therapeutic", "diagnostic", "none"):
            problems.append(f"bad comprehensive row {r}")
        reached.add(r["group"])
    reached |= {c for c, k in kind_of.items() if k == "ungrouped"}
    problems += [f"unreachable group {c}" for c in codes if c not in reached]
    for r in read(out / "excluded_px.csv"):
        specs(r["allowed_dx"])
    for r in read(out / "grassroots.csv"):
        if len(specs(r["principal_dx"])) != 1:
            problems.append(f"bad grassroots row {r}")
    for r in read(out / "px_attributes.csv"):
        if r["attribute"] not in ("surgery", "interventional", "therapeutic", "diagnostic"):
            problems.append(f"bad attribute {r}")
    for r in read(out / "aux.csv"):
        specs(r["dx"])
        if r["group"] and r["group"] not in kind_of:
            problems.append(f"aux row for unknown group {r['group']}")
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    on_disk = sorted(p.name for p in out.glob("*.csv"))
    if sorted(manifest["tables"]) != on_disk:
        problems.append("manifest tables differ from the CSV files")
    for name, digest in manifest["tables"].items():
        if hashlib.sha256((out / name).read_bytes()).hexdigest() != digest:
            problems.append(f"checksum of {name}")
    with cases_path.open(encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        if next(reader) != CASE_HEADER:
            problems.append("case header")
        ids = [row[0] for row in reader]
    if len(ids) != len(set(ids)):
        problems.append("duplicate case ids")
    if problems:
        raise SystemExit("check failed:\n  " + "\n  ".join(problems))


if __name__ == "__main__":
    ref_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "reference" / "dip-3.0"
    drg_dir = Path(sys.argv[2]) if len(sys.argv) > 2 else ref_dir.parent / "chs-drg-1.1"
    main(ref_dir, drg_dir)
