#!/usr/bin/env bash
# Run the whole service locally as background processes.
#   scripts/stack.sh up [--workers N]   services, kubesim, migrate, the API and N workers (default 2)
#   scripts/stack.sh down               stop what `up` started (MariaDB and RabbitMQ stay up)
#   scripts/stack.sh status             what is running
# Idempotent: `up` again keeps what runs, starts what is missing and adjusts the worker count.
# Binaries: .build/release when KUBEFATE_BUILD=release, else .build/debug (built first unless
# KUBEFATE_SKIP_BUILD=1). State lives in .stack/: pids/, logs/, and env, a shell file with
# KUBEFATE_URL, KUBEFATE_USER, KUBEFATE_PASSWORD, KUBECONFIG, KUBEFATE_LOG_DIR, KUBEFATE_JWT_KEY and
# the database and broker settings (`source .stack/env`, then use the `kubefate` CLI).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
STACK=$here/.stack
PIDS=$STACK/pids
LOGS=$STACK/logs
MODE=${KUBEFATE_BUILD:-debug}
case "$MODE" in release|debug) ;; *) echo "stack: KUBEFATE_BUILD must be release or debug" >&2; exit 2 ;; esac
BIN=$here/.build/$MODE

# Database and broker settings (the defaults scripts/services.sh provisions).
export KUBEFATE_DB_HOST=${KUBEFATE_DB_HOST:-127.0.0.1}
export KUBEFATE_DB_PORT=${KUBEFATE_DB_PORT:-3306}
export KUBEFATE_DB_USER=${KUBEFATE_DB_USER:-kubefate}
export KUBEFATE_DB_PASSWORD=${KUBEFATE_DB_PASSWORD:-kubefate}
export KUBEFATE_DB_NAME=${KUBEFATE_DB_NAME:-kubefate}
export KUBEFATE_AMQP_HOST=${KUBEFATE_AMQP_HOST:-127.0.0.1}
export KUBEFATE_AMQP_PORT=${KUBEFATE_AMQP_PORT:-5672}
export KUBEFATE_AMQP_USER=${KUBEFATE_AMQP_USER:-kubefate}
export KUBEFATE_AMQP_PASSWORD=${KUBEFATE_AMQP_PASSWORD:-kubefate}
export KUBEFATE_AMQP_VHOST=${KUBEFATE_AMQP_VHOST:-kubefate}
export KUBEFATE_AMQP_QUEUE=${KUBEFATE_AMQP_QUEUE:-kubefate.jobs}
export KUBEFATE_LOG_DIR=$LOGS
# Workers deploy our charts to kubesim (KUBEFATE_WORKER_EXECUTOR=simulated runs `simulate:` specs).
export KUBEFATE_WORKER_EXECUTOR=${KUBEFATE_WORKER_EXECUTOR:-kubernetes}
export KUBEFATE_CHARTS_DIR=${KUBEFATE_CHARTS_DIR:-$here/charts}

log() { echo "stack: $*"; }

# pid of a started process if it still runs, else nothing.
running() {
  local f=$PIDS/$1.pid
  [ -f "$f" ] || return 1
  local pid; pid=$(cat "$f")
  kill -0 "$pid" 2>/dev/null && echo "$pid"
}

# start NAME BINARY [ARGS...]: runs in its own session, detached, logging to .stack/logs/NAME.log.
start() {
  local name=$1; shift
  setsid "$@" >>"$LOGS/$name.log" 2>&1 </dev/null &
  echo $! >"$PIDS/$name.pid"
}

