#!/usr/bin/env bash
# Build (debug and release) and run every test. Called by `make test` once MariaDB and RabbitMQ are
# up (scripts/services.sh). Integration suites run against them and against kubesim, which the tests
# start in-process; then the conformance checks of the renderer, kubesim and our charts run against
# the release binaries.
set -euo pipefail
cd "$(dirname "$0")/.."
export KUBEFATE_TEST_INTEGRATION=1
export KUBEFATE_SHARED_DIR=${KUBEFATE_SHARED_DIR:-$(cd .. && pwd)/shared}
# What the tests call out to: the OpenAPI validator (Python), and the Helm v4 library and kubectl
# for the Helm interop tests (PY, HELM_SDKPY_PATH, KUBECTL from the shared setup script).
python3 -c 'import openapi_spec_validator' 2>/dev/null || python3 -m pip install -q openapi-spec-validator
eval "$(bash "$KUBEFATE_SHARED_DIR/tools/kube-fidelity/setup.sh")"
swift build --build-tests
swift build -c release
# The service-restart test stops MariaDB and RabbitMQ: it runs alone, after everything else.
env -u KUBEFATE_TEST_RESTART_SERVICES swift test --skip-build 2>&1 | tee .build/test-output.log
if [ "${KUBEFATE_TEST_RESTART_SERVICES:-}" = 1 ]; then
  swift test --skip-build --filter servicesRestartDuringARun 2>&1 | tee .build/test-restart-output.log
fi
bin=$(swift build -c release --show-bin-path)
CONFIG=release bash scripts/render-check.sh
KUBESIM_BIN=$bin/kubesim bash scripts/kube-fidelity.sh
# Our charts: every example rendered and validated against the Kubernetes 1.28 schemas, then
# deploy/ and the examples applied to kubesim with kubectl until Ready.
KUBEFATE_SKIP_BUILD=1 CONFIG=release bash scripts/chart-check.sh
KUBESIM_BIN=$bin/kubesim KUBEFATE_BIN=$bin/kubefate bash scripts/deploy-check.sh
