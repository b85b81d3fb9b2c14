# Shared setup of the benchmarks that run release binaries against the local MariaDB and RabbitMQ
# (scripts/bench-api.sh, scripts/bench-deploy.sh, scripts/bench-pipeline.sh). Source it after `cd` to the repository root
# and after defining `log`; then call the functions below.
#
#   bench_release_binaries PRODUCT...   starts the local services, sets $bin, builds missing products
#   bench_need_wrk               installs wrk (Debian package) when it is missing
#   bench_private_env NAME       a private database, queue, JWT key and scratch folder ($work), all
#                                removed on exit (BENCH_KEEP=1 keeps $work); defines `sql`, `pids`
#   bench_start_api              starts the API ($api_bin if set, else the release build; admin login
#                                `admin`): sets api_pid, port, url, password, token
#   bench_start_workers N TAG [VAR=value ...]   starts N workers with that environment: worker_pids
#   bench_stop_workers           stops the workers of the last bench_start_workers (SIGTERM, waits)
#   free_port, cpu_secs PID, rss_mib PID

# A free TCP port on the loopback interface.
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# CPU seconds (user + system) a process has used so far.
cpu_secs() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / hz }' "/proc/$1/stat"; }

# Resident memory of a process in MiB.
rss_mib() { awk '/^VmRSS:/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status"; }

# The MariaDB client on the benchmark's credentials, tab-separated output without headers.
sql() {
  mariadb -h "${KUBEFATE_DB_HOST:-127.0.0.1}" -P "${KUBEFATE_DB_PORT:-3306}" -u"${KUBEFATE_DB_USER:-kubefate}" \
    -p"${KUBEFATE_DB_PASSWORD:-kubefate}" -N -B "$@"
}

bench_release_binaries() {
  local product
  bash scripts/services.sh up >&2
  bin=$(swift build -c release --show-bin-path)
  for product in "$@"; do
    if [ ! -x "$bin/$product" ]; then
      log "building $product (release)"
      swift build -c release --product "$product" >&2
    fi
  done
  command -v python3 >/dev/null || { log "python3 is required"; exit 1; }
}

bench_need_wrk() {
  command -v wrk >/dev/null && return 0
  log "installing wrk (Debian package)"
  apt-get -o DPkg::Lock::Timeout=300 -qq update >&2
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 -qq install -y --no-install-recommends wrk >&2
}

bench_private_env() {
  id=$(head -c 6 /dev/urandom | od -An -tx1 | tr -d ' \n')
  work=$root/.build/$1/$id
  mkdir -p "$work"
  export KUBEFATE_DB_NAME=kf_bench_$id
  export KUBEFATE_AMQP_QUEUE=kubefate.bench.$id
  export KUBEFATE_JWT_KEY=bench-$id-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')
  export KUBEFATE_LOG_LEVEL=${KUBEFATE_LOG_LEVEL:-warning}
  sql -e "CREATE DATABASE \`$KUBEFATE_DB_NAME\` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin"
  pids=()
  trap bench_cleanup EXIT
}

# Stops every process in `pids`, drops the database and queue, removes $work.
bench_cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  sql -e "DROP DATABASE IF EXISTS \`$KUBEFATE_DB_NAME\`" || true
  rabbitmqctl -q delete_queue -p "${KUBEFATE_AMQP_VHOST:-kubefate}" "$KUBEFATE_AMQP_QUEUE" >/dev/null 2>&1 || true
  [ "${BENCH_KEEP:-0}" = 1 ] || rm -rf "$work"
}

bench_start_api() {
  port=$(free_port)
  password=bench-$id
  KUBEFATE_API_LISTEN=127.0.0.1:$port KUBEFATE_ADMIN_USER=admin KUBEFATE_ADMIN_PASSWORD=$password KUBEFATE_MIGRATE=1 \
    "${api_bin:-$bin/kubefate-api}" >"$work/api.log" 2>&1 &
  api_pid=$!
  pids+=("$api_pid")
  url=http://127.0.0.1:$port
  for _ in $(seq 1 300); do curl -fs "$url/healthz" >/dev/null 2>&1 && break; sleep 0.1; done
  curl -fs "$url/healthz" >/dev/null || { log "the API did not start:"; tail -20 "$work/api.log" >&2; exit 1; }
  token=$(curl -fs -X POST "$url/v1/user/login" -d "{\"username\":\"admin\",\"password\":\"$password\"}" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
}

bench_start_workers() {
  local count=$1 tag=$2 i
  shift 2
  worker_pids=()
  for i in $(seq 1 "$count"); do
    env KUBEFATE_WORKER_ID="$tag-w$i" "$@" "$bin/kubefate-worker" >>"$work/worker-$tag-$i.log" 2>&1 &
    worker_pids+=("$!")
    pids+=("$!")
  done
}

bench_stop_workers() {
  for pid in "${worker_pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${worker_pids[@]}"; do wait "$pid" 2>/dev/null || true; done
}
