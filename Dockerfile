# One image for both processes: `kubefate-api` (serve | migrate) and `kubefate-worker`, plus the
# `kubefate` CLI and the charts this service ships (loaded at start, nothing downloaded).
#   docker build -t kubefate/kubefate-swift:0.1.0 .
# The Kubernetes manifests in deploy/ choose the process with `command:`.

ARG SWIFT_IMAGE=swift:6.3-bookworm
ARG RUNTIME_IMAGE=debian:bookworm-slim

FROM ${SWIFT_IMAGE} AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      libmariadb-dev librabbitmq-dev libcurl4-openssl-dev libyaml-dev libssl-dev zlib1g-dev pkg-config \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
# Resolve dependencies in their own layer so source edits do not refetch them.
COPY Package.swift Package.resolved* ./
RUN swift package resolve
# Package.swift declares the test targets too; SwiftPM wants their folders present.
COPY Sources ./Sources
COPY Tests ./Tests
RUN for product in kubefate-api kubefate-worker kubefate; do \
      swift build -c release --static-swift-stdlib --product "$product" || exit 1; \
    done \
 && mkdir -p /out/bin \
 && for product in kubefate-api kubefate-worker kubefate; do \
      cp "$(swift build -c release --show-bin-path)/$product" /out/bin/; \
    done

FROM ${RUNTIME_IMAGE}
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      libmariadb3 librabbitmq4 libcurl4 libyaml-0-2 libssl3 zlib1g ca-certificates tzdata \
 && rm -rf /var/lib/apt/lists/*
COPY --from=build /out/bin/ /usr/local/bin/
COPY charts /opt/kubefate/charts
ENV KUBEFATE_CHARTS_DIR=/opt/kubefate/charts \
    KUBEFATE_API_LISTEN=0.0.0.0:8080
# A fixed non-root user (the manifests run as 65532 with a read-only root file system).
USER 65532:65532
EXPOSE 8080 9090
CMD ["kubefate-api", "serve"]
