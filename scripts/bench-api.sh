#!/usr/bin/env bash
# API benchmark of issue 6, on the release `kubefate-api` against the local MariaDB: a tenant with
# 1,000 clusters, its operator's token, then wrk at 64 connections (-t2, BENCH_WRK_DURATION) on
#   * GET /v1/job/{id}                           (job polling)
#   * GET /v1/cluster/?limit=20&offset=…         (cluster list, pages across all 1,000)
#   * GET /v1/cluster/?limit=20&after=…          (the same pages by keyset cursor, each page full)
#   * GET /v1/cluster/?limit=20&after=…          (the same, as the platform admin: always from MariaDB)
#   * GET /v1/cluster/                           (the whole list, as KubeFATE's CLI asks)
#   * POST /v1/user/login                        (PBKDF2 on purpose: slow by design)
# The operator's cluster lists come from the API's cluster list cache, confirmed current by a
# database read per batch of requests (docs/architecture.md, "Cluster list cache"); the admin's
# row shows what the same pages cost from MariaDB.
# Target: p99 under 20 ms for polling and paginated listing. Prints one table (with the CPU time
# per request of the API and of MariaDB, measures other load on the machine disturbs less than
# latency); progress on stderr. BENCH_API_BIN runs another build of kubefate-api (comparisons).
# Uses its own database, dropped at the end. No workers run: the jobs stay Pending.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
CLUSTERS=${BENCH_CLUSTERS:-1000}
WRK_DURATION=${BENCH_WRK_DURATION:-10s}
log() { echo "bench-api: $*" >&2; }

source scripts/lib/bench-env.sh
bench_release_binaries kubefate-api
bench_need_wrk
bench_private_env bench-api
api_bin=${BENCH_API_BIN:-$bin/kubefate-api} # another build to compare against
bench_start_api

# A tenant owning namespace `bench`, its operator, and CLUSTERS installs submitted by the operator.
log "creating a tenant, its operator and $CLUSTERS clusters"
python3 - "$port" "$password" "$CLUSTERS" "$work" <<'PY'
import base64, http.client, json, sys, threading
port, password, count, work = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), sys.argv[4]

def call(method, path, body=None, token=None, conn=None):
    conn = conn or http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    headers = {"Content-Type": "application/json"}
    if token: headers["Authorization"] = "Bearer " + token
    conn.request(method, path, json.dumps(body) if body is not None else None, headers)
    response = conn.getresponse()
    payload = response.read()
    if response.status >= 300:
        sys.exit(f"{method} {path}: {response.status} {payload[:300]!r}")
    return json.loads(payload) if payload else {}

admin = call("POST", "/v1/user/login", {"username": "admin", "password": password})["token"]
call("POST", "/v1/tenant", {"name": "bench"}, admin)
call("POST", "/v1/user", {"username": "operator", "password": password, "email": "operator@example.com"}, admin)
call("PUT", "/v1/tenant/bench/member/operator", {"role": "operator"}, admin)
call("POST", "/v1/namespace", {"name": "bench", "tenant": "bench"}, admin)
token = call("POST", "/v1/user/login", {"username": "operator", "password": password})["token"]

jobs, lock = [], threading.Lock()
def submit(indices):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    for i in indices:
        name = f"bench-{i}"
        spec = f"name: {name}\nnamespace: bench\nchartName: fate\nchartVersion: v1.11.2\npartyId: 9999\nsimulate:\n  components: []\n"
        job = call("POST", "/v1/cluster", {"name": name, "namespace": "bench", "chart_name": "fate", "chart_version": "v1.11.2",
                                           "data": base64.b64encode(spec.encode()).decode()}, token, conn)["data"]
        with lock: jobs.append(job["uuid"])
