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

# measure TIME_V_OUTPUT → "wall_ms rss_mib cpu_ms"
measure() {
  awk -F ': ' '
    /Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (j = 1; j <= n; j++) s = s * 60 + p[j]; wall = s * 1000 }
    /Maximum resident set size/ { rss = $2 / 1024 }
    /User time \(seconds\)/ { cpu += $2 * 1000 }
    /System time \(seconds\)/ { cpu += $2 * 1000 }
    END { printf "%.1f %.1f %.1f\n", wall, rss, cpu }' "$1"
}
# summary COLUMN FILE → min median max
summary() {
  cut -d' ' -f"$1" "$2" | sort -n | awk '{ v[NR] = $1 } END { printf "%8.1f %8.1f %8.1f", v[1], (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2), v[NR] }'
}

"$bin" chart render --chart "$chart" --cluster "$spec" --out "$work/warmup" >/dev/null
cmp -s "$work/warmup/manifest.yaml" "$render/expected/$tag/manifest.yaml" \
  || echo "bench-render: warning: manifest differs from the golden output" >&2

: >"$work/samples"
: >"$work/baseline"
for i in $(seq 1 "$runs"); do
  /usr/bin/time -v -o "$work/time.$i" "$bin" chart render --chart "$chart" --cluster "$spec" --out "$work/out.$i" >/dev/null
  measure "$work/time.$i" >>"$work/samples"
  /usr/bin/time -v -o "$work/base.$i" "$bin" --help >/dev/null
  measure "$work/base.$i" >>"$work/baseline"
done

echo "kubefate chart render, $tag, $runs runs (release build; load average: $(cut -d' ' -f1 /proc/loadavg))"
printf '%-22s %8s %8s %8s %14s\n' metric min median max "Go reference"
printf '%-22s %s %14s\n' "wall time (ms)" "$(summary 1 "$work/samples")" "~40"
printf '%-22s %s %14s\n' "user+sys CPU (ms)" "$(summary 3 "$work/samples")" ""
printf '%-22s %s %14s\n' "peak RSS (MiB)" "$(summary 2 "$work/samples")" "~15"
printf '%-22s %s %14s\n' "baseline wall (ms)" "$(summary 1 "$work/baseline")" "(kubefate --help)"
printf '%-22s %s %14s\n' "baseline RSS (MiB)" "$(summary 2 "$work/baseline")" "(kubefate --help)"
