#!/usr/bin/env bash
# The C++ test suite built with AddressSanitizer and UndefinedBehaviorSanitizer (clang, every
# finding fatal): out-of-bounds reads, use after free, leaks, signed overflow, misaligned or
# invalid enum loads anywhere the Catch2 cases reach.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="$here/build/asan"
cmake -S "$here" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ -DDIPDRG_SANITIZE=ON \
  -DDIPDRG_BUILD_TESTS=ON -DDIPDRG_BUILD_BENCHMARKS=OFF -DDIPDRG_BUILD_PYTHON=OFF >/dev/null
cmake --build "$build" -j"$(nproc 2>/dev/null || echo 2)" --target dipdrg_tests >/dev/null
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  "$build/tests/cpp/dipdrg_tests"
