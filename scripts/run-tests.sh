#!/usr/bin/env bash
# Every test: set up, build the C++ core, its Catch2 suite and the benchmarks, run the suite
# through CTest (with the layering probes), then the pytest suite (with the package's doctests),
# then the wheel in a fresh virtual environment (scripts/check-install.sh), the C++ suite under
# ASan + UBSan (scripts/run-sanitizers.sh) and every libFuzzer target for a while
# (scripts/run-fuzz.sh, FUZZ_SECONDS each). Fails if any fails.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$here/scripts/setup.sh"
jobs="$(nproc 2>/dev/null || echo 2)"
cmake -S "$here" -B "$here/build/cpp" -DCMAKE_BUILD_TYPE=Release -DDIPDRG_BUILD_PYTHON=OFF -DDIPDRG_BUILD_TESTS=ON -DDIPDRG_BUILD_BENCHMARKS=ON >/dev/null
cmake --build "$here/build/cpp" -j"$jobs"
status=0
(cd "$here/build/cpp" && ctest --output-on-failure) || status=1
(cd "$here" && python3 -m pytest -q -p no:cacheprovider --doctest-modules --pyargs dipdrg tests/python) || status=1
"$here/scripts/check-install.sh" || status=1
mkdir -p "$here/build"
if ! "$here/scripts/run-sanitizers.sh" >"$here/build/sanitizers.log" 2>&1; then
  tail -80 "$here/build/sanitizers.log" >&2
  echo "the ASan + UBSan run failed (scripts/run-sanitizers.sh; log: build/sanitizers.log)" >&2
  status=1
fi
"$here/scripts/run-fuzz.sh" || status=1
exit $status
