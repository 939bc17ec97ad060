#!/usr/bin/env bash
# The main job on the embedded demo data: set up, generate the demo city's year once (seeded,
# 1,000,000 settlements; DEMO_CASES=N for another size), then group, score, review, settle and
# reimburse it, writing the tables and the HTML report to build/demo-city/settlement/.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$here/scripts/setup.sh"
mkdir -p "$here/build"
cd "$here/build"
python3 -m dipdrg demo-city -o "$here/build/demo-city" --cases "${DEMO_CASES:-1000000}"
