# The two commands a new machine needs: `make demo` and `make test` (see README.md).
SHELL := /bin/bash
SWIFT ?= swift

.PHONY: deps services build release test unit-test demo down bench clean

deps:
	bash scripts/services.sh deps

services:
	bash scripts/services.sh up

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

# Services up, build, then every test (unit and integration against real MariaDB/RabbitMQ/kubesim).
test: services
	bash scripts/test.sh

# Unit tests only: no services needed.
unit-test: deps
	$(SWIFT) test --skip Integration

demo: services release
	bash scripts/demo.sh

down:
	bash scripts/stack.sh down || true
	bash scripts/services.sh down

bench: services release
	bash scripts/bench.sh

clean:
	rm -rf .build .stack
