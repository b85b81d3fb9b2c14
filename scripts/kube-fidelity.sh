#!/usr/bin/env bash
# Fidelity acceptance of kubesim: builds it (release), prepares the real clients (kubectl 1.32, the Python
# `kubernetes` client, the Helm v4 library) with ../shared/tools/kube-fidelity/setup.sh, starts kubesim on a
# free loopback port, runs acceptance.sh against it, stops it, and fails unless all 74 checks pass.
#   scripts/kube-fidelity.sh            # KUBESIM_BIN=path skips the build; KUBE_FIDELITY_OUT=file keeps the log
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
source scripts/lib/kubesim-env.sh
shared=${KUBEFATE_SHARED_DIR:-$root/../shared}
fidelity="$shared/tools/kube-fidelity"

# OpenAPI schemas from PyPI kubernetes-validate (one venv per machine).
kubesim_schemas

if [ -z "${KUBESIM_BIN:-}" ]; then
  swift build -c release --product kubesim >&2
  KUBESIM_BIN=$(swift build -c release --show-bin-path)/kubesim
fi

eval "$("$fidelity/setup.sh")"

work=$(mktemp -d)
kubeconfig="$work/kubesim.kubeconfig"
kubesim_start "$kubeconfig" ""

out="${KUBE_FIDELITY_OUT:-$work/acceptance.out}"
set +e
KUBECONFIG="$kubeconfig" bash "$fidelity/acceptance.sh" 2>&1 | tee "$out"
set -e
tail -1 "$out" | grep -qx '74 passed, 0 failed'
