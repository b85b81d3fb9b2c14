#!/usr/bin/env bash
# Deploy-engine benchmark of issue 5, on release binaries against the local MariaDB and RabbitMQ and a
# kubesim (`kubesim serve`, virtual clock at BENCH_SPEED x wall time):
#   * one install of fate-v1.11.2's example cluster.yaml: wall time (job start → end) and the
#     Kubernetes requests it made (kubesim's /kubesim/v1/stats), with the ratio of API calls to
#     objects x 3 + watches (the target is at most 1.00);
#   * installs/minute with 1, 2 and 4 workers (BENCH_INSTALLS installs submitted at once, each into
#     its own namespace).
# Prints one table (stdout); progress on stderr. Uses its own database, queue and kubesim.
# Knobs: BENCH_INSTALLS (24), BENCH_WORKERS ("1 2 4"), BENCH_SPEED (20), KUBEFATE_SHARED_DIR (../shared).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
INSTALLS=${BENCH_INSTALLS:-24}
WORKER_COUNTS=${BENCH_WORKERS:-1 2 4}
SPEED=${BENCH_SPEED:-20}
SHARED=${KUBEFATE_SHARED_DIR:-$root/../shared}
log() { echo "bench-deploy: $*" >&2; }

source scripts/lib/bench-env.sh

# ---- prerequisites: services, release binaries, charts
bench_release_binaries kubefate-api kubefate-worker kubesim
[ -f "$SHARED/conformance/charts/fate-v1.11.2.tgz" ] || { log "no $SHARED/conformance/charts: set KUBEFATE_SHARED_DIR"; exit 1; }

# ---- a private database, queue, kubesim and scratch folder
bench_private_env bench-deploy

# ---- kubesim
sim_port=$(free_port)
# Room for every party of the run (the default 3 nodes x 16 CPUs fit about four FATE clusters).
"$bin/kubesim" serve --no-schemas --speed "$SPEED" --nodes 40 --node-cpu 64 --node-memory 256Gi --listen "127.0.0.1:$sim_port" --kubeconfig-out "$work/kubeconfig" \
  >"$work/kubesim.log" 2>&1 &
sim_pid=$!
pids+=("$sim_pid")
for _ in $(seq 1 300); do [ -s "$work/kubeconfig" ] && break; sleep 0.1; done
[ -s "$work/kubeconfig" ] || { log "kubesim did not start:"; tail -20 "$work/kubesim.log" >&2; exit 1; }
sim=http://127.0.0.1:$sim_port

# ---- the API
bench_start_api

# ---- helpers in Python (standard library only)
cat >"$work/bench.py" <<'PY'
import http.client, json, sys, base64, datetime, time, urllib.parse

def ns(text):
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()

def example(shared):
    text = open(f"{shared}/conformance/render/inputs/chart-examples/fate-v1.11.2.yaml").read()
    keep = [l for l in text.split("\n") if not l.startswith(("name:", "namespace:", "chartName:", "chartVersion:"))]
    return "\n".join(keep)

def call(port, token, method, path, body=None):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    conn.request(method, path, body, {"Authorization": "Bearer " + token, "Content-Type": "application/json"})
    response = conn.getresponse()
    payload = response.read()
    if response.status != 200:
        sys.exit(f"{method} {path}: {response.status} {payload[:300]!r}")
    return json.loads(payload)

def submit(port, token, shared, prefix, count, out):
    spec = example(shared)
    ids = []
    for i in range(count):
        name = f"{prefix}-{i}"
        data = f"name: {name}\nnamespace: {name}\nchartName: fate\nchartVersion: v1.11.2\n" + spec
        body = json.dumps({"name": name, "namespace": name, "chart_name": "fate", "chart_version": "v1.11.2",
                           "data": base64.b64encode(data.encode()).decode()})
        ids.append(call(port, token, "POST", "/v1/cluster", body)["data"]["uuid"])
    open(out, "w").write("\n".join(ids) + "\n")

def wait(port, token, ids_file, timeout=3600):
    """Waits until every job ended; prints: ended-ok count, first start, last end, failures."""
    ids = [l.strip() for l in open(ids_file) if l.strip()]
    deadline = time.time() + timeout
    while True:
        jobs = [call(port, token, "GET", f"/v1/job/{i}")["data"] for i in ids]
        if all(j["status"] in ("Success", "Failed", "Timeout", "Canceled", "Rollback") for j in jobs):
            break
        if time.time() > deadline:
            sys.exit("timed out waiting for installs")
        time.sleep(1)
    bad = [f'{j["uuid"]}: {j["status"]} {j.get("reason", "")}' for j in jobs if j["status"] != "Success"]
    if bad:
        sys.exit("installs failed:\n" + "\n".join(bad))
    first = min(ns(j["start_time"]) for j in jobs)
    last = max(ns(j["end_time"]) for j in jobs)
    objects = 0
    for state in jobs[0]["states"] or []:
        if state.startswith("rendered ") and state.endswith(" objects"):
            objects = int(state.rsplit(" ", 2)[1])
    print(f"{len(jobs)} {first:.3f} {last:.3f} {objects}")

