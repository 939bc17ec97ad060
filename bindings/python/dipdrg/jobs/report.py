"""The year's HTML report: the charts a fund manager would otherwise draw by hand, as images
inside one page that opens offline, and the tables behind them."""
from __future__ import annotations

import base64
import html
import io
from pathlib import Path
from typing import Any

from .._extras import require
from ..money import to_fen, yuan

_LEVEL_COLOURS = {3: "#1f4e79", 2: "#5b9bd5", 1: "#a9d18e", 0: "#bbbbbb"}


def _png(fig: Any) -> str:
    import matplotlib.pyplot as plt

    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=90, bbox_inches="tight")
    plt.close(fig)
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode("ascii")


def _register_cjk_font() -> None:
    """Hospital names and units are Chinese: use a CJK font when the system has one (setup
    installs WenQuanYi Zen Hei), registered directly so a stale font cache does not hide it."""
    import glob

    import matplotlib.pyplot as plt
    from matplotlib import font_manager

    for pattern in ("/usr/share/fonts/**/wqy-zenhei.ttc", "/usr/share/fonts/**/NotoSansCJK-Regular.ttc"):
        for path in glob.glob(pattern, recursive=True):
            font_manager.fontManager.addfont(path)
            name = font_manager.FontProperties(fname=path).get_name()
            plt.rcParams["font.sans-serif"] = [name, "DejaVu Sans"]
            plt.rcParams["axes.unicode_minus"] = False  # the CJK font lacks U+2212
            return


def _figure(width: float = 10, height: float = 3.6) -> tuple[Any, Any]:
    matplotlib = require("matplotlib", "the HTML report")
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    _register_cjk_font()

    fig, ax = plt.subplots(figsize=(width, height))
    ax.spines[["top", "right"]].set_visible(False)
    return fig, ax


def _charts(result: Any, summary: Any) -> list[tuple[str, str]]:
    charts = []
    pools = result.pools
    fig, ax = _figure(6, 3)
    budgets = [to_fen(b) / 100 / 1e6 for b in pools["budget"]]
    ax.bar([f"pool {p}" for p in pools["insurance_type"]], budgets, color="#1f4e79")
    for i, (b, pv) in enumerate(zip(budgets, pools["point_value"])):
        ax.text(i, b, f"{pv:.4f} yuan/point", ha="center", va="bottom")
    ax.set_ylabel("budget (million yuan)")
    ax.set_title("Budget and point value per pool")
    charts.append(("Point value and budget", _png(fig)))

    s = summary.sort_values("dip_points", ascending=False)
    colours = [_LEVEL_COLOURS.get(int(v), "#bbbbbb") for v in s["level"]]
    fig, ax = _figure()
    ax.bar(s["hospital_id"], s["dip_points"] / 1e6, color=colours)
    ax.set_ylabel("DIP points (millions)")
    ax.set_title("DIP points by hospital (dark: level 3, mid: level 2, light: level 1; DRG points: see the table)")
    ax.tick_params(axis="x", labelrotation=90, labelsize=6)
    charts.append(("Points by hospital and level", _png(fig)))

    c = summary[summary["scored"] > 0].sort_values("cmi", ascending=False)
    fig, ax = _figure()
    ax.bar(c["hospital_id"], c["cmi"], color=[_LEVEL_COLOURS.get(int(v), "#bbb") for v in c["level"]])
    ax.axhline(1.0, color="black", linewidth=0.8)
    ax.set_ylabel("CMI")
    ax.set_title("DIP case-mix index by hospital (mean DIP score ÷ city mean)")
    ax.tick_params(axis="x", labelrotation=90, labelsize=6)
    charts.append(("CMI by hospital", _png(fig)))

    d = summary[summary["scored"] > 0].sort_values("high_share", ascending=False)
    fig, ax = _figure()
    ax.bar(d["hospital_id"], d["high_share"] * 100, color="#c00000", label="high / extreme")
    ax.bar(d["hospital_id"], -d["low_share"] * 100, color="#2e75b6", label="low")
    ax.set_ylabel("% of scored cases")
    ax.set_title("Deviation cases by hospital (up: high-cost, down: low-cost)")
    ax.legend(frameon=False)
    ax.tick_params(axis="x", labelrotation=90, labelsize=6)
    charts.append(("Deviation-case shares", _png(fig)))

    g = result.groups.sort_values("cost_fen", ascending=False).head(15).iloc[::-1]
    fig, ax = _figure(8, 4.5)
    ax.barh(g["group"], g["cost_fen"] / 100 / 1e6, color="#7f6000")
    ax.set_xlabel("total cost (million yuan)")
    ax.set_title("Top 15 groups by cost (DIP groups and CHS-DRG DRGs)")
    charts.append(("Top groups by cost", _png(fig)))

    b = summary[(summary["dip_cases"] + summary["drg_cases"]) > 0].sort_values("settlement_vs_ffs")
    fig, ax = _figure()
    values = b["settlement_vs_ffs"] / 100 / 1e6
    ax.bar(b["hospital_id"], values, color=["#c00000" if v < 0 else "#548235" for v in values])
    ax.axhline(0, color="black", linewidth=0.8)
    ax.set_ylabel("million yuan")
    ax.set_title("Settlement minus the fund's fee-for-service share per hospital (green: surplus, red: overspend)")
    ax.tick_params(axis="x", labelrotation=90, labelsize=6)
    charts.append(("Settlement against fee for service", _png(fig)))

    v = summary[(summary["day_ward"] > 0) | (summary["bed_day"] > 0)].sort_values("hospital_id")
    fig, ax = _figure(8, 3.2)
    ax.bar(v["hospital_id"], v["day_ward"], color="#70ad47", label="TCM day-ward courses")
    ax.bar(v["hospital_id"], v["bed_day"], bottom=v["day_ward"], color="#7030a0", label="bed-day stays")
    ax.set_ylabel("settlements")
    ax.set_title("Day-ward and bed-day volumes")
    ax.legend(frameon=False)
    ax.tick_params(axis="x", labelrotation=90, labelsize=7)
    charts.append(("Day-ward and bed-day volumes", _png(fig)))
    return charts


