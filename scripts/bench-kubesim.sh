#!/usr/bin/env bash
# kubesim benchmark: GET and LIST (100 objects) requests/s at 32 connections (wrk), time for 100 Deployments
# x 3 replicas to become Available (virtual clock at --speed, default 10x), and memory (RSS at start, with
# 10,000 ConfigMaps). Prints a table.   scripts/bench-kubesim.sh   (KUBESIM_BIN=path skips the build)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/kubesim-env.sh
command -v wrk >/dev/null || apt-get install -y wrk >/dev/null
speed=${BENCH_SPEED:-10}
duration=${BENCH_DURATION:-10s}
if [ -z "${KUBESIM_BIN:-}" ]; then
  swift build -c release --product kubesim >&2
  KUBESIM_BIN=$(swift build -c release --show-bin-path)/kubesim
fi
work=$(mktemp -d)
kubesim_start "$work/kc" "bench-kubesim: " --no-schemas --speed "$speed"
base="http://127.0.0.1:$kubesim_port"
rss() { awk '/VmRSS/ {printf "%.1f MiB", $2/1024}' /proc/$kubesim_pid/status; }
rss_start=$(rss)

python3 - "$base" <<'PY'
import http.client, json, sys, urllib.parse
u = urllib.parse.urlparse(sys.argv[1]); c = http.client.HTTPConnection(u.hostname, u.port)
def post(path, obj):
    c.request("POST", path, json.dumps(obj), {"Content-Type": "application/json"}); r = c.getresponse(); r.read()
    assert r.status in (200, 201), (path, r.status)
post("/api/v1/namespaces", {"metadata": {"name": "bench"}})
for i in range(100):
    post("/api/v1/namespaces/bench/configmaps", {"metadata": {"name": f"cm-{i}", "labels": {"app": "bench"}}, "data": {"k": "v" * 64}})
PY

wrk_rps() { wrk -t2 -c32 -d"$duration" "$1" | awk '/Requests\/sec/ {printf "%.0f", $2}'; }
get_rps=$(wrk_rps "$base/api/v1/namespaces/bench/configmaps/cm-42")
list_rps=$(wrk_rps "$base/api/v1/namespaces/bench/configmaps")

deploy_secs=$(python3 - "$base" <<'PY'
import http.client, json, sys, time, urllib.parse
u = urllib.parse.urlparse(sys.argv[1]); c = http.client.HTTPConnection(u.hostname, u.port)
def req(m, path, obj=None):
    c.request(m, path, json.dumps(obj) if obj else None, {"Content-Type": "application/json"}); r = c.getresponse(); return r.status, r.read()
t0 = time.time()
for i in range(100):
    name = f"d{i}"
    req("POST", "/apis/apps/v1/namespaces/bench/deployments", {"metadata": {"name": name}, "spec": {"replicas": 3,
        "selector": {"matchLabels": {"app": name}}, "template": {"metadata": {"labels": {"app": name}},
        "spec": {"containers": [{"name": "c", "image": "nginx:1.27"}]}}}})
while True:
    _, body = req("GET", "/apis/apps/v1/namespaces/bench/deployments")
    items = json.loads(body)["items"]
    if sum(1 for d in items if d.get("status", {}).get("availableReplicas") == 3) == 100: break
    if time.time() - t0 > 120: print("timeout"); sys.exit(1)
    time.sleep(0.02)
print(f"{time.time() - t0:.2f}")
PY
)
rss_deploy=$(rss)

python3 - "$base" <<'PY'
import http.client, json, sys, urllib.parse
u = urllib.parse.urlparse(sys.argv[1]); c = http.client.HTTPConnection(u.hostname, u.port)
for i in range(10000):
    c.request("POST", "/api/v1/namespaces/bench/configmaps", json.dumps({"metadata": {"name": f"bulk-{i}"}, "data": {"k": "v" * 64}}),
              {"Content-Type": "application/json"})
    r = c.getresponse(); r.read(); assert r.status == 201, r.status
PY
objects=$(curl -s "$base/kubesim/v1/stats" | python3 -c 'import json,sys; print(json.load(sys.stdin)["objects"])')
rss_10k=$(rss)

printf '%-46s %s\n' "measure" "value"
printf '%-46s %s\n' "GET one ConfigMap, 32 connections (req/s)" "$get_rps"
printf '%-46s %s\n' "LIST 100 ConfigMaps, 32 connections (req/s)" "$list_rps"
printf '%-46s %s\n' "100 Deployments x 3 replicas Available (s)" "$deploy_secs (virtual clock ${speed}x)"
printf '%-46s %s\n' "RSS at start" "$rss_start"
printf '%-46s %s\n' "RSS after 100 Deployments (300 pods)" "$rss_deploy"
printf '%-46s %s\n' "RSS with $objects objects" "$rss_10k"