threads = [threading.Thread(target=submit, args=(range(t, count, 4),)) for t in range(4)]
for t in threads: t.start()
for t in threads: t.join()
open(f"{work}/token", "w").write(token)
open(f"{work}/job", "w").write(jobs[len(jobs) // 2])
PY
token=$(cat "$work/token")
job=$(cat "$work/job")

cat >"$work/pages.lua" <<LUA
local n = 0
request = function()
  n = n + 1
  return wrk.format("GET", "/v1/cluster/?limit=20&offset=" .. ((n * 37) % $CLUSTERS))
end
LUA
# Keyset pages: after = minID - 1 + (n*37) % (CLUSTERS - 20), so every page holds 20 clusters.
min_id=$(curl -fs -H "Authorization: Bearer $token" "$url/v1/cluster/?limit=1" |
  python3 -c 'import json, sys; print(json.load(sys.stdin)["data"][0]["ID"])')
last_page=$(curl -fs -H "Authorization: Bearer $token" -D "$work/last-page.headers" \
  "$url/v1/cluster/?limit=20&after=$((min_id - 1 + CLUSTERS - 21))" | python3 -c 'import json, sys; print(len(json.load(sys.stdin)["data"]))')
[ "$last_page" = 20 ] && grep -qi '^link: .*rel="next"' "$work/last-page.headers" ||
  { log "keyset pages are not full (ids not contiguous from $min_id?)"; exit 1; }
cat >"$work/pages-after.lua" <<LUA
local n = 0
request = function()
  n = n + 1
  return wrk.format("GET", "/v1/cluster/?limit=20&after=" .. ($min_id - 1 + (n * 37) % ($CLUSTERS - 20)))
end
LUA
cat >"$work/login.lua" <<LUA
wrk.method = "POST"
wrk.body = '{"username":"operator","password":"$password"}'
wrk.headers["Content-Type"] = "application/json"
LUA

# CPU time (user + system, clock ticks) the API process (and the MariaDB server, when it runs on
# this machine) have used so far.
api_ticks() { awk '{ print $14 + $15 }' "/proc/$api_pid/stat"; }
db_pid=$(pgrep -x mariadbd || pgrep -x mysqld || true)
db_ticks() { if [ -n "$db_pid" ] && [ -r "/proc/$db_pid/stat" ]; then awk '{ print $14 + $15 }' "/proc/$db_pid/stat"; else echo 0; fi; }
ticks_per_second=$(getconf CLK_TCK)

# run NAME WRK-ARGS... → "name rps p50 p99 non-2xx api db" (wrk --latency; ms; the CPU time per
# request in µs of the API process and of MariaDB (which other clients of a shared server add to),
# measures that other load on the machine changes far less than the latencies)
run() {
  local name=$1; shift
  log "wrk: $name"
  local api_before db_before; api_before=$(api_ticks); db_before=$(db_ticks)
  wrk -t2 -c64 -d"$WRK_DURATION" --latency "$@" >"$work/$name.txt" 2>&1
  local api_used=$(( $(api_ticks) - api_before )) db_used=$(( $(db_ticks) - db_before ))
  awk -v name="$name" -v api="$api_used" -v db="$db_used" -v hz="$ticks_per_second" '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    function per(ticks) { return total > 0 ? ticks / hz * 1e6 / total : 0 }
    / 50%/ { p50 = ms($2) } / 99%/ { p99 = ms($2) } /Requests\/sec/ { rps = $2 }
    / requests in / { total = $1 }
    /Non-2xx/ { bad = $NF }
    END { printf "%s %.0f %.2f %.2f %s %.0f %.0f\n", name, rps, p50, p99, (bad == "" ? 0 : bad), per(api), per(db) }' "$work/$name.txt"
}
admin_token=$(curl -fs -X POST "$url/v1/user/login" -d "{\"username\":\"admin\",\"password\":\"$password\"}" |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
auth=(-H "Authorization: Bearer $token")
{
  run job-poll "${auth[@]}" "$url/v1/job/$job"
  run cluster-page "${auth[@]}" -s "$work/pages.lua" "$url"
  run cluster-page-after "${auth[@]}" -s "$work/pages-after.lua" "$url"
  run cluster-page-db -H "Authorization: Bearer $admin_token" -s "$work/pages-after.lua" "$url"
  run cluster-list-all "${auth[@]}" "$url/v1/cluster/"
  run healthz "$url/healthz"
  run login -s "$work/login.lua" "$url/v1/user/login"
} >"$work/results"

echo "API at 64 connections (release build, wrk -t2 -c64 -d$WRK_DURATION, $CLUSTERS clusters in the tenant; load average: $(cut -d' ' -f1 /proc/loadavg))"
printf '%-18s %10s %10s %10s %8s %11s %10s %10s\n' request "req/s" "p50 ms" "p99 ms" "non-2xx" "API µs/req" "DB µs/req" "target"
while read -r name rps p50 p99 bad api db; do
  case $name in job-poll|cluster-page|cluster-page-after) target="p99 < 20" ;; *) target="" ;; esac
  printf '%-18s %10s %10s %10s %8s %11s %10s %10s\n' "$name" "$rps" "$p50" "$p99" "$bad" "$api" "$db" "$target"
done <"$work/results"
