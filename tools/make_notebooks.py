"""Writes the example notebooks in examples/ (without outputs); the test suite executes them.
Usage: python tools/make_notebooks.py"""
from __future__ import annotations

from pathlib import Path

import nbformat as nbf

ROOT = Path(__file__).resolve().parent.parent
SETUP = """import pandas as pd
import dipdrg
from pathlib import Path

DATA = next(p for p in [Path("data"), Path("examples/data"), Path("../examples/data")] if p.exists())
cases = pd.read_csv(DATA / "dip-demo-cases.csv", dtype=str, keep_default_na=False)
len(cases)"""

NOTEBOOKS = {
    "01-group-a-year.ipynb": [
        ("md", "# Group a year of cases\nGroup the demo year of cases into DIP groups and CHS-DRG groups, and look at what did not group."),
        ("code", SETUP),
        ("code", 'dip = dipdrg.Grouper("dip-demo")\ngrouped = dip.group(cases)\ngrouped["status"].value_counts()'),
        ("code", 'grouped.groupby("dip_kind")["case_id"].count().sort_values(ascending=False)'),
        ("code", 'grouped[grouped["status"] != "OK"][["case_id", "status", "message"]]'),
        ("code", 'trace = dip.explain(dx_codes="K35.300x001", px_codes="47.0100")\nprint("\\n".join(trace.to_text("en")))'),
    ],
    "02-drg-vs-dip.ipynb": [
        ("md", "# DRG and DIP for the same cases\nThe same cases through the CHS-DRG demo catalog and the DIP demo catalog."),
        ("code", SETUP),
        ("code", 'drg = dipdrg.Grouper("demo").group(cases)\ndip = dipdrg.Grouper("dip-demo").group(cases)\n'
                 'both = pd.DataFrame({"case_id": cases["case_id"], "mdc": drg["mdc"], "drg": drg["drg"],\n'
                 '                     "dip_group": dip["dip_group"], "dip_kind": dip["dip_kind"]})\nboth.head()'),
        ("code", 'pd.crosstab(both["mdc"], both["dip_kind"]).head(10)'),
        ("code", 'assert len(both) == len(cases)'),
    ],
    "03-deviation-cases.ipynb": [
        ("md", "# Hospitals with the most deviation cases\nScore the demo cases by the 济宁 formulas and count high and low-cost cases per hospital."),
        ("code", SETUP),
        ("code", 'scorer = dipdrg.Scorer(policy="jining-370800", point_value={"310": 9.5, "390": 8.7},\n'
                 '                       level_coefficients={1: 0.85, 2: 0.95, 3: 1.05})\n'
                 'scored = scorer.score(cases, grouper=dipdrg.Grouper("dip-demo"))\nscored["rule"].value_counts()'),
        ("code", 'deviation = scored[scored["rule"].isin(["high", "low", "extreme"])]\n'
                 'deviation.groupby("hospital_id")["case_id"].count().sort_values(ascending=False).head()'),
        ("code", 'candidates = scorer.review_candidates(scored, cases, pool_discharges=len(cases) * 20)\ncandidates.head()'),
    ],
    "04-score-distribution.ipynb": [
        ("md", "# The distribution of case points\nA histogram of the scored cases' points, by insurance pool."),
        ("code", SETUP),
        ("code", 'import matplotlib\nmatplotlib.use("Agg")\nimport matplotlib.pyplot as plt\n'
                 'scored = dipdrg.Scorer(point_value=9.5).score(cases, grouper=dipdrg.Grouper("dip-demo"))\n'
                 'ok = scored[scored["status"] == "SCORED"]\n'
                 'fig, ax = plt.subplots()\nfor pool, rows in ok.groupby("insurance_type"):\n'
                 '    ax.hist(rows["points"], bins=30, alpha=0.6, label=pool)\n'
                 'ax.set_xlabel("points")\nax.set_ylabel("cases")\nax.legend()\nimport tempfile\nfig.savefig(Path(tempfile.gettempdir()) / "score-distribution.png")'),
        ("code", 'ok["points"].describe()'),
    ],
}


def main() -> None:
    out = ROOT / "examples"
    out.mkdir(exist_ok=True)
    for name, cells in NOTEBOOKS.items():
        nb = nbf.v4.new_notebook()
        nb.cells = [nbf.v4.new_markdown_cell(src) if kind == "md" else nbf.v4.new_code_cell(src) for kind, src in cells]
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
        nbf.write(nb, out / name)
        print(f"wrote {out / name}")


if __name__ == "__main__":
    main()
