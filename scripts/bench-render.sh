#!/usr/bin/env bash
# Measures one whole `kubefate chart render` process (release build) on fate-v1.11.2 with its
# example spec: wall time and peak RSS over several runs, via /usr/bin/time -v.
# Go reference (KubeFATE + Helm 3.9.4): about 40 ms and 15 MiB.
#
#   scripts/bench-render.sh [runs]      (default 10)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-10}
shared=${KUBEFATE_SHARED_DIR:-$(cd .. && pwd)/shared}
render=$shared/conformance/render
tag=fate-v1.11.2
line=$(awk -F '\t' -v t="$tag" '$1 == t' "$render/cases.tsv")
[ -n "$line" ] || { echo "bench-render: case $tag not in cases.tsv" >&2; exit 2; }
pkg=$(printf '%s' "$line" | cut -f2)
spec=$render/$(printf '%s' "$line" | cut -f3)
chart=$shared/conformance/charts/$pkg.tgz

swift build -c release --product kubefate >&2
bin="$(swift build -c release --show-bin-path)/kubefate"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$bin" chart render --chart "$chart" --cluster "$spec" --out "$work/warmup" >/dev/null
cmp -s "$work/warmup/manifest.yaml" "$render/expected/$tag/manifest.yaml" \
  || echo "bench-render: warning: manifest differs from the golden output" >&2

: >"$work/samples"
for i in $(seq 1 "$runs"); do
  /usr/bin/time -v -o "$work/time.$i" "$bin" chart render --chart "$chart" --cluster "$spec" --out "$work/out.$i" >/dev/null
  wall=$(awk -F ': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (j = 1; j <= n; j++) s = s * 60 + p[j]; printf "%.1f", s * 1000 }' "$work/time.$i")
  rss=$(awk -F ': ' '/Maximum resident set size/ { printf "%.1f", $2 / 1024 }' "$work/time.$i")
  echo "$wall $rss" >>"$work/samples"
done

summary() { # column → min median max
  cut -d' ' -f"$1" "$work/samples" | sort -n | awk '{ v[NR] = $1 } END { printf "%8.1f %8.1f %8.1f", v[1], (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2), v[NR] }'
}
echo "kubefate chart render, $tag, $runs runs (release build)"
printf '%-16s %8s %8s %8s %14s\n' metric min median max "Go reference"
printf '%-16s %s %14s\n' "wall time (ms)" "$(summary 1)" "~40"
printf '%-16s %s %14s\n' "peak RSS (MiB)" "$(summary 2)" "~15"
