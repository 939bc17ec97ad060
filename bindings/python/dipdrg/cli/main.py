"""The dipdrg command line: group case files, inspect and check catalogs, run the demo."""
from __future__ import annotations

import argparse
import collections
import json
import sys
import time
from pathlib import Path
from typing import Any, Sequence

from ..catalog import Catalog, CatalogError, check_catalog, write_manifest
from ..csv_input import CsvInput, read_case_csv, read_case_parquet
from .._extras import MissingExtra
from ..demo.files import demo_file
from ..grouper import Grouper



def _parse_mapping(items: Sequence[str]) -> dict[str, str]:
    mapping = {}
    for item in items:
        if "=" not in item:
            raise SystemExit(f"dipdrg: --map takes FIELD=COLUMN, not {item!r}")
        f, c = item.split("=", 1)
        mapping[f.strip()] = c.strip()
    return mapping


def _add_text_options(parser: argparse.ArgumentParser) -> None:
    """--encoding and --delimiter, for the commands that read CSV files."""
    parser.add_argument("--encoding", default="utf-8-sig", help="text encoding of a CSV input (utf-8, gbk, utf-16 …)")
    parser.add_argument("--delimiter", default=",", help="field delimiter of a CSV input (',', ';', tab …)")


def _read_input(path: Path, encoding: str = "utf-8-sig", delimiter: str = ",") -> CsvInput:
    if not path.exists():
        raise SystemExit(f"dipdrg: input file {path} not found")
    if path.suffix.lower() in (".parquet", ".pq"):
        return read_case_parquet(path)
    if path.suffix.lower() in (".xlsx", ".xls"):
        raise ValueError(f"{path}: group reads CSV or Parquet; save the workbook as CSV UTF-8 (or use Parquet)")
    return read_case_csv(path, encoding, delimiter)


def _write_output(rows: dict[str, list[Any]], path: Path) -> None:
    import pandas as pd

    df = pd.DataFrame(rows)
    if path.suffix.lower() in (".parquet", ".pq"):
        df.to_parquet(path, index=False)
    else:
        df.to_csv(path, index=False, encoding="utf-8")


def group_file(input_path: Path, output_path: Path | None, grouper: Grouper, *, explain: bool, language: str,
               mapping: dict[str, str], threads: int | None, progress: bool | None, encoding: str = "utf-8-sig",
               delimiter: str = ",") -> dict[str, list[Any]]:
    data = _read_input(input_path, encoding, delimiter)
    table = grouper.group(data.columns, columns=mapping, explain=explain, language=language, threads=threads,
                          progress=progress)
    rows: dict[str, list[Any]] = {name: table.column(name).to_pylist() for name in table.column_names}
    blank = {"mdc": "0000", "adrg": "00", "drg": "0000", "drg_name": "", "cc_code": "", "cc_level": "",
             "dip_group": "", "dip_name": "", "dip_kind": "", "dip_score": None, "principal_px": "", "subtype": "",
             "factor": None, "grassroots": False}
    for row, line, problem in data.malformed:
        print(f"{input_path}:{line}: {problem}; row reported as MALFORMED_ROW", file=sys.stderr)
        rows["status"][row] = "MALFORMED_ROW"
        rows["status_zh"][row] = "行格式错误"
        for key, value in blank.items():
            if key in rows:
                rows[key][row] = value
        rows["message"][row] = f"line {line}: {problem}"
    if output_path is not None:
        _write_output(rows, output_path)
    return rows


def _summary(rows: dict[str, list[Any]], top: int = 10) -> str:
    n = len(rows["status"])
    out = [f"{n} cases"]
    for status, count in collections.Counter(rows["status"]).most_common():
        out.append(f"  {status:<20} {count:>8}  ({100.0 * count / max(n, 1):5.1f}%)")
    key, name_key, label = ("drg", "drg_name", "DRGs") if "drg" in rows else ("dip_group", "dip_name", "DIP groups")
    drgs = collections.Counter(d for d, s in zip(rows[key], rows["status"]) if s in ("OK", "FALLBACK"))
    names = dict(zip(rows[key], rows[name_key]))
    if drgs:
        out.append(f"most frequent {label} ({len(drgs)} distinct):")
        for drg, count in drgs.most_common(top):
            out.append(f"  {drg}  {count:>6}  {names.get(drg, '')}")
    warned = sum(1 for w in rows.get("warnings", []) if w)
    if warned:
        out.append(f"{warned} cases carry warnings (unknown codes, sex mismatch, unparsable fields)")
    return "\n".join(out)


