#!/usr/bin/env bash
# Pipeline benchmarks of issue 2, on release binaries against the local MariaDB and RabbitMQ:
#   * jobs/s draining 1,000 queued no-op jobs with 1, 2 and 4 workers;
#   * submit→claim latency p50/p99 over 1,000 no-op jobs submitted one at a time at a steady rate
#     (BENCH_LATENCY_RATE per second) while the workers are otherwise idle;
#   * GET /v1/job/{id} vs GET /healthz in the same API process, wrk -t2 -c64 -d10s;
#   * idle RSS of the API and of one worker.
# Prints one table (stdout); progress on stderr. Uses its own database and queue, dropped at the end.
# Knobs: BENCH_JOBS (1000), BENCH_WORKERS ("1 2 4"), BENCH_WRK_DURATION (10s), BENCH_SUBMITTERS (4,
# for filling the queue), BENCH_LATENCY_RATE (100 jobs/s).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
JOBS=${BENCH_JOBS:-1000}
WORKER_COUNTS=${BENCH_WORKERS:-1 2 4}
WRK_DURATION=${BENCH_WRK_DURATION:-10s}
SUBMITTERS=${BENCH_SUBMITTERS:-4}
LATENCY_RATE=${BENCH_LATENCY_RATE:-100}
log() { echo "bench-pipeline: $*" >&2; }

source scripts/lib/bench-env.sh

# ---- prerequisites: services, release binaries, wrk, python3
bench_release_binaries kubefate-api kubefate-worker
bench_need_wrk

# ---- a private database, queue and scratch folder
bench_private_env bench-pipeline

# ---- the API
bench_start_api
sleep 2
api_idle_rss=$(rss_mib "$api_pid")

# ---- helpers in Python (standard library only)
cat >"$work/bench.py" <<'PY'
import http.client, json, sys, base64, threading, datetime, time

def ns(text):
    return int(datetime.datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp() * 1_000_000) * 1000

def submit(port, token, prefix, count, threads, out, rate=0.0):
    """POST count no-op installs (at most `rate` per second per thread when rate > 0); writes
    "<uuid> <created-ns>" lines to out."""
    spec = "simulate:\n  components: []\n"
    lines, lock, errors = [], threading.Lock(), []
    def work(indices):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        began = time.monotonic()
        for n, i in enumerate(indices):
            if rate > 0:
                time.sleep(max(0.0, began + n / rate - time.monotonic()))
            name = f"{prefix}-{i}"
            data = f"name: {name}\nnamespace: bench\nchartName: fate\nchartVersion: v1.11.2\npartyId: 9999\n" + spec
            body = json.dumps({"name": name, "namespace": "bench", "chart_name": "fate", "chart_version": "v1.11.2",
                               "data": base64.b64encode(data.encode()).decode()})
            conn.request("POST", "/v1/cluster", body, {"Authorization": "Bearer " + token, "Content-Type": "application/json"})
            response = conn.getresponse()
            payload = response.read()
            if response.status != 200:
                errors.append(f"{response.status} {payload[:200]!r}")
                return
            job = json.loads(payload)["data"]
            with lock:
                lines.append(f'{job["uuid"]} {ns(job["CreatedAt"])}')
    chunks = [list(range(count))[t::threads] for t in range(threads)]
    workers = [threading.Thread(target=work, args=(c,)) for c in chunks]
    for w in workers: w.start()
    for w in workers: w.join()
    if errors:
        sys.exit("submit failed: " + errors[0])
    with open(out, "w") as f:
        f.write("\n".join(lines) + "\n")

def executions(log):
    starts, ends = {}, {}
    for line in open(log):
        f = line.split()
        if f[0] == "start": starts.setdefault(f[2], int(f[1]))
        elif f[0] == "end": ends[f[2]] = int(f[1])
    return starts, ends

def drain(submitted, log):
    """jobs/s from the first claim to the last end of the submitted jobs."""
    ids = [l.split()[0] for l in open(submitted) if l.strip()]
    starts, ends = executions(log)
    first = min(starts[i] for i in ids)
    last = max(ends[i] for i in ids)
    print(f"{len(ids) / ((last - first) / 1e9):.1f}")

def percentile(values, p):
    values = sorted(values)
    k = (len(values) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)

def latency(submitted, log):
    """submit→claim (created_at → execution start) p50 and p99 in ms."""
    starts, _ = executions(log)
    lat = []
    for line in open(submitted):
        if not line.strip(): continue
        uuid, created = line.split()
        lat.append((starts[uuid] - int(created)) / 1e6)
    print(f"{percentile(lat, 50):.1f} {percentile(lat, 99):.1f}")

