#!/usr/bin/env bash
# The demo (`make demo`, after services are up and the release build is done): starts the stack
# with two workers, submits examples/pipeline-demo.yaml with the CLI and follows the job with
# `kubefate job watch` until it ends, then shows how to look around and how to stop.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
export KUBEFATE_BUILD=${KUBEFATE_BUILD:-release}

bash scripts/stack.sh up --workers 2
# shellcheck disable=SC1091
source .stack/env

# Every run installs a new cluster: a live cluster's name can be installed only once.
run=$(date +%H%M%S)
spec=.stack/pipeline-demo-$run.yaml
sed -e "s/^name: .*/name: fate-demo-$run/" -e "s/^namespace: .*/namespace: fate-demo-$run/" \
  examples/pipeline-demo.yaml >"$spec"

echo
echo "\$ kubefate cluster install -f $spec"
out=$(kubefate cluster install -f "$spec")
echo "$out"
job=${out##*=}
job=${job//$'\r'/}

echo
echo "\$ kubefate job watch $job"
status=0
kubefate job watch "$job" || status=$?

echo
echo "\$ kubefate job describe $job"
kubefate job describe "$job"

cat <<TEXT

The stack keeps running. To look around:
  source .stack/env                  # KUBEFATE_URL, credentials and PATH for the CLI
  kubefate job list
  kubefate job describe $job
  kubefate cluster install -f examples/pipeline-demo.yaml   # another job (edit name/namespace first)
  curl -s \$KUBEFATE_URL/metrics | grep kubefate_         # API metrics
  ls .stack/logs                     # api.log, worker-1.log, worker-2.log
Stop everything with: make down
TEXT
exit "$status"
