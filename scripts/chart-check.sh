#!/usr/bin/env bash
# Renders every example spec (examples/**/*.yaml) with its chart from charts/ through the release
# `kubefate chart render`, and validates every rendered object, and every manifest in deploy/,
# strictly against the Kubernetes 1.28 schemas with PyPI's kubernetes-validate (installed into a
# venv on first use). Exits non-zero on the first spec that does not render or any invalid object.
#
#   scripts/chart-check.sh
#   KUBEFATE_SKIP_BUILD=1 scripts/chart-check.sh     # use the existing release build
#   CONFIG=debug scripts/chart-check.sh              # use a debug build
#   KUBESIM_VENV=dir scripts/chart-check.sh          # venv location (default ~/.cache/kubesim/venv, shared
#                                                    # with scripts/kube-fidelity.sh and scripts/deploy-check.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
config=${CONFIG:-release}
kube_version=1.28.0
venv=${KUBESIM_VENV:-$HOME/.cache/kubesim/venv}
out=.build/chart-check

if [ "${KUBEFATE_SKIP_BUILD:-0}" != 1 ]; then swift build -c "$config" --product kubefate >&2; fi
bin="$(swift build -c "$config" --show-bin-path)/kubefate"
[ -x "$bin" ] || { echo "chart-check: $bin is not built" >&2; exit 2; }

if [ ! -x "$venv/bin/python" ]; then python3 -m venv "$venv" >&2; fi
if [ ! -x "$venv/bin/kubernetes-validate" ]; then
  echo "chart-check: installing kubernetes-validate into $venv" >&2
  "$venv/bin/pip" install --quiet --disable-pip-version-check kubernetes-validate >&2
fi
validate() { "$venv/bin/kubernetes-validate" --kubernetes-version "$kube_version" --strict --quiet "$@"; }

rm -rf "$out"
failed=0
rendered=0
while IFS= read -r spec; do
  chart=$(sed -n 's/^chartName:[[:space:]]*\([^[:space:]#]*\).*/\1/p' "$spec" | head -n1)
  [ -n "$chart" ] || { echo "FAIL $spec: no chartName" >&2; failed=$((failed + 1)); continue; }
  [ -d "charts/$chart" ] || { echo "FAIL $spec: no chart charts/$chart" >&2; failed=$((failed + 1)); continue; }
  dir="$out/${spec#examples/}"; dir="${dir%.yaml}"
  if ! "$bin" chart render --chart "charts/$chart" --cluster "$spec" --kube-version "v$kube_version" --out "$dir" >&2; then
    echo "FAIL $spec: does not render with charts/$chart" >&2; failed=$((failed + 1)); continue
  fi
  objects=$(grep -c '^kind:' "$dir/manifest.yaml" || true)
  if [ "$objects" -eq 0 ]; then echo "FAIL $spec: renders no object" >&2; failed=$((failed + 1)); continue; fi
  if validate "$dir/manifest.yaml"; then
    echo "ok   $spec ($chart, $objects objects)"
    rendered=$((rendered + 1))
  else
    echo "FAIL $spec: rendered objects do not validate against Kubernetes $kube_version" >&2; failed=$((failed + 1))
  fi
done < <(find examples -name '*.yaml' | LC_ALL=C sort)

deploy_objects=$(cat deploy/*.yaml | grep -c '^kind:' || true)
if validate deploy/*.yaml; then
  echo "ok   deploy/ ($deploy_objects objects)"
else
  echo "FAIL deploy/: manifests do not validate against Kubernetes $kube_version" >&2; failed=$((failed + 1))
fi

echo "chart-check: $rendered examples rendered and valid, $failed failed"
[ "$failed" -eq 0 ]