def stats(sim):
    u = urllib.parse.urlparse(sim)
    conn = http.client.HTTPConnection(u.hostname, u.port, timeout=30)
    conn.request("GET", "/kubesim/v1/stats")
    s = json.loads(conn.getresponse().read())
    print(s["requests"], s["watchRequests"])

if __name__ == "__main__":
    command = sys.argv[1]
    if command == "submit": submit(int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5], int(sys.argv[6]), sys.argv[7])
    elif command == "wait": wait(int(sys.argv[2]), sys.argv[3], sys.argv[4])
    elif command == "stats": stats(sys.argv[2])
PY

start_workers() {
  bench_start_workers "$1" "$2" KUBEFATE_WORKER_EXECUTOR=kubernetes KUBECONFIG="$work/kubeconfig" \
    KUBEFATE_CHARTS_DIR="$SHARED/conformance/charts" KUBEFATE_WORKER_CONCURRENCY=8
}

# ---- one install alone: wall time and requests
log "one install of fate-v1.11.2's example"
start_workers 1 single
sleep 2
read -r req0 watch0 < <(python3 "$work/bench.py" stats "$sim")
python3 "$work/bench.py" submit "$port" "$token" "$SHARED" single 1 "$work/single.txt"
read -r _ single_start single_end objects < <(python3 "$work/bench.py" wait "$port" "$token" "$work/single.txt")
read -r req1 watch1 < <(python3 "$work/bench.py" stats "$sim")
bench_stop_workers
requests=$((req1 - req0))
watches=$((watch1 - watch0))
single_secs=$(awk -v a="$single_start" -v b="$single_end" 'BEGIN { printf "%.2f", b - a }')
budget=$((objects * 3 + watches))
ratio=$(awk -v r="$requests" -v b="$budget" 'BEGIN { printf "%.2f", r / b }')

# ---- throughput with 1, 2, 4 workers
declare -A rate sim_cpu worker_cpu
for n in $WORKER_COUNTS; do
  log "throughput: $INSTALLS installs at once, $n worker(s)"
  python3 "$work/bench.py" submit "$port" "$token" "$SHARED" "tp$n" "$INSTALLS" "$work/tp$n.txt"
  sim_before=$(cpu_secs "$sim_pid")
  start_workers "$n" "tp$n"
  read -r count first last _ < <(python3 "$work/bench.py" wait "$port" "$token" "$work/tp$n.txt")
  rate[$n]=$(awk -v c="$count" -v a="$first" -v b="$last" 'BEGIN { printf "%.1f", c * 60 / (b - a) }')
  sim_cpu[$n]=$(awk -v a="$sim_before" -v b="$(cpu_secs "$sim_pid")" 'BEGIN { printf "%.1f", b - a }')
  total=0
  for pid in "${worker_pids[@]}"; do total=$(awk -v t="$total" -v c="$(cpu_secs "$pid")" 'BEGIN { printf "%.2f", t + c }'); done
  worker_cpu[$n]=$(awk -v t="$total" 'BEGIN { printf "%.1f", t }')
  bench_stop_workers
done

# ---- the table
first=${WORKER_COUNTS%% *}
echo "deploy (release binaries, kubesim --speed $SPEED, fate-v1.11.2 example spec: $objects objects)"
printf '%-44s %s\n' "measure" "value"
printf '%-44s %s\n' "one install, job start → end (s)" "$single_secs"
printf '%-44s %s\n' "Kubernetes requests per install" "$requests (of which $watches watches)"
printf '%-44s %s\n' "budget: objects x 3 + watches" "$budget"
printf '%-44s %s\n' "requests / budget (target ≤ 1.00)" "$ratio"
echo
echo "throughput: $INSTALLS installs submitted at once, each into its own namespace, concurrency 8 per worker"
echo "CPU seconds spent during each run: kubesim vs all workers (which one limits the throughput)"
printf '%-8s %16s %10s %14s %14s\n' workers "installs/min" "vs $first" "kubesim CPU s" "workers CPU s"
for n in $WORKER_COUNTS; do
  printf '%-8s %16s %10s %14s %14s\n' "$n" "${rate[$n]}" "$(awk -v a="${rate[$n]}" -v b="${rate[$first]}" 'BEGIN { printf "%.2fx", a / b }')" \
    "${sim_cpu[$n]}" "${worker_cpu[$n]}"
done
