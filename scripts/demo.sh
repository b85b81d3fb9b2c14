#!/usr/bin/env bash
# The demo (`make demo`, after services are up and the release build is done): starts the stack
# (MariaDB, RabbitMQ, kubesim, the API and two workers deploying to kubesim), then, with the CLI,
# creates a tenant that owns the federation's namespaces and installs the two-party federation of
# examples/federation (an exchange and FATE parties 9999 and 10000 routing through it). It follows
# each install job live until it ends and describes the clusters: modules, ingress hosts, NodePorts.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
export KUBEFATE_BUILD=${KUBEFATE_BUILD:-release}

bash scripts/stack.sh up --workers 2
# shellcheck disable=SC1091
source .stack/env

say() { echo; echo "\$ $*"; "$@"; }

tenant=federation
specs=(examples/federation/exchange.yaml examples/federation/party-9999.yaml examples/federation/party-10000.yaml)
field() { sed -n "s/^$1: *//p" "$2" | head -1 | tr -d "\"'"; }

# The tenant and its namespaces (kept across runs: a second `make demo` finds them in place).
kubefate tenant describe "$tenant" >/dev/null 2>&1 || say kubefate tenant create "$tenant"
for spec in "${specs[@]}"; do
  ns=$(field namespace "$spec")
  kubefate namespace list 2>/dev/null | grep -qw "$ns" || say kubefate namespace grant "$ns" --tenant "$tenant"
done

# A cluster left by an earlier run is deleted first, so every run installs afresh.
for spec in "${specs[@]}"; do
  name=$(field name "$spec")
  id=$(kubefate cluster list 2>/dev/null | awk -v n="$name" '$2 == n { print $1; exit }')
  if [ -n "$id" ]; then say kubefate cluster delete "$id" --watch --plain || true; fi
done

status=0
jobs=()
for spec in "${specs[@]}"; do
  echo
  echo "\$ kubefate cluster install -f $spec"
  out=$(kubefate cluster install -f "$spec")
  echo "$out"
  job=${out##*=}
  jobs+=("${job//$'\r'/}")
done
for job in "${jobs[@]}"; do
  say kubefate job watch "$job" || status=$?
done

say kubefate cluster list
for spec in "${specs[@]}"; do
  name=$(field name "$spec")
  id=$(kubefate cluster list | awk -v n="$name" '$2 == n { print $1; exit }')
  [ -n "$id" ] && say kubefate cluster describe "$id"
done

cat <<TEXT

The stack keeps running, deploying to kubesim (KUBECONFIG=$KUBECONFIG). To look around:
  source .stack/env                  # KUBEFATE_URL, credentials, KUBECONFIG and PATH for the CLI
  kubefate cluster list
  kubefate job list
  kubefate cluster logs <cluster id>
  kubefate cluster update -f examples/federation/party-9999.yaml --watch   # after editing it
  curl -s \$KUBEFATE_URL/metrics | grep kubefate_         # API metrics
  ls .stack/logs                     # api.log, worker-1.log, worker-2.log, kubesim.log
Stop everything with: make down
TEXT
exit "$status"
