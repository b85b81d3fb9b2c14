#!/usr/bin/env bash
# Deploys this service's manifests (deploy/), the two-party example federation
# (examples/federation: exchange + parties 9999 and 10000) and every other example spec (each in
# its own namespace) into kubesim with the real kubectl, and
# waits until every Deployment is Available and every StatefulSet has all replicas ready (kubesim
# simulates image pulls and container starts; no image is downloaded).
#
#   scripts/deploy-check.sh
#   KUBESIM_BIN=path KUBEFATE_BIN=path scripts/deploy-check.sh   # skip the builds
#   CONFIG=debug scripts/deploy-check.sh                           # build debug instead of release
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
shared=${KUBEFATE_SHARED_DIR:-$root/../shared}
config=${CONFIG:-release}
timeout=${DEPLOY_CHECK_TIMEOUT:-180s}

# kubesim validates objects strictly when given the OpenAPI schemas of PyPI kubernetes-validate
# (the venv scripts/kube-fidelity.sh uses).
schemas_venv=${KUBESIM_VENV:-$HOME/.cache/kubesim/venv}
if [ -z "${KUBESIM_SCHEMAS:-}" ]; then
  if [ ! -x "$schemas_venv/bin/python" ]; then python3 -m venv "$schemas_venv" >&2; fi
  "$schemas_venv/bin/python" -c 'import kubernetes_validate' 2>/dev/null || "$schemas_venv/bin/pip" install -q kubernetes-validate >&2
  KUBESIM_SCHEMAS=$("$schemas_venv/bin/python" -c 'import kubernetes_validate, os; print(os.path.join(os.path.dirname(kubernetes_validate.__file__), "kubernetes-json-schema", "v1.32.0-local"))')
fi
export KUBESIM_SCHEMAS

if [ -z "${KUBESIM_BIN:-}" ]; then
  swift build -c "$config" --product kubesim >&2
  KUBESIM_BIN=$(swift build -c "$config" --show-bin-path)/kubesim
fi
if [ -z "${KUBEFATE_BIN:-}" ]; then
  swift build -c "$config" --product kubefate >&2
  KUBEFATE_BIN=$(swift build -c "$config" --show-bin-path)/kubefate
fi
eval "$("$shared/tools/kube-fidelity/setup.sh")"   # sets KUBECTL (a pinned real kubectl)

work=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
export KUBECONFIG="$work/kubesim.kubeconfig"
"$KUBESIM_BIN" serve --listen "127.0.0.1:$port" --kubeconfig-out "$KUBECONFIG" --kubernetes-version v1.28.0 >"$work/kubesim.log" 2>&1 &
pid=$!
cleanup() {
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
for _ in $(seq 100); do [ -s "$KUBECONFIG" ] && break; sleep 0.1; done
[ -s "$KUBECONFIG" ] || { echo "deploy-check: kubesim did not start:" >&2; cat "$work/kubesim.log" >&2; exit 1; }

# wait_ready NAMESPACE: every Deployment Available, every StatefulSet fully rolled out.
wait_ready() {
  local ns=$1 sts
  if [ -n "$("$KUBECTL" -n "$ns" get deployments -o name)" ]; then
    "$KUBECTL" -n "$ns" wait --for=condition=Available deployment --all --timeout="$timeout"
  fi
  for sts in $("$KUBECTL" -n "$ns" get statefulsets -o name); do
    "$KUBECTL" -n "$ns" rollout status "$sts" --timeout="$timeout"
  done
}

echo "== deploy/ (this service)"
"$KUBECTL" apply -f deploy/
wait_ready kubefate
"$KUBECTL" -n kubefate get deployments,statefulsets,hpa,pdb

echo "== examples/federation (exchange + parties 9999 and 10000)"
for spec in exchange party-9999 party-10000; do
  file=examples/federation/$spec.yaml
  chart=$(sed -n 's/^chartName:[[:space:]]*\([^[:space:]#]*\).*/\1/p' "$file" | head -n1)
  ns=$(sed -n 's/^namespace:[[:space:]]*\([^[:space:]#]*\).*/\1/p' "$file" | head -n1)
  "$KUBEFATE_BIN" chart render --chart "charts/$chart" --cluster "$file" --kube-version v1.28.0 --out "$work/$spec"
  "$KUBECTL" create namespace "$ns" --dry-run=client -o yaml | "$KUBECTL" apply -f -
  "$KUBECTL" -n "$ns" apply -f "$work/$spec/manifest.yaml"
done
for ns in fed-exchange fed-9999 fed-10000; do
  wait_ready "$ns"
  "$KUBECTL" -n "$ns" get pods
done
echo "== the other examples, each in its own namespace"
others=()
for file in examples/*.yaml; do
  grep -q '^simulate:' "$file" && continue   # specs for the simulated executor (pipeline-demo.yaml)
  spec=$(basename "$file" .yaml)
  chart=$(sed -n 's/^chartName:[[:space:]]*\([^[:space:]#]*\).*/\1/p' "$file" | head -n1)
  ns=$(sed -n 's/^namespace:[[:space:]]*\([^[:space:]#]*\).*/\1/p' "$file" | head -n1)
  "$KUBEFATE_BIN" chart render --chart "charts/$chart" --cluster "$file" --kube-version v1.28.0 --out "$work/$spec"
  "$KUBECTL" create namespace "$ns" --dry-run=client -o yaml | "$KUBECTL" apply -f - >/dev/null
  "$KUBECTL" -n "$ns" apply -f "$work/$spec/manifest.yaml" >/dev/null
  others+=("$ns")
done
for ns in "${others[@]}"; do
  wait_ready "$ns" >/dev/null
  echo "ready: $ns ($("$KUBECTL" -n "$ns" get pods --no-headers | wc -l) pods)"
done
echo "deploy-check: deploy/ and every example are ready on kubesim"