if __name__ == "__main__":
    command = sys.argv[1]
    if command == "submit":
        submit(int(sys.argv[2]), sys.argv[3], sys.argv[4], int(sys.argv[5]), int(sys.argv[6]), sys.argv[7],
               float(sys.argv[8]) if len(sys.argv) > 8 else 0.0)
    elif command == "drain": drain(sys.argv[2], sys.argv[3])
    elif command == "latency": latency(sys.argv[2], sys.argv[3])
PY

ended() { sql "$KUBEFATE_DB_NAME" -e "SELECT COUNT(*) FROM jobs WHERE status IN (3,4,5,6,8) AND args_name LIKE '$1-%'"; }
wait_ended() {
  local prefix=$1 expected=$2
  for _ in $(seq 1 3000); do
    [ "$(ended "$prefix")" -ge "$expected" ] && return 0
    sleep 0.1
  done
  log "timed out waiting for $prefix jobs"; return 1
}

start_workers() {
  bench_start_workers "$1" "$2" KUBEFATE_SIMULATE_LOG="$work/executions.log" KUBEFATE_WORKER_CONCURRENCY=8
}

# ---- idle worker RSS
start_workers 1 idle
sleep 3
worker_idle_rss=$(rss_mib "${worker_pids[0]}")
bench_stop_workers

declare -A rate p50 p99
for n in $WORKER_COUNTS; do
  log "drain: $JOBS queued jobs, $n worker(s)"
  python3 "$work/bench.py" submit "$port" "$token" "drain$n" "$JOBS" "$SUBMITTERS" "$work/drain$n.txt"
  start_workers "$n" "drain$n"
  wait_ended "drain$n" "$JOBS"
  rate[$n]=$(python3 "$work/bench.py" drain "$work/drain$n.txt" "$work/executions.log")
  log "latency: $JOBS jobs submitted one at a time at $LATENCY_RATE/s to $n worker(s)"
  python3 "$work/bench.py" submit "$port" "$token" "lat$n" "$JOBS" 1 "$work/lat$n.txt" "$LATENCY_RATE"
  wait_ended "lat$n" "$JOBS"
  read -r p50[$n] p99[$n] < <(python3 "$work/bench.py" latency "$work/lat$n.txt" "$work/executions.log")
  bench_stop_workers
done

# ---- HTTP: GET /v1/job/{id} next to /healthz in the same process
job_id=$(head -1 "$work/lat${WORKER_COUNTS%% *}.txt" | cut -d' ' -f1)
wrk_run() {
  wrk -t2 -c64 -d"$WRK_DURATION" --latency "$@" 2>&1 \
    | awk '/^Requests\/sec:/ { rps = $2 } /^ +99%/ { p99 = $2 } END { print rps, p99 }'
}
log "wrk /healthz"
read -r health_rps health_p99 < <(wrk_run "$url/healthz")
log "wrk /v1/job/{id}"
read -r job_rps job_p99 < <(wrk_run -H "Authorization: Bearer $token" "$url/v1/job/$job_id")
api_loaded_rss=$(rss_mib "$api_pid")

# ---- the table
first=${WORKER_COUNTS%% *}
echo "pipeline (release binaries, $JOBS no-op jobs per run, simulated executor, concurrency 8 per worker)"
echo "jobs/s: draining $JOBS queued jobs; submit→claim: $JOBS jobs submitted one at a time at $LATENCY_RATE/s"
printf '%-8s %10s %12s %18s %18s\n' workers "jobs/s" "vs $first" "submit→claim p50" "submit→claim p99"
for n in $WORKER_COUNTS; do
  ratio=$(awk -v a="${rate[$n]}" -v b="${rate[$first]}" 'BEGIN { printf "%.2fx", a / b }')
  printf '%-8s %10s %12s %15s ms %15s ms\n' "$n" "${rate[$n]}" "$ratio" "${p50[$n]}" "${p99[$n]}"
done
echo
echo "HTTP, one API process (wrk -t2 -c64 -d$WRK_DURATION)"
printf '%-18s %12s %10s %14s\n' route "req/s" p99 "vs /healthz"
printf '%-18s %12s %10s %14s\n' "GET /healthz" "$health_rps" "$health_p99" "1.00x"
printf '%-18s %12s %10s %14s\n' "GET /v1/job/{id}" "$job_rps" "$job_p99" \
  "$(awk -v a="$job_rps" -v b="$health_rps" 'BEGIN { printf "%.2fx", a / b }')"
echo
echo "memory (VmRSS)"
printf '%-28s %8s MiB\n' "API idle (after start)" "$api_idle_rss" "API after the runs" "$api_loaded_rss" \
  "worker idle" "$worker_idle_rss"
