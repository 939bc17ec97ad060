"""Property over the national DIP 3.0 tables: the most specific satisfied row wins in every layer.

For every row of every rule layer (先期, 并项, 烧伤, 肿瘤, 结核, 基础) a case is built to satisfy
exactly that row, with every alternative of its principal procedure, and grouped as it is, with
one unrelated extra procedure and with an extra procedure from the exclusion list. The group it
lands in must be satisfied by the case (checked by the small reference matcher below, written
from the tables' README, not from the grouper) and must be that row, a row of an earlier layer,
or a row of the same layer the README's semantics rank at least as specific: a procedure row
before the conservative row, more required procedure codes matched before fewer, more related
procedure codes before fewer. Never a less specific one.
"""
from __future__ import annotations

import csv
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pytest

import dipdrg

ROOT = Path(__file__).resolve().parents[2]
DIP_REFERENCE = Path(os.environ.get("DIPDRG_DIP_REFERENCE_DIR", ROOT.parent / "shared" / "reference" / "dip-3.0"))

LAYERS = ["pre_groups", "merge_groups", "burn_groups", "tumour_groups", "tb_groups", "base_groups"]
UNRELATED_PX = "99.9999x999"  # on no rule row and no exclusion list
RESISTANCE_DX = "U84.300"


def _alternatives(cell: str) -> list[list[str]]:
    """`a|b+c` → [[a], [b, c]]: alternatives, each a list of codes that must all be present."""
    return [[code.strip() for code in alt.split("+")] for alt in cell.split("|") if alt.strip()] if cell else []


@dataclass
class Row:
    layer: int
    code: str  # category-seq
    dx: list[str]  # principal diagnosis specs (alternatives); ["所有诊断"] = any
    dx_anywhere: bool
    secondary: list[str]
    principal: list[list[str]]  # alternatives; empty = conservative
    px_anywhere: bool
    related: list[list[str]]
    resistant: bool | None = None
    age_max_days: int | None = None
    weight: tuple[int, int] | None = None

    def specificity(self, procedures: list[str]) -> tuple[int, int, int]:
        """(procedure row, required codes matched, related codes matched) for a case satisfying the row."""
        if not self.principal:
            return (0, 0, 0)
        main = max((len(a) for a in self.principal if all(c in procedures for c in a)), default=0)
        rel = max((len(a) for a in self.related if all(c in procedures[1:] for c in a)), default=0)
        return (1, main + rel, rel)


def _load_rows() -> list[Row]:
    rows: list[Row] = []
    for layer, name in enumerate(LAYERS):
        with (DIP_REFERENCE / f"{name}.csv").open(encoding="utf-8", newline="") as f:
            for r in csv.DictReader(f):
                note = r.get("note", "")
                principal = r.get("principal_px", "") or r.get("procedure_expression", "")
                row = Row(layer=layer, code=f"{r['category']}-{r['seq']}", dx=r["principal_dx"].split("|"),
                          dx_anywhere="不限定为主要诊断" in note,
                          secondary=[s for s in r.get("secondary_dx", "").split("|") if s],
                          principal=_alternatives(principal),
                          px_anywhere="不限定为主要手术操作" in note or name == "tumour_groups",
                          related=_alternatives(r.get("related_px", "")))
                if name == "tb_groups":
                    row.resistant = r["drug_resistant"] == "是"
                if r.get("age_condition"):
                    row.age_max_days = int(re.search(r"\d+", r["age_condition"]).group()) - 1  # "<29天"
                if r.get("birth_weight_condition"):
                    lo, hi = re.search(r"(\d+)-(\d+)", r["birth_weight_condition"]).groups()
                    row.weight = (int(lo), int(hi))
                rows.append(row)
    return rows


def _codes(name: str, column: str) -> set[str]:
    with (DIP_REFERENCE / name).open(encoding="utf-8", newline="") as f:
        return {r[column] for r in csv.DictReader(f)}


# --- the reference matcher (README "Matching semantics") -------------------------------------------

