# Shared setup of the scripts that run a kubesim of their own (scripts/kube-fidelity.sh,
# scripts/deploy-check.sh, scripts/bench-kubesim.sh). Source it after `cd` to the repository root
# and set $work (a scratch folder) and $KUBESIM_BIN before kubesim_start; then call:
#
#   kubesim_schemas                    exports KUBESIM_SCHEMAS (unless set): the OpenAPI schemas of
#                                      PyPI kubernetes-validate, in one venv per machine (KUBESIM_VENV)
#   kubesim_start KUBECONFIG PREFIX [ARG...]   starts `$KUBESIM_BIN serve` on a free loopback port
#                                      ($kubesim_port; process $kubesim_pid) with the extra ARGs,
#                                      writing its kubeconfig to KUBECONFIG (log in $work/kubesim.log);
#                                      stops it and removes $work on exit; PREFIX starts the error
#                                      message if it does not come up

kubesim_schemas() {
  local venv=${KUBESIM_VENV:-$HOME/.cache/kubesim/venv}
  if [ -z "${KUBESIM_SCHEMAS:-}" ]; then
    if [ ! -x "$venv/bin/python" ]; then python3 -m venv "$venv" >&2; fi
    "$venv/bin/python" -c 'import kubernetes_validate' 2>/dev/null || "$venv/bin/pip" install -q kubernetes-validate >&2
    KUBESIM_SCHEMAS=$("$venv/bin/python" -c 'import kubernetes_validate, os; print(os.path.join(os.path.dirname(kubernetes_validate.__file__), "kubernetes-json-schema", "v1.32.0-local"))')
  fi
  export KUBESIM_SCHEMAS
}

kubesim_start() {
  local kubeconfig=$1 prefix=$2
  shift 2
  kubesim_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
  "$KUBESIM_BIN" serve --listen "127.0.0.1:$kubesim_port" --kubeconfig-out "$kubeconfig" "$@" >"$work/kubesim.log" 2>&1 &
  kubesim_pid=$!
  trap kubesim_cleanup EXIT
  for _ in $(seq 100); do [ -s "$kubeconfig" ] && break; sleep 0.1; done
  [ -s "$kubeconfig" ] || { echo "${prefix}kubesim did not start:" >&2; cat "$work/kubesim.log" >&2; exit 1; }
}

# Stops kubesim (SIGTERM, then SIGKILL after 5 s) and removes $work.
kubesim_cleanup() {
  kill "$kubesim_pid" 2>/dev/null || true
  for _ in $(seq 50); do kill -0 "$kubesim_pid" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$kubesim_pid" 2>/dev/null || true
  wait "$kubesim_pid" 2>/dev/null || true
  rm -rf "$work"
}
