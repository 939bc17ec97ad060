#!/usr/bin/env bash
# Installs as a user would: a wheel built from this checkout, installed into a fresh virtual
# environment (no system site-packages) first alone, then with the [report] extra.
# - `pip install dipdrg` alone: `dipdrg demo-city` stops at once with a message naming the extra;
#   with --no-report the job runs (Excel tables need nothing more);
# - `pip install 'dipdrg[report]'`: `dipdrg demo-city` writes every table and report.html.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

python3 -m pip wheel -q --no-deps --no-build-isolation -w "$work/wheel" "$here" >/dev/null
wheel="$(ls "$work"/wheel/dipdrg-*.whl)"
python3 -m venv "$work/venv"
pip="$work/venv/bin/pip"
"$pip" install -q --disable-pip-version-check "$wheel"
cd "$work"

if "$work/venv/bin/dipdrg" demo-city -o "$work/plain" --cases 3000 --history-cases 0 --no-progress 2>"$work/err"; then
  echo "check-install: demo-city ran without the [report] extra" >&2; exit 1
fi
grep -q "pip install 'dipdrg\[report\]'" "$work/err" || { cat "$work/err" >&2; exit 1; }
"$work/venv/bin/dipdrg" demo-city -o "$work/plain" --cases 3000 --history-cases 0 --no-progress --no-report >/dev/null
test -s "$work/plain/settlement/settlement.xlsx"

"$pip" install -q --disable-pip-version-check "$wheel[report]"
"$work/venv/bin/dipdrg" demo-city -o "$work/full" --cases 20000 --history-cases 2000 --no-progress \
  >"$work/full.log" 2>&1 || { cat "$work/full.log" >&2; exit 1; }
for f in settlement.xlsx settlement.csv review-candidates.csv data-quality.csv report.html cases.parquet; do
  test -s "$work/full/settlement/$f" || { echo "check-install: $f missing" >&2; exit 1; }
done
echo "check-install: the wheel works in a fresh environment, alone and with [report]"