def _dx_matches(spec: str, code: str) -> bool:
    if spec == "所有诊断":
        return True
    m = re.fullmatch(r"([A-Z])(\d\d)-([A-Z])(\d\d)", spec)
    if m:
        return code[:1] == m.group(1) and code[1:3].isdigit() and int(m.group(2)) <= int(code[1:3]) <= int(m.group(4))
    return code.startswith(spec)


@dataclass
class Reference:
    excluded_dx: set[str]
    excluded_px: set[str]
    endoscopy_allowed: set[str]  # excluded procedures that stay principal for some diagnoses
    resistant_dx: set[str]

    def principal_px(self, dx: str, px: list[str]) -> str:
        """The principal procedure as grouped: an excluded one makes the case conservative."""
        if not px:
            return ""
        if px[0] in self.excluded_px and not (px[0] in self.endoscopy_allowed and _endoscopy_dx(dx)):
            return ""
        return px[0]

    def satisfies(self, row: Row, case: Case) -> bool:
        dx, px = case.dx, case.px
        if dx[0] in self.excluded_dx:
            return False
        pool = dx if row.dx_anywhere else dx[:1]
        if not any(_dx_matches(s, d) for s in row.dx for d in pool):
            return False
        if row.secondary and not any(_dx_matches(s, d) for s in row.secondary for d in dx[1:]):
            return False
        if row.resistant is not None:
            resistant = dx[0] in self.resistant_dx or RESISTANCE_DX in dx[1:]
            if resistant != row.resistant:
                return False
        if row.age_max_days is not None and not (case.age_days is not None and case.age_days <= row.age_max_days):
            return False
        if row.weight is not None and not (case.weight_g is not None and row.weight[0] <= case.weight_g <= row.weight[1]):
            return False
        principal = self.principal_px(dx[0], px)
        if row.principal:
            if row.px_anywhere:
                ok = any(all(c in px for c in alt) for alt in row.principal)
            else:
                ok = principal != "" and any(principal in alt and all(c in px for c in alt) for alt in row.principal)
            if not ok:
                return False
        if row.related and not any(all(c in px[1:] for c in alt) for alt in row.related):
            return False
        return True


def _endoscopy_dx(dx: str) -> bool:
    ranges = ["A00-A09", "C15-C26", "D01", "D12", "D13", "D37", "I85", "K20-K93"]
    return any(_dx_matches(s, dx) for s in ranges)


# --- cases built to satisfy one row -------------------------------------------------------------

@dataclass
class Case:
    target: Row
    variant: str
    dx: list[str]
    px: list[str] = field(default_factory=list)
    age_days: int | None = None
    weight_g: int | None = None


def _complete_code(spec: str) -> str:
    """A complete code under a specification, chosen so that no exclusion list names it."""
    if spec == "所有诊断":
        return "R69.990x999"
    m = re.fullmatch(r"([A-Z]\d\d)-[A-Z]\d\d", spec)
    if m:
        spec = m.group(1)
    spec = spec.rstrip("+")
    if len(spec) == 3:
        return spec + ".990x999"  # category
    return spec + ("90x999" if len(spec) == 5 else "x999")  # subcategory, or a longer code


def _cases(rows: list[Row], ref: Reference) -> Iterator[Case]:
    excluded_extra = sorted(ref.excluded_px - ref.endoscopy_allowed)[0]
    for row in rows:
        dx = [_complete_code(row.dx[0])]
        if row.dx_anywhere:
            dx = ["R69.990x999", dx[0]]  # the diagnosis elsewhere than principal
        dx += [_complete_code(s) for s in row.secondary[:1]]
        if row.resistant:
            dx.append(RESISTANCE_DX)
        age = row.age_max_days // 2 if row.age_max_days is not None else None
        weight = (row.weight[0] + row.weight[1]) // 2 if row.weight else None
        related = row.related[0] if row.related else []
        for alt in row.principal or [[]]:
            if alt and alt[0] in ref.excluded_px and not (alt[0] in ref.endoscopy_allowed and _endoscopy_dx(dx[0])):
                continue  # a row the exclusion list makes unreachable at principal position
            px = alt + related
            for variant, extra in (("as built", []), ("unrelated extra", [UNRELATED_PX]),
                                   ("excluded extra", [excluded_extra])):
                if not px and extra:
                    continue  # a conservative case with a procedure is not that row's case
                yield Case(row, variant, list(dx), px + extra, age, weight)


