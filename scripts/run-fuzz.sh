#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, ASan + UBSan, tests/fuzz/) and runs each for
# ${FUZZ_SECONDS:-20} seconds from a seed corpus made of the project's own data. Any crash,
# sanitizer report, hang (> 10 s on one input) or memory blow-up (> 2 GB) fails the run and
# leaves the input in build/fuzz/findings/.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds="${FUZZ_SECONDS:-20}"
build="$here/build/fuzz"
cmake -S "$here" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ \
  -DDIPDRG_BUILD_FUZZERS=ON -DDIPDRG_BUILD_TESTS=OFF -DDIPDRG_BUILD_BENCHMARKS=OFF -DDIPDRG_BUILD_PYTHON=OFF >/dev/null
cmake --build "$build" -j"$(nproc 2>/dev/null || echo 2)" >/dev/null

corpus="$build/corpus"
rm -rf "$corpus" && mkdir -p "$corpus" "$build/findings"
seed() { mkdir -p "$corpus/$1"; cp "${@:2}" "$corpus/$1/" 2>/dev/null || true; }
seed fuzz_policies "$here"/catalogs/dip/policies/*.json "$here"/catalogs/dip/scoring/*.json \
  "$here"/catalogs/chs-drg/payment/*.json "$here"/catalogs/reimbursement/*/*.json
mkdir -p "$corpus/fuzz_catalog_table"
for f in "$here"/catalogs/chs-drg/000000/1.1-demo/*.csv "$here"/catalogs/dip/000000/3.0-demo/*.csv; do
  head -c 4096 "$f" > "$corpus/fuzz_catalog_table/$(basename "$f")"
done
mkdir -p "$corpus/fuzz_combo_rule"
for rule in "g1" "(g1 or g2) and g3" "g1 and (g2 or (g3 and g4))" "((g8))"; do
  printf '%s' "$rule" > "$corpus/fuzz_combo_rule/$(printf '%s' "$rule" | md5sum | cut -c1-8)"
done
mkdir -p "$corpus/fuzz_snapshot"
python3 -m dipdrg catalog compile "$here/catalogs/chs-drg/000000/1.1-demo" -o "$corpus/fuzz_snapshot/demo.snap" >/dev/null 2>&1 || true
mkdir -p "$corpus/fuzz_case"
python3 - "$here/examples/data/demo-cases.csv" "$corpus/fuzz_case" <<'PY'
import csv, sys
fields = ["case_id", "gender", "age", "age_days", "weight_g", "los_days"]
with open(sys.argv[1], encoding="utf-8") as f:
    for i, row in enumerate(csv.DictReader(f)):
        if i >= 40:
            break
        values = [row.get("case_id", ""), row.get("gender", ""), row.get("age", ""), row.get("age_days", ""),
                  row.get("weight_g", ""), row.get("los_days", "")] + [""] * 12 + [row.get("dx_codes", ""), row.get("px_codes", "")]
        open(f"{sys.argv[2]}/case{i}", "w", encoding="utf-8").write("\x1f".join(values))
PY
mkdir -p "$corpus/fuzz_money"
for amount in "1234.56" "-0.125" "1,234,567.891" "9223372036854775807" "0.285"; do
  printf '%s' "$amount" > "$corpus/fuzz_money/$(printf '%s' "$amount" | md5sum | cut -c1-8)"
done

status=0
for target in fuzz_policies fuzz_combo_rule fuzz_catalog_table fuzz_snapshot fuzz_case fuzz_money; do
  echo "fuzzing $target for ${seconds}s"
  if ! "$build/tests/fuzz/$target" "$corpus/$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
      -max_len=65536 -artifact_prefix="$build/findings/$target-" -print_final_stats=1 \
      >"$build/$target.log" 2>&1; then
    echo "FINDING in $target:" >&2
    tail -40 "$build/$target.log" >&2
    status=1
  else
    grep -E "stat::number_of_executed_units" "$build/$target.log" || true
  fi
done
exit $status
