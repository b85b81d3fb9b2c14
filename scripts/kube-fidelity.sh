#!/usr/bin/env bash
# Fidelity acceptance of kubesim: builds it (release), prepares the real clients (kubectl 1.32, the Python
# `kubernetes` client, the Helm v4 library) with ../shared/tools/kube-fidelity/setup.sh, starts kubesim on a
# free loopback port, runs acceptance.sh against it, stops it, and fails unless all 74 checks pass.
#   scripts/kube-fidelity.sh            # KUBESIM_BIN=path skips the build; KUBE_FIDELITY_OUT=file keeps the log
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
shared=${KUBEFATE_SHARED_DIR:-$root/../shared}
fidelity="$shared/tools/kube-fidelity"

# OpenAPI schemas from PyPI kubernetes-validate (one venv per machine).
schemas_venv=${KUBESIM_VENV:-$HOME/.cache/kubesim/venv}
if [ -z "${KUBESIM_SCHEMAS:-}" ]; then
  if [ ! -x "$schemas_venv/bin/python" ]; then python3 -m venv "$schemas_venv" >&2; fi
  "$schemas_venv/bin/python" -c 'import kubernetes_validate' 2>/dev/null || "$schemas_venv/bin/pip" install -q kubernetes-validate >&2
  KUBESIM_SCHEMAS=$("$schemas_venv/bin/python" -c 'import kubernetes_validate, os; print(os.path.join(os.path.dirname(kubernetes_validate.__file__), "kubernetes-json-schema", "v1.32.0-local"))')
fi
export KUBESIM_SCHEMAS

if [ -z "${KUBESIM_BIN:-}" ]; then
  swift build -c release --product kubesim >&2
  KUBESIM_BIN=$(swift build -c release --show-bin-path)/kubesim
fi

eval "$("$fidelity/setup.sh")"

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
work=$(mktemp -d)
kubeconfig="$work/kubesim.kubeconfig"
"$KUBESIM_BIN" serve --listen "127.0.0.1:$port" --kubeconfig-out "$kubeconfig" >"$work/kubesim.log" 2>&1 &
pid=$!
cleanup() {
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
for _ in $(seq 100); do [ -s "$kubeconfig" ] && break; sleep 0.1; done
[ -s "$kubeconfig" ] || { echo "kubesim did not start:" >&2; cat "$work/kubesim.log" >&2; exit 1; }

out="${KUBE_FIDELITY_OUT:-$work/acceptance.out}"
set +e
KUBECONFIG="$kubeconfig" bash "$fidelity/acceptance.sh" 2>&1 | tee "$out"
set -e
tail -1 "$out" | grep -qx '74 passed, 0 failed'
