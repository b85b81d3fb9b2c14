#!/usr/bin/env bash
# Build (debug and release) and run every test. Called by `make test` after services are up.
set -euo pipefail
cd "$(dirname "$0")/.."
export KUBEFATE_TEST_INTEGRATION=1
export KUBEFATE_SHARED_DIR=${KUBEFATE_SHARED_DIR:-$(cd .. && pwd)/shared}
swift build --build-tests
swift build -c release
swift test --skip-build 2>&1 | tee .build/test-output.log
