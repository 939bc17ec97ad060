#!/usr/bin/env bash
# The main job on the embedded demo data: set up, then group the shipped demo cases.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$here/scripts/setup.sh"
mkdir -p "$here/build"
cd "$here/build"
python3 -m dipdrg demo -o "$here/build/demo"
