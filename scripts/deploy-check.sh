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
source scripts/lib/kubesim-env.sh
shared=${KUBEFATE_SHARED_DIR:-$root/../shared}
config=${CONFIG:-release}
timeout=${DEPLOY_CHECK_TIMEOUT:-180s}

# kubesim validates objects strictly when given the OpenAPI schemas of PyPI kubernetes-validate
# (the venv scripts/kube-fidelity.sh uses).
kubesim_schemas

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
export KUBECONFIG="$work/kubesim.kubeconfig"
kubesim_start "$KUBECONFIG" "deploy-check: " --kubernetes-version v1.28.0

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
