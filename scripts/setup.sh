#!/usr/bin/env bash
# Idempotent set-up for a fresh Debian 12 machine: system packages (chromium renders the
# HTML report in a test, with a CJK font; clang builds the fuzzers and the sanitizer run), Python packages,
# then the dipdrg package itself (built from this checkout's CMake by scikit-build-core).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

apt_packages=(g++ cmake make libboost-dev libboost-graph-dev libboost-serialization-dev
              libeigen3-dev catch2 libbenchmark-dev chromium fonts-wqy-zenhei clang libclang-rt-14-dev)
missing=()
for p in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null
fi

python3 -m pip install -q --disable-pip-version-check -r "$here/requirements-dev.txt"

# Rebuild the extension only when sources changed since the last install.
stamp="$here/build/.installed-stamp"
if [ ! -f "$stamp" ] || ! python3 -c "import dipdrg._core" 2>/dev/null \
   || [ -n "$(find "$here/CMakeLists.txt" "$here/pyproject.toml" "$here/grouper" "$here/scoring" \
      "$here/catalogs" "$here/bindings" "$here/examples" -newer "$stamp" -type f 2>/dev/null | head -n 1)" ]; then
  python3 -m pip install -q --disable-pip-version-check --no-build-isolation "$here"
  mkdir -p "$here/build" && touch "$stamp"
fi