def cmd_group(args: argparse.Namespace) -> int:
    grouper = _make_grouper(args)
    progress = False if args.no_progress else None
    rows = group_file(Path(args.input), Path(args.output), grouper, explain=args.explain, language=args.language,
                      mapping=_parse_mapping(args.map), threads=args.threads, progress=progress,
                      encoding=args.encoding, delimiter=args.delimiter)
    print(_summary(rows), file=sys.stderr)
    print(f"wrote {args.output}", file=sys.stderr)
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    out_dir = Path(args.output_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    for title, catalog, cases_name, key, name_key, language in (
            ("CHS-DRG", "demo", "demo-cases.csv", "drg", "drg_name", "zh"),
            ("DIP", "dip-demo", "dip-demo-cases.csv", "dip_group", "dip_name", "en")):
        grouper = Grouper(catalog)
        cases = demo_file(cases_name)
        out = out_dir / f"{Path(cases_name).stem}-grouped.csv"
        rows = group_file(cases, out, grouper, explain=True, language=language, mapping={}, threads=None,
                          progress=False)
        print(f"== {title}: {grouper.catalog!r}")
        print(f"demo cases: {cases}")
        print(_summary(rows))
        example = next(i for i, s in enumerate(rows["status"]) if s == "OK")
        print(f"\nexplanation of {rows['case_id'][example]} → {rows[key][example]} {rows[name_key][example]}:")
        for line in rows["trace"][example].split(" | "):
            print(f"  {line}")
        print(f"\nwrote {out}\n")
    _demo_scoring(out_dir)
    _demo_reimbursement(out_dir)
    return 0


def _demo_reimbursement(out_dir: Path) -> None:
    """The patients' side: the demo settlements under 德州's policy versions, by date."""
    from ..reimbursement import reimburse, yuan

    cases = _read_table(str(demo_file("reimbursement-demo.csv")))
    out = reimburse(cases, region="371400", trace=True)
    _write_table(out, str(out_dir / "reimbursement-demo.csv"))
    print("\n== Reimbursement (德州 371400, the version in force on each row's date)")
    print("policies: " + ", ".join(f"{k} {v}" for k, v in out["policy"].value_counts().items()))
    print("statuses: " + ", ".join(f"{k} {v}" for k, v in out["status"].value_counts().items()))
    print(f"fund {yuan(int(out['fund_fen'].sum()))} 元, patients {yuan(int(out['patient_fen'].sum()))} 元")
    first = out.iloc[0]
    print(f"explanation of {first['id']} (fund {yuan(int(first['fund_fen']))} 元):")
    for line in str(first["trace"]).splitlines():
        print(f"  {line}")
    print(f"\nwrote {out_dir / 'reimbursement-demo.csv'}")


def _demo_scoring(out_dir: Path) -> None:
    """The demo city's DIP payment: score the demo cases, list 特例单议 candidates, settle."""
    from ..jobs import city_policy
    from ..scorer import Scorer, settle_scored

    city, policy_path = city_policy("demo-city")
    cases = _read_table(str(demo_file("dip-demo-cases.csv")))
    scorer = Scorer(policy=city["scoring_policy"], point_value=city["point_values"],
                    level_coefficients={int(k): v for k, v in city["level_coefficients"].items()},
                    rules=city.get("rules"))
    scored = scorer.score(cases, grouper=Grouper("dip-demo"))
    _write_table(scored, str(out_dir / "dip-demo-scored.csv"))
    print(f"== DIP payment, {city['name']} ({policy_path})")
    print("case rules: " + ", ".join(f"{k or 'not scored'} {v}" for k, v in scored["rule"].value_counts().items()))
    cap_rate = scorer.rules["special_review"]["cap_rate"]
    candidates = scorer.review_candidates(scored, cases, pool_discharges=len(cases) * 20)
    print(f"特例单议 candidates: {len(candidates)} (cap {cap_rate:g} of {len(cases) * 20} discharges)")
    settlement = settle_scored(scored, budgets=city["budgets"], fund_payment_ratio=city["fund_payment_ratio"],
                               surplus_bands=[tuple(b) for b in city["surplus_bands"]],
                               overspend_bands=[tuple(b) for b in city["overspend_bands"]])
    _write_table(settlement, str(out_dir / "dip-demo-settlement.csv"))
    for pool, rows in settlement.groupby("insurance_type"):
        total = int(rows["entitlement_fen"].sum())
        print(f"pool {pool}: point value {rows['point_value'].iloc[0]:.4f} 元/点, {len(rows)} hospitals, "
              f"entitlements {total // 100}.{total % 100:02d} 元 = budget {city['budgets'][str(pool)]}")
    print(f"\nwrote {out_dir / 'dip-demo-scored.csv'} and {out_dir / 'dip-demo-settlement.csv'}")


def cmd_recommend(args: argparse.Namespace) -> int:
    grouper = _make_grouper(args)
    candidates = grouper.recommend(dx_codes=args.dx, px_codes=args.px or "")
    if not candidates:
        print("no group can be reached from this principal diagnosis (excluded or unknown)")
        return 1
    for c in candidates:
        mark = "✓" if c["satisfied"] else " "
        score = "" if c["score"] is None else f"{c['score']:>9.1f}"
        print(f"{mark} {c['code']:<16} {score:>9}  {c['layer']:<12} {c['name']}  [{c['requirement']}]")
    return 0


def _make_grouper(args: argparse.Namespace) -> Grouper:
    options: dict[str, Any] = {}
    if getattr(args, "ambiguous_group", False):
        options["ambiguous_group"] = True
    if getattr(args, "pv1_min_age_days", None) is not None:
        options["pv1_min_age_days"] = args.pv1_min_age_days
    if getattr(args, "principal_procedure", None):
        options["principal_procedure"] = args.principal_procedure
    if getattr(args, "translate_codes", False):
        options["translate_codes"] = True
    if getattr(args, "policy", None):
        options["policy"] = args.policy
    if getattr(args, "translation", None):
        options["translation"] = args.translation
    try:
        return Grouper(Catalog(args.catalog), **options)
    except CatalogError as exc:
        raise SystemExit(f"dipdrg: {exc}") from exc


def cmd_catalog_check(args: argparse.Namespace) -> int:
    findings = check_catalog(args.catalog)
    errors = [f for f in findings if f.severity == "error"]
    warnings = [f for f in findings if f.severity == "warning"]
    by_check = collections.Counter(f.check for f in warnings)
    for f in errors:
        print(f)
    shown: collections.Counter[str] = collections.Counter()
    for f in warnings:
        shown[f.check] += 1
        if args.verbose or shown[f.check] <= 5:
            print(f)
    for check, count in by_check.items():
        if not args.verbose and count > 5:
            print(f"warning: [{check}] ... {count - 5} more (use --verbose)")
    print(f"{args.catalog}: {len(errors)} errors, {len(warnings)} warnings")
    return 1 if errors else 0


def cmd_catalog_dot(args: argparse.Namespace) -> int:
    try:
        text = _catalog(args.catalog).dot()
    except CatalogError as exc:
        raise SystemExit(f"dipdrg: {exc}") from exc
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


def cmd_catalog_show(args: argparse.Namespace) -> int:
    cat = _catalog(args.catalog)
    if not args.code:
        info: dict[str, Any] = dict(cat.manifest)
        info["options"] = cat.options
        info["counts"] = cat.counts
        print(json.dumps(info, ensure_ascii=False, indent=2))
        return 0
    described = cat.describe(args.code)
    print(json.dumps(described, ensure_ascii=False, indent=2))
    return 0 if described["kind"] != "unknown" else 1


def cmd_catalog_compile(args: argparse.Namespace) -> int:
    cat = _catalog(args.catalog)
    cat.save_snapshot(args.output)
    print(f"wrote snapshot {args.output} ({cat!r})")
    return 0


def cmd_catalog_manifest(args: argparse.Namespace) -> int:
    path = write_manifest(args.directory, version=args.version, region=args.region)
    print(f"wrote {path}")
    return 0


def cmd_catalog_import_city(args: argparse.Namespace) -> int:
    from ..city_import import import_city_catalog

    out = import_city_catalog(args.table, args.output, mapping=_parse_mapping(args.map), version=args.version,
                              region=args.region, effective_from=args.effective_from, attributes=args.attributes,
                              policy=args.policy)
    cat = _catalog(str(out))
    print(f"wrote {out} ({cat!r})")
    return 0


def _read_table(path: str, encoding: str = "utf-8-sig", delimiter: str = ",") -> Any:
    import pandas as pd

    from .._textfile import check_text_table

    p = Path(path)
    if not p.exists():
        raise SystemExit(f"dipdrg: {path} not found")
    if not p.is_file():
        raise ValueError(f"{path} is not a regular file")
    kind = "Parquet" if p.suffix.lower() in (".parquet", ".pq") else "Excel" if p.suffix.lower() in (".xlsx", ".xls") \
        else "CSV"
    try:
        if kind == "Parquet":
            return pd.read_parquet(p)
        if kind == "Excel":
            return pd.read_excel(p, dtype=str).fillna("")
        check_text_table(p, encoding, delimiter)
        return pd.read_csv(p, dtype=str, keep_default_na=False, encoding=encoding, sep=delimiter)
    except ValueError:
        raise
    except UnicodeDecodeError as exc:
        raise ValueError(f"{path}: not UTF-8 text; save it as UTF-8 (另存为 CSV UTF-8)") from exc
    except Exception as exc:  # noqa: BLE001 - every reader's own error types: a broken file is a clear error
        raise ValueError(f"{path}: cannot be read as {kind} ({type(exc).__name__}: {exc})") from exc


def _write_table(df: Any, path: str) -> None:
    p = Path(path)
    if p.suffix.lower() in (".parquet", ".pq"):
        df.to_parquet(p, index=False)
    elif p.suffix.lower() == ".xlsx":
        df.to_excel(p, index=False)
    else:
        df.to_csv(p, index=False, encoding="utf-8")


def _key_values(items: Sequence[str], what: str) -> dict[str, str]:
    out = {}
    for item in items:
        if "=" not in item:
            raise SystemExit(f"dipdrg: {what} takes KEY=VALUE, not {item!r}")
        k, v = item.split("=", 1)
        out[k.strip()] = v.strip()
    return out


def cmd_score(args: argparse.Namespace) -> int:
    from ..scorer import Scorer

    cases = _read_table(args.input)
    if args.point_value_by:
        point_value: Any = {k: float(v) for k, v in _key_values(args.point_value_by, "--point-value-by").items()}
    elif args.point_value is not None:
        point_value = args.point_value
    else:
        raise SystemExit("dipdrg: give --point-value or --point-value-by INSURANCE=VALUE")
    hospital_coefficients = None
    if args.hospital_coefficients:
        table = _read_table(args.hospital_coefficients)
        hospital_coefficients = {str(h): float(c) for h, c in zip(table["hospital_id"], table["coefficient"])}
    levels = {int(k): float(v) for k, v in _key_values(args.level_coefficient, "--level-coefficient").items()}
    scorer = Scorer(policy=args.scoring_policy, point_value=point_value, hospital_coefficients=hospital_coefficients,
                    level_coefficients=levels,
                    drg_weights=_read_table(args.drg_weights) if args.drg_weights else None)
    scored = scorer.score(cases, grouper=_make_grouper(args), columns=_parse_mapping(args.map))
    _write_table(scored, args.output)
    print(f"{len(scored)} cases; " + ", ".join(f"{k} {v}" for k, v in scored["status"].value_counts().items()),
          file=sys.stderr)
    print("rules: " + ", ".join(f"{k or '-'} {v}" for k, v in scored["rule"].value_counts().items()), file=sys.stderr)
    print(f"wrote {args.output}", file=sys.stderr)
    return 0


def cmd_review(args: argparse.Namespace) -> int:
    from ..scorer import Scorer, apply_review

    scored = _read_table(args.scored)
    for column in ("ratio", "points", "point_value"):
        scored[column] = scored[column].apply(lambda v: float(v) if v not in ("", None) else float("nan"))
    scored["amount_fen"] = scored["amount_fen"].astype(int)
    if args.decisions:
        out = apply_review(scored, _read_table(args.decisions))
        _write_table(out, args.output)
        print(f"applied {args.decisions}; wrote {args.output}", file=sys.stderr)
        return 0
    if not args.cases:
        raise SystemExit("dipdrg: review needs --cases (the input cases) to find candidates, or --decisions to apply")
    scorer = Scorer(point_value=1.0)
    candidates = scorer.review_candidates(scored, _read_table(args.cases), cap_rate=args.cap_rate,
                                          cost_ratio=args.cost_ratio, pool_discharges=args.pool_discharges)
    _write_table(candidates, args.output)
    print(f"{len(candidates)} candidates (cap {args.cap_rate:g} of "
          f"{args.pool_discharges or len(scored)} discharges); wrote {args.output}", file=sys.stderr)
    return 0


def cmd_settle(args: argparse.Namespace) -> int:
    import pandas as pd

    from ..scorer import settle_scored

    if args.city:
        return _settle_year(args)
    if not args.budget:
        raise SystemExit("dipdrg: settling scored cases needs --budget INSURANCE=YUAN (or give a year of cases "
                         "with --city CITY)")
    scored = _read_table(args.scored, args.encoding, args.delimiter)
    if "points" not in scored.columns:
        raise ValueError(f"{args.scored} has no points column (scored cases from `dipdrg score`)")
    scored["points"] = pd.to_numeric(scored["points"], errors="coerce")
    budgets = _key_values(args.budget, "--budget")
    out = settle_scored(scored, budgets=budgets, fund_payment_ratio=args.fund_payment_ratio, basis=args.basis)
    _write_table(out, args.output)
    for pool, rows in out.groupby("insurance_type"):
        print(f"pool {pool}: point value {rows['point_value'].iloc[0]:.4f} 元/点, {len(rows)} hospitals", file=sys.stderr)
    print(f"wrote {args.output}", file=sys.stderr)
    return 0


def _settle_year(args: argparse.Namespace) -> int:
    from ..jobs import settle_year

    result = settle_year(args.scored, city=args.city, out_dir=args.output, decisions=args.decisions,
                         budgets=_key_values(args.budget, "--budget") or None, csv=args.csv,
                         progress=None if not args.no_progress else False, report=not args.no_report,
                         engine=args.engine, encoding=args.encoding, delimiter=args.delimiter)
    _print_year_summary(result)
    return 0


def _print_year_summary(result: Any) -> None:
    from ..reimbursement import yuan

    print(f"\n== {result.rows:,} settlements in {result.timings.get('total', 0):.1f} s "
          f"(peak memory {result.peak_rss_mb:,.0f} MB)")
    for _, pool in result.pools.iterrows():
        print(f"pool {pool['insurance_type']}: budget {pool['budget']} 元, {pool['points']:,.0f} points, "
              f"point value {pool['point_value']:.4f} 元/点, {pool['hospitals']} hospitals")
    scored = int(result.hospitals["scored"].sum())
    drg = int(result.hospitals["drg_cases"].sum()) if "drg_cases" in result.hospitals.columns else 0
    print(f"DIP cases scored {scored:,}; DRG cases {drg:,}; groups used {len(result.groups):,}; "
          f"特例单议 candidates {len(result.candidates):,}; "
          f"rows with data problems {int(result.dirty['rows'].sum()):,}")
    print(f"basic fund {yuan(int(result.hospitals['fund_fen'].sum()))} 元, patients "
          f"{yuan(int(result.hospitals['patient_fen'].sum()))} 元")
    print("stages: " + ", ".join(f"{k} {v:.1f} s" for k, v in result.timings.items() if k != "total"))
    print(f"wrote {result.out_dir}/: cases.parquet, settlement.xlsx, settlement.csv, review-candidates.csv, "
          f"data-quality.csv, report.html")


def cmd_demo_city(args: argparse.Namespace) -> int:
    """The main job on the generated demo year: generate it once (seeded), then settle it."""
    from ..demo.city import write_year
    from ..jobs import settle_year
    from ..jobs.year import ensure_report_extra

    ensure_report_extra(not args.no_report)
    out_dir = Path(args.output_dir)
    cases = Path(args.cases_file) if args.cases_file else out_dir / f"demo-city-{args.year}-{args.cases}.parquet"
    if not cases.exists():
        print(f"generating the demo city's {args.year} ({args.cases:,} settlements, seed {args.seed}) → {cases}",
              file=sys.stderr)
    write_year(cases, args.cases, year=args.year, seed=args.seed)
    result = settle_year(cases, city="demo-city", out_dir=out_dir / "settlement",
                         progress=False if args.no_progress else None, csv=args.csv, report=not args.no_report)
    _print_year_summary(result)
    if args.history_cases > 0:
        _demo_calibration(out_dir, args)
    return 0


def _demo_calibration(out_dir: Path, args: argparse.Namespace) -> None:
    """Next year's scores from the three years before, weighted 1:2:7."""
    import pandas as pd

    from ..calibration import calibrate
    from ..demo.city import write_history

    start = time.perf_counter()
    path = write_history(out_dir / f"demo-city-history-{args.year - 3}-{args.year - 1}-{args.history_cases}.parquet",
                         args.history_cases, last_year=args.year - 1, seed=args.seed)
    history = pd.read_parquet(path, columns=["year", "total_cost", "hospital_level", "gender", "age", "dx_codes",
                                             "px_codes", "mode"])
    history = history[history["mode"].isin(["dip", "day_surgery"])]
    report, summary = calibrate(history, "dip-demo")
    report.to_csv(out_dir / "settlement" / "calibration.csv", index=False)
    print(f"calibration from {len(history):,} cases of {args.year - 3}–{args.year - 1} (1:2:7): "
          + ", ".join(f"{k} {v}" for k, v in summary.items() if not isinstance(v, (list, dict)))
          + f"; wrote calibration.csv ({time.perf_counter() - start:.1f} s)")


def cmd_calibrate(args: argparse.Namespace) -> int:
    from ..calibration import calibrate, write_calibrated_catalog

    history = _read_table(args.history)
    method = args.method
    reference = None
    fixed = 0.0
    if method.startswith("reference:"):
        method, reference = "reference", args.method.split(":", 1)[1]
    elif method.startswith("fixed:"):
        method, fixed = "fixed", float(args.method.split(":", 1)[1])
    weights = [float(w) for w in args.year_weights.split(":")]
    lo, hi = (float(x) for x in args.trim.split(","))
    report, summary = calibrate(history, args.catalog, year_weights=weights, trim=(lo, hi), method=method,
                                scale=args.scale, reference_group=reference, fixed_unit=fixed,
                                case_threshold=args.threshold, coverage=args.coverage)
    out = write_calibrated_catalog(args.catalog, report, args.output, version=args.version,
                                   effective_from=args.effective_from)
    report_path = Path(args.report) if args.report else out / "calibration-report.csv"
    report.to_csv(report_path, index=False, encoding="utf-8")
    (report_path.with_suffix(".json")).write_text(json.dumps(summary, ensure_ascii=False, indent=2) + "\n",
                                                  encoding="utf-8")
    if report_path.parent == out:
        from ..catalog import write_manifest

        write_manifest(out)
    print(f"overall mean {summary['overall_mean']:.2f} 元 over years {summary['years']}; "
          f"case threshold {summary['case_threshold']}; level coefficients "
          + ", ".join(f"{x:.3f}" for x in summary["level_coefficients"]))
    print(f"{int(report['core'].sum())} core groups, {int(((~report['core']) & (report['cases'] > 0)).sum())} "
          f"below the threshold, {int(report['grassroots_candidate'].sum())} 基层 candidates; "
          f"{summary['unplaced_rows']} rows not placed")
    print(f"wrote {out} and {report_path}")
    return 0


def cmd_reimburse(args: argparse.Namespace) -> int:
    from ..reimbursement import ReimbursementPolicy, reimburse, reimbursement_policies, yuan

    if args.list:
        for info in reimbursement_policies():
            print(f"{info.name:14s} region {info.region}  {info.effective_from or '…'} – {info.effective_to or '…'}")
        return 0
    if not args.input or not args.output:
        raise SystemExit("dipdrg: reimburse needs INPUT and -o OUTPUT (or --list)")
    sections = {k: v for k, v in (("day_ward", args.day_ward), ("bed_day", args.bed_day),
                                  ("per_disease", args.per_disease), ("tcm_dip_score", args.tcm_dip_score)) if v}
    cases = _read_table(args.input, args.encoding, args.delimiter)
    if args.policy:
        out = reimburse(cases, policy=ReimbursementPolicy.load(args.policy, **sections),
                        columns=_parse_mapping(args.map), trace=args.explain)
    elif args.region:
        if sections:
            raise SystemExit("dipdrg: section presets (--day-ward …) need --policy")
        out = reimburse(cases, region=args.region, columns=_parse_mapping(args.map), trace=args.explain)
    else:
        raise SystemExit("dipdrg: give --policy NAME|FILE or --region CODE (see --list)")
    for column in [c for c in out.columns if c.endswith("_fen")]:
        out[column[:-4] + "_yuan"] = [yuan(v) for v in out[column]]
    _write_table(out, args.output)
    counts = ", ".join(f"{k} {v}" for k, v in out["status"].value_counts().items()) if "status" in out else "no rows"
    print(f"{len(out)} settlements; {counts}", file=sys.stderr)
    if len(out):
        print("fund " + yuan(int(out["fund_fen"].sum())) + ", patient " + yuan(int(out["patient_fen"].sum()))
              + ", hospitals paid " + yuan(int(out["hospital_payment_fen"].sum())) + " 元", file=sys.stderr)
    print(f"wrote {args.output}", file=sys.stderr)
    return 0


def _catalog(path: str) -> Catalog:
    try:
        return Catalog(path)
    except CatalogError as exc:
        raise SystemExit(f"dipdrg: {exc}") from exc


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="dipdrg", description="CHS-DRG and DIP grouping, DIP scoring and settlement.")
    sub = p.add_subparsers(dest="command", required=True)

    g = sub.add_parser("group", help="group a case file (CSV or Parquet)")
    g.add_argument("input")
    _add_text_options(g)
    g.add_argument("-o", "--output", required=True, help="output file (.csv or .parquet)")
    g.add_argument("--catalog", default="demo", help="catalog directory, snapshot, or shipped name (default: demo)")
    g.add_argument("--explain", action="store_true", help="add a trace column")
    g.add_argument("--language", choices=("zh", "en"), default="zh", help="language of the trace")
    g.add_argument("--map", action="append", default=[], metavar="FIELD=COLUMN",
                   help="read FIELD from COLUMN (repeatable), e.g. --map dx_codes=diagnoses")
    g.add_argument("--threads", type=int, default=None)
    g.add_argument("--no-progress", action="store_true")
    g.add_argument("--ambiguous-group", action="store_true", help="assign the ambiguous group (QY)")
    g.add_argument("--pv1-min-age-days", type=int, default=None)
    g.add_argument("--principal-procedure", choices=("first", "first_or"))
    g.add_argument("--translate-codes", action="store_true", help="map codes through dx_map/px_map first")
    g.add_argument("--policy", help="DIP tie-break policy: preset (national, jining, tangshan, hubei, jingzhou) or JSON file")
    g.add_argument("--translation", help="DIP: a directory with dx_map.csv/px_map.csv to translate codes first")
    g.set_defaults(func=cmd_group)

    sc = sub.add_parser("score", help="DIP: group and score cases into points and money")
    sc.add_argument("input")
    sc.add_argument("-o", "--output", required=True)
    sc.add_argument("--catalog", default="dip-demo")
    sc.add_argument("--policy", help="DIP tie-break policy")
    sc.add_argument("--scoring-policy", default=None,
                    help="DIP: dip-1.0 (default), dip-3.0, jining-370800, taian-370900, hubei; CHS-DRG: national "
                         "(default), zhejiang-example, rate-example; or a JSON file")
    sc.add_argument("--point-value", type=float)
    sc.add_argument("--point-value-by", action="append", default=[], metavar="INSURANCE=VALUE")
    sc.add_argument("--hospital-coefficients", help="table with hospital_id, coefficient")
    sc.add_argument("--level-coefficient", action="append", default=[], metavar="LEVEL=K")
    sc.add_argument("--map", action="append", default=[], metavar="FIELD=COLUMN")
    sc.add_argument("--drg-weights", help="CHS-DRG: table with drg, base_points, group_average[, base_group, bed_day]")
    sc.set_defaults(func=cmd_score)

    rv = sub.add_parser("review", help="特例单议: export candidates from scored cases, or apply decisions")
    rv.add_argument("scored")
    rv.add_argument("-o", "--output", required=True)
    rv.add_argument("--cases", help="the input cases (los_days, icu_days, discharge_type, new_technology)")
    rv.add_argument("--decisions", help="reviewers' decisions: case_id, decision, approved_amount")
    rv.add_argument("--cap-rate", type=float, default=0.005, help="share of the pool's discharges (DIP 0.005, DRG 0.05)")
    rv.add_argument("--cost-ratio", type=float, default=2.0)
    rv.add_argument("--pool-discharges", type=int, help="the pool's discharges (default: the rows given)")
    rv.set_defaults(func=cmd_review)

    st = sub.add_parser("settle", help="a year of cases grouped, scored, settled and reimbursed (--city), or "
                                       "scored cases settled per pool (--budget)")
    st.add_argument("scored", help="a year of cases (CSV, Parquet, Excel) with --city, else scored cases")
    _add_text_options(st)
    st.add_argument("-o", "--output", required=True, help="output directory (--city) or file")
    st.add_argument("--city", help="city policy: demo-city or a policy.json (runs the whole year's job)")
    st.add_argument("--decisions", help="特例单议 decisions: case_id, decision, approved_amount | adjusted_points")
    st.add_argument("--csv", action="store_true", help="also write the per-case results as CSV")
    st.add_argument("--no-report", action="store_true", help="skip the HTML report")
    st.add_argument("--no-progress", action="store_true")
    st.add_argument("--engine", choices=("local", "spark"), default="local",
                    help="with --city: run in this process (default) or on Spark (needs the [spark] extra)")
    st.add_argument("--budget", action="append", default=[], metavar="INSURANCE=YUAN")
    st.add_argument("--fund-payment-ratio", type=float, default=1.0)
    st.add_argument("--basis", default="fund_over_ratio", choices=("fund_over_ratio", "fund_plus_patient", "fund_only"))
    st.set_defaults(func=cmd_settle)

    dc = sub.add_parser("demo-city", help="the main job on the demo city's generated year (generated once, seeded)")
    dc.add_argument("-o", "--output-dir", default="demo-city")
    dc.add_argument("--cases", type=int, default=1_000_000, help="settlements in the year (default 1,000,000)")
    dc.add_argument("--year", type=int, default=2026)
    dc.add_argument("--seed", type=int, default=20261122)
    dc.add_argument("--cases-file", help="where to keep the generated year (default inside the output directory)")
    dc.add_argument("--csv", action="store_true", help="also write the per-case results as CSV")
    dc.add_argument("--no-report", action="store_true", help="skip the HTML report (needs the [report] extra)")
    dc.add_argument("--no-progress", action="store_true", help="no progress bars")
    dc.add_argument("--history-cases", type=int, default=100_000,
                    help="cases per year in the three earlier years generated for calibration (0: skip)")
    dc.set_defaults(func=cmd_demo_city)

    rb = sub.add_parser("reimburse", help="fund/patient split per settlement under a city's reimbursement policy")
    rb.add_argument("input", nargs="?", help="settlements (CSV, Parquet, Excel); columns in docs/reimbursement.md")
    _add_text_options(rb)
    rb.add_argument("-o", "--output")
    rb.add_argument("--policy", help="city policy: dezhou/2021, jining/2021 … or a JSON file")
    rb.add_argument("--region", help="region code: each row takes the version in force on its date")
    rb.add_argument("--day-ward", help="TCM day-ward preset: dezhou, qingdao, harbin, wendeng, zaozhuang, binzhou or a file")
    rb.add_argument("--bed-day", help="bed-day preset: dongying, dezhou, xingtai, shishi, tengzhou or a file")
    rb.add_argument("--per-disease", help="per-disease preset: shandong, hubei or a file")
    rb.add_argument("--tcm-dip-score", help="TCM DIP score preset: xingtai, hebei or a file")
    rb.add_argument("--map", action="append", default=[], metavar="FIELD=COLUMN")
    rb.add_argument("--explain", action="store_true", help="add a trace column: which rule fired, with its numbers")
    rb.add_argument("--list", action="store_true", help="list the shipped city policies and their dates")
    rb.set_defaults(func=cmd_reimburse)

    ca = sub.add_parser("calibrate", help="DIP: next year's scores from grouped history, as a new catalog version")
    ca.add_argument("history", help="year, total_cost, hospital_level, and dip_group (or the case fields)")
    ca.add_argument("--catalog", default="dip-demo", help="the base catalog (own DIP layout)")
    ca.add_argument("-o", "--output", required=True, help="directory of the new catalog version")
    ca.add_argument("--version", required=True)
    ca.add_argument("--effective-from", default="")
    ca.add_argument("--report", help="report CSV (default: inside the new catalog)")
    ca.add_argument("--year-weights", default="1:2:7")
    ca.add_argument("--trim", default="0.025,0.975", help="low,high cost quantiles cut per group")
    ca.add_argument("--method", default="average", help="average | reference:GROUP | fixed:M0")
    ca.add_argument("--scale", type=float, default=1000)
    ca.add_argument("--threshold", type=int, default=15, help="cases a core group needs")
    ca.add_argument("--coverage", type=float, default=0, help="> 0: threshold reaching this share of cases")
    ca.set_defaults(func=cmd_calibrate)

    r = sub.add_parser("recommend", help="DIP: list every group a principal diagnosis can reach (分组推荐)")
    r.add_argument("--catalog", default="dip-demo")
    r.add_argument("--dx", required=True, help="diagnoses, principal first, '|'-joined")
    r.add_argument("--px", help="procedures, principal first, '|'-joined")
    r.add_argument("--policy")
    r.set_defaults(func=cmd_recommend)

    d = sub.add_parser("demo", help="group the shipped demo cases with the demo CHS-DRG and DIP catalogs")
    d.add_argument("-o", "--output-dir", default=".", help="where the grouped demo files go")
    d.set_defaults(func=cmd_demo)

    c = sub.add_parser("catalog", help="inspect and check catalogs")
    csub = c.add_subparsers(dest="catalog_command", required=True)
    ck = csub.add_parser("check", help="validate a catalog")
    ck.add_argument("catalog")
    ck.add_argument("-v", "--verbose", action="store_true", help="list every warning")
    ck.set_defaults(func=cmd_catalog_check)
    dt = csub.add_parser("dot", help="write the MDC→ADRG→DRG structure as Graphviz DOT")
    dt.add_argument("catalog")
    dt.add_argument("-o", "--output")
    dt.set_defaults(func=cmd_catalog_dot)
    sh = csub.add_parser("show", help="print the manifest, or what the catalog knows of a code")
    sh.add_argument("catalog")
    sh.add_argument("code", nargs="?")
    sh.set_defaults(func=cmd_catalog_show)
    co = csub.add_parser("compile", help="write a binary snapshot")
    co.add_argument("catalog")
    co.add_argument("-o", "--output", required=True)
    co.set_defaults(func=cmd_catalog_compile)
    ic = csub.add_parser("import-city", help="convert a city DIP table (CSV/Excel) into a catalog directory")
    ic.add_argument("table")
    ic.add_argument("-o", "--output", required=True, help="catalog directory to write")
    ic.add_argument("--map", action="append", default=[], metavar="FIELD=COLUMN",
                    help="column mapping: code, name, dx, dx_name, px, px_name, related, kind, score, avg_cost, avg_los")
    ic.add_argument("--version", default="1")
    ic.add_argument("--region", default="000000")
    ic.add_argument("--effective-from", default="")
    ic.add_argument("--attributes", help="CSV code,attribute: the procedure-attribute table for comprehensive groups")
    ic.add_argument("--policy", help="a tie-break policy JSON file to embed")
    ic.set_defaults(func=cmd_catalog_import_city)
    mf = csub.add_parser("manifest", help="create or refresh manifest.json checksums")
    mf.add_argument("directory")
    mf.add_argument("--version")
    mf.add_argument("--region")
    mf.set_defaults(func=cmd_catalog_manifest)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except (ValueError, TypeError, FileNotFoundError, MissingExtra) as exc:
        print(f"dipdrg: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    raise SystemExit(main())
