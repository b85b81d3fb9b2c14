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

# ---- prerequisites: services, release binaries, wrk, python3
bash scripts/services.sh up >&2
bin=$(swift build -c release --show-bin-path)
if [ ! -x "$bin/kubefate-api" ] || [ ! -x "$bin/kubefate-worker" ]; then
  log "building release binaries"
  swift build -c release --product kubefate-api >&2
  swift build -c release --product kubefate-worker >&2
fi
if ! command -v wrk >/dev/null; then
  log "installing wrk (Debian package)"
  apt-get -o DPkg::Lock::Timeout=300 -qq update >&2
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 -qq install -y --no-install-recommends wrk >&2
fi
command -v python3 >/dev/null || { log "python3 is required"; exit 1; }

# ---- a private database, queue and scratch folder
id=$(head -c 6 /dev/urandom | od -An -tx1 | tr -d ' \n')
work=$root/.build/bench-pipeline/$id
mkdir -p "$work"
export KUBEFATE_DB_NAME=kf_bench_$id
export KUBEFATE_AMQP_QUEUE=kubefate.bench.$id
export KUBEFATE_JWT_KEY=bench-$id-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')
export KUBEFATE_LOG_LEVEL=${KUBEFATE_LOG_LEVEL:-warning}
DB_USER=${KUBEFATE_DB_USER:-kubefate}
DB_PASS=${KUBEFATE_DB_PASSWORD:-kubefate}
sql() { mariadb -h "${KUBEFATE_DB_HOST:-127.0.0.1}" -P "${KUBEFATE_DB_PORT:-3306}" -u"$DB_USER" -p"$DB_PASS" -N -B "$@"; }
sql -e "CREATE DATABASE \`$KUBEFATE_DB_NAME\` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin"

pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  sql -e "DROP DATABASE IF EXISTS \`$KUBEFATE_DB_NAME\`" || true
  rabbitmqctl -q delete_queue -p "${KUBEFATE_AMQP_VHOST:-kubefate}" "$KUBEFATE_AMQP_QUEUE" >/dev/null 2>&1 || true
  [ "${BENCH_KEEP:-0}" = 1 ] || rm -rf "$work"
}
trap cleanup EXIT

rss_mib() { awk '/^VmRSS:/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status"; }

# ---- the API
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
password=bench-$id
KUBEFATE_API_LISTEN=127.0.0.1:$port KUBEFATE_ADMIN_USER=admin KUBEFATE_ADMIN_PASSWORD=$password KUBEFATE_MIGRATE=1 \
  "$bin/kubefate-api" >"$work/api.log" 2>&1 &
api_pid=$!
pids+=("$api_pid")
url=http://127.0.0.1:$port
for _ in $(seq 1 300); do curl -fs "$url/healthz" >/dev/null 2>&1 && break; sleep 0.1; done
curl -fs "$url/healthz" >/dev/null || { log "the API did not start:"; tail -20 "$work/api.log" >&2; exit 1; }
token=$(curl -fs -X POST "$url/v1/user/login" -d "{\"username\":\"admin\",\"password\":\"$password\"}" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
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
  local count=$1 tag=$2
  worker_pids=()
  for i in $(seq 1 "$count"); do
    KUBEFATE_WORKER_ID=$tag-w$i KUBEFATE_SIMULATE_LOG=$work/executions.log KUBEFATE_WORKER_CONCURRENCY=8 \
      "$bin/kubefate-worker" >>"$work/worker-$tag-$i.log" 2>&1 &
    worker_pids+=("$!")
    pids+=("$!")
  done
}
stop_workers() {
  for pid in "${worker_pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${worker_pids[@]}"; do wait "$pid" 2>/dev/null || true; done
}

# ---- idle worker RSS
start_workers 1 idle
sleep 3
worker_idle_rss=$(rss_mib "${worker_pids[0]}")
stop_workers

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
  stop_workers
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