@pytest.fixture(scope="module")
def national() -> dipdrg.Grouper:
    if not (DIP_REFERENCE / "base_groups.csv").exists():
        pytest.skip(f"DIP 3.0 reference tables not found at {DIP_REFERENCE}")
    return dipdrg.Grouper(dipdrg.Catalog(DIP_REFERENCE, cache=False), policy="national")


def test_most_specific_satisfied_row_wins_in_every_layer(national: dipdrg.Grouper) -> None:
    rows = _load_rows()
    by_code = {r.code: r for r in rows}
    with (DIP_REFERENCE / "excluded_px.csv").open(encoding="utf-8", newline="") as f:
        notes = {r["code"]: r["note"] for r in csv.DictReader(f)}
    ref = Reference(excluded_dx=_codes("excluded_dx.csv", "code"), excluded_px=set(notes),
                    endoscopy_allowed={c for c, n in notes.items() if "可作为主要手术操作" in n and "不可" not in n},
                    resistant_dx=_codes("tb_resistant_dx.csv", "code"))
    assert len(ref.endoscopy_allowed) == 7
    cases = list(_cases(rows, ref))
    for c in cases:  # the generator itself: every case satisfies the row it was built for
        assert ref.satisfies(c.target, c), (c.target.code, c.variant, c.dx, c.px)
    text = lambda v: "" if v is None else str(v)  # noqa: E731
    df = pd.DataFrame({"dx_codes": ["|".join(c.dx) for c in cases], "px_codes": ["|".join(c.px) for c in cases],
                       "sex": "1", "age": ["0" if c.age_days is not None else "50" for c in cases],
                       "age_days": [text(c.age_days) for c in cases], "weight_g": [text(c.weight_g) for c in cases]})
    out = national.group(df)
    assert len(out) == len(cases)
    failures: list[str] = []
    reached = {layer: set() for layer in range(len(LAYERS))}
    for c, status, got in zip(cases, out["status"], out["dip_group"]):
        won = by_code.get(got)
        why = ""
        if status != "OK" or won is None:
            why = f"status {status}, group {got!r}"
        elif not ref.satisfies(won, c):
            why = f"{got} is not satisfied by the case"
        elif won.layer > c.target.layer:
            why = f"{got} is in a later layer"
        elif won.layer == c.target.layer and won.specificity(c.px) < c.target.specificity(c.px):
            why = f"{got} {won.specificity(c.px)} is less specific than {c.target.specificity(c.px)}"
        if why:
            failures.append(f"{c.target.code} [{c.variant}] dx={'|'.join(c.dx)} px={'|'.join(c.px)}: {why}")
        else:
            reached[c.target.layer].add(c.target.code)
    assert not failures, f"{len(failures)} of {len(cases)} cases:\n" + "\n".join(failures[:40])
    # Every layer was exercised (rows made unreachable by the exclusion list aside).
    for layer, name in enumerate(LAYERS):
        assert reached[layer], name
    assert sum(len(v) for v in reached.values()) > 5000


def test_reference_matcher_ranks_as_the_readme_says() -> None:
    """The ranking the property relies on, on the README's own examples."""
    plain = Row(1, "BX-97", ["C20"], False, [], [["48.6300x003"]], False, [])
    related = Row(1, "BX-99", ["C20"], False, [], [["48.6300x003"]], False, [["40.5900x019"]])
    px = ["48.6300x003", "40.5900x019", UNRELATED_PX]
    assert related.specificity(px) > plain.specificity(px)
    chemo = Row(3, "FZ-1770", ["Z51.1"], False, ["C00-C75"], [["99.2503"]], True, [])
    combo = Row(3, "FZ-1773", ["Z51.1"], False, ["C00-C75"], [["99.2503", "99.2800x006", "99.2800x005"]], True, [])
    px = ["99.2503", "99.2800x006", "99.2800x005", UNRELATED_PX]
    assert combo.specificity(px) > chemo.specificity(px)
    conservative = Row(5, "JC-3629", ["K35.3"], False, [], [], False, [])
    assert conservative.specificity([]) < plain.specificity(["48.6300x003"])