# stop NAME: SIGTERM (graceful shutdown), then SIGKILL after 15 s.
stop() {
  local name=$1 pid
  pid=$(running "$name") || { rm -f "$PIDS/$name.pid"; return 0; }
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$pid" 2>/dev/null; then log "$name did not stop after SIGTERM; killing"; kill -KILL "$pid" 2>/dev/null || true; fi
  rm -f "$PIDS/$name.pid"
  log "stopped $name ($pid)"
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# Whether 127.0.0.1:PORT can be bound now.
port_free() {
  python3 -c 'import socket,sys; s=socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); s.bind(("127.0.0.1", int(sys.argv[1]))); s.close()' "$1" 2>/dev/null
}

# A secret kept across runs (so tokens and the admin password survive `down`/`up`).
secret() {
  local f=$STACK/$1
  [ -s "$f" ] || (umask 077; head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$f")
  cat "$f"
}

build() {
  [ "${KUBEFATE_SKIP_BUILD:-0}" = 1 ] && return 0
  local flags=()
  [ "$MODE" = release ] && flags=(-c release)
  for product in kubefate-api kubefate-worker kubefate kubesim; do
    log "building $product ($MODE)"
    swift build "${flags[@]}" --product "$product" >"$LOGS/build-$product.log" 2>&1 \
      || { tail -30 "$LOGS/build-$product.log" >&2; exit 1; }
  done
}

# kubesim: the Kubernetes API the workers deploy to. It writes its own kubeconfig; without
# KUBESIM_SCHEMAS it runs with --no-schemas.
start_kubesim() {
  if running kubesim >/dev/null && [ -s "$STACK/kubeconfig" ]; then export KUBECONFIG=$STACK/kubeconfig; return 0; fi
  local port; port=$(free_port)
  local args=(serve --listen "127.0.0.1:$port" --kubeconfig-out "$STACK/kubeconfig")
  [ -z "${KUBESIM_SCHEMAS:-}" ] && args+=(--no-schemas)
  rm -f "$STACK/kubeconfig"
  start kubesim "$BIN/kubesim" "${args[@]}"
  for _ in $(seq 1 100); do
    [ -s "$STACK/kubeconfig" ] && curl -sf "http://127.0.0.1:$port/version" >/dev/null 2>&1 && break
    running kubesim >/dev/null || break
    sleep 0.1
  done
  if ! curl -sf "http://127.0.0.1:$port/version" >/dev/null 2>&1; then
    tail -20 "$LOGS/kubesim.log" >&2
    echo "stack: kubesim did not serve on port $port (see $LOGS/kubesim.log)" >&2
    exit 1
  fi
  export KUBECONFIG=$STACK/kubeconfig
  log "kubesim serving on 127.0.0.1:$port"
}

start_api() {
  if running api >/dev/null && [ -s "$STACK/api.addr" ]; then
    API_URL=http://$(cat "$STACK/api.addr"); return 0
  fi
  rm -f "$STACK/api.addr"
  # Keep the port of the previous run when it is free, so clients (and .stack/env) stay valid.
  local port=0
  if [ -s "$STACK/api.port" ] && port_free "$(cat "$STACK/api.port")"; then port=$(cat "$STACK/api.port"); fi
  KUBEFATE_API_LISTEN=127.0.0.1:$port KUBEFATE_API_READY_FILE=$STACK/api.addr start api "$BIN/kubefate-api" serve
  for _ in $(seq 1 300); do
    [ -s "$STACK/api.addr" ] && break
    running api >/dev/null || { tail -20 "$LOGS/api.log" >&2; echo "stack: the API exited" >&2; exit 1; }
    sleep 0.1
  done
  [ -s "$STACK/api.addr" ] || { echo "stack: the API did not start, see $LOGS/api.log" >&2; exit 1; }
  API_URL=http://$(cat "$STACK/api.addr")
  echo "${API_URL##*:}" >"$STACK/api.port"
  for _ in $(seq 1 300); do
    curl -sf "$API_URL/readyz" >/dev/null 2>&1 && break
    sleep 0.2
  done
  curl -sf "$API_URL/readyz" >/dev/null || { echo "stack: the API is not ready: $(curl -s "$API_URL/readyz")" >&2; exit 1; }
  log "API ready at $API_URL"
}

start_workers() {
  local want=$1 i
  for i in $(seq 1 "$want"); do
    running "worker-$i" >/dev/null && continue
    KUBEFATE_WORKER_ID=stack-worker-$i start "worker-$i" "$BIN/kubefate-worker"
    log "started worker-$i ($(cat "$PIDS/worker-$i.pid"))"
  done
  for f in "$PIDS"/worker-*.pid; do
    [ -e "$f" ] || continue
    i=${f##*/worker-}; i=${i%.pid}
    [ "$i" -gt "$want" ] && stop "worker-$i"
  done
  return 0
}

write_env() {
  local q="'"
  {
    echo "# Written by scripts/stack.sh; source it to use the kubefate CLI against this stack."
    for v in KUBEFATE_URL KUBEFATE_USER KUBEFATE_PASSWORD KUBECONFIG KUBEFATE_LOG_DIR KUBEFATE_JWT_KEY \
             KUBEFATE_DB_HOST KUBEFATE_DB_PORT KUBEFATE_DB_USER KUBEFATE_DB_PASSWORD KUBEFATE_DB_NAME \
             KUBEFATE_AMQP_HOST KUBEFATE_AMQP_PORT KUBEFATE_AMQP_USER KUBEFATE_AMQP_PASSWORD KUBEFATE_AMQP_VHOST \
             KUBEFATE_AMQP_QUEUE KUBEFATE_WORKER_EXECUTOR KUBEFATE_CHARTS_DIR; do
      echo "export $v=$q${!v}$q"
    done
    echo "export PATH=$q$BIN$q:\$PATH"
  } >"$STACK/env"
}

up() {
  local workers=2
  while [ $# -gt 0 ]; do
    case "$1" in
      --workers) workers=${2:?--workers needs a number}; shift 2 ;;
      --workers=*) workers=${1#*=}; shift ;;
      *) echo "usage: $0 up [--workers N]" >&2; exit 2 ;;
    esac
  done
  [[ "$workers" =~ ^[0-9]+$ ]] || { echo "stack: --workers must be a number" >&2; exit 2; }
  mkdir -p "$PIDS" "$LOGS"
  bash "$here/scripts/services.sh" up
  build
  export KUBEFATE_JWT_KEY=${KUBEFATE_JWT_KEY:-$(secret jwt-key)}
  export KUBEFATE_ADMIN_USER=${KUBEFATE_ADMIN_USER:-admin}
  export KUBEFATE_ADMIN_PASSWORD=${KUBEFATE_ADMIN_PASSWORD:-$(secret admin-password)}
  start_kubesim
  "$BIN/kubefate-api" migrate >>"$LOGS/migrate.log" 2>&1 || { tail -20 "$LOGS/migrate.log" >&2; exit 1; }
  start_api
  start_workers "$workers"
  export KUBEFATE_URL=$API_URL KUBEFATE_USER=$KUBEFATE_ADMIN_USER KUBEFATE_PASSWORD=$KUBEFATE_ADMIN_PASSWORD
  write_env
  log "up: API $API_URL, $workers worker(s), logs in $LOGS; 'source .stack/env' to use the CLI"
}

down() {
  [ -d "$PIDS" ] || { log "nothing running"; return 0; }
  local f
  for f in "$PIDS"/worker-*.pid; do [ -e "$f" ] && { local n=${f##*/}; stop "${n%.pid}"; }; done
  stop api
  stop kubesim
  rm -f "$STACK/api.addr"
  log "down"
}

status() {
  local f n pid
  for f in "$PIDS"/*.pid; do
    [ -e "$f" ] || { log "nothing running"; return 0; }
    n=${f##*/}; n=${n%.pid}
    if pid=$(running "$n"); then echo "$n: running ($pid)"; else echo "$n: dead"; fi
  done
}

case "${1:-}" in
  up) shift; up "$@" ;;
  down) down ;;
  status) status ;;
  *) echo "usage: $0 up [--workers N] | down | status" >&2; exit 2 ;;
esac
