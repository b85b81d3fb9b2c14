#!/usr/bin/env bash
# Builds `kubefate` and runs the render conformance check (../shared/conformance/render/check.sh)
# with `kubefate chart render` over every case. Acceptance: "158 passed, 0 failed".
#
#   scripts/render-check.sh [check.sh options, e.g. -v or -f other-cases.tsv]
#   CONFIG=release scripts/render-check.sh     # use a release build
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${KUBEFATE_SHARED_DIR:-$(cd .. && pwd)/shared}
config=${CONFIG:-debug}
swift build -c "$config" --product kubefate >&2
bin="$(swift build -c "$config" --show-bin-path)/kubefate"
exec sh "$shared/conformance/render/check.sh" "$@" \
  "'$bin' chart render --chart {chart} --cluster {cluster} --kube-version {kube} --out {out}"