def _table(df: Any, columns: list[str], caption: str, table_id: str) -> str:
    head = "".join(f"<th>{html.escape(c)}</th>" for c in columns)
    body = []
    for _, row in df[columns].iterrows():
        cells = []
        for c in columns:
            v = row[c]
            text = f"{v:,.4f}" if isinstance(v, float) else str(v)
            cells.append(f"<td>{html.escape(text)}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    return (f'<table id="{table_id}"><caption>{html.escape(caption)}</caption><thead><tr>{head}</tr></thead>'
            f"<tbody>{''.join(body)}</tbody></table>")


def write_report(result: Any, path: Path, *, city: str, source: str) -> Path:
    from .summary import hospital_summary

    summary = hospital_summary(result.hospitals, result.settlement, result.fund_payment_ratio)
    charts = _charts(result, summary)
    pools = result.pools.assign(point_value=result.pools["point_value"].map(lambda v: f"{v:.4f}"),
                                points=result.pools["points"].map(lambda v: f"{v:,.1f}"))
    top = summary.sort_values("entitlement_fen", ascending=False).head(20).assign(
        cmi=summary["cmi"].round(3), dip_points=summary["dip_points"].map(lambda v: f"{v:,.0f}"),
        drg_points=summary["drg_points"].map(lambda v: f"{v:,.0f}"))
    quality = result.dirty
    timings = __import__("pandas").DataFrame({"stage": list(result.timings),
                                              "seconds": [f"{v:.1f}" for v in result.timings.values()]})
    fund = int(summary["fund_fen"].sum())
    patient = int(summary["patient_fen"].sum())
    parts = [
        "<!DOCTYPE html><html lang='zh'><head><meta charset='utf-8'>",
        f"<title>{html.escape(city)}: year settlement</title>",
        "<style>body{font-family:sans-serif;margin:2em;max-width:1100px;color:#222}"
        "table{border-collapse:collapse;margin:1em 0;font-size:13px}td,th{border:1px solid #ccc;padding:3px 7px;"
        "text-align:right}th{background:#eef}caption{text-align:left;font-weight:bold;padding:4px 0}"
        "img{max-width:100%;border:1px solid #eee;margin:0.5em 0}</style></head><body>",
        f"<h1>{html.escape(city)}: the year's grouping, points and settlement</h1>",
        f"<p>Source: {html.escape(source)}. {result.rows:,} settlements; {int(result.dirty['rows'].sum()):,} rows with data "
        f"problems (listed in data-quality.csv); {len(result.candidates):,} 特例单议 candidates. Basic fund "
        f"{yuan(fund)} 元, patients {yuan(patient)} 元.</p>",
        _table(pools, ["insurance_type", "hospitals", "budget", "points", "point_value"], "Pools", "pools"),
    ]
    for title, src in charts:
        parts.append(f"<h2>{html.escape(title)}</h2><img alt='{html.escape(title)}' src='{src}'>")
    parts.append(_table(top, ["hospital_id", "hospital", "level", "cases", "dip_points", "drg_points", "cmi", "entitlement",
                              "dip_cost", "drg_cost", "settlement_vs_ffs_yuan"], "Top 20 hospitals by entitlement", "hospitals"))
    parts.append(_table(quality, ["status", "rows"], "Data quality", "quality"))
    parts.append(_table(timings, ["stage", "seconds"], "Stage timings", "timings"))
    parts.append("</body></html>")
    path.write_text("\n".join(parts), encoding="utf-8")
    return path
