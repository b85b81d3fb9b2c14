#!/usr/bin/env bash
# Install (from Debian packages) and run MariaDB and RabbitMQ as plain background processes.
#   scripts/services.sh up       install when missing, start, wait until both answer, provision
#   scripts/services.sh down     stop both
#   scripts/services.sh status   print what answers
# Idempotent and quick when already up. Root on Debian 12, no systemd needed.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
LOGDIR=${KUBEFATE_SERVICES_LOG:-$here/.stack/services}
DB_NAME=${KUBEFATE_DB_NAME:-kubefate}
DB_USER=${KUBEFATE_DB_USER:-kubefate}
DB_PASS=${KUBEFATE_DB_PASSWORD:-kubefate}
MQ_USER=${KUBEFATE_AMQP_USER:-kubefate}
MQ_PASS=${KUBEFATE_AMQP_PASSWORD:-kubefate}
MQ_VHOST=${KUBEFATE_AMQP_VHOST:-kubefate}
mkdir -p "$LOGDIR"
export DEBIAN_FRONTEND=noninteractive
APT="apt-get -o DPkg::Lock::Timeout=300 -qq"

# Build and runtime packages; -dev libraries for the Swift system-library targets.
BUILD_PKGS="libmariadb-dev librabbitmq-dev libcurl4-openssl-dev libyaml-dev libssl-dev zlib1g-dev pkg-config"
SERVER_PKGS="mariadb-server mariadb-client rabbitmq-server"

mariadb_up() { mariadb-admin --protocol=socket -uroot ping >/dev/null 2>&1; }
rabbit_up() { rabbitmq-diagnostics -q ping >/dev/null 2>&1; }

install_packages() {
  local missing=()
  for p in $BUILD_PKGS $SERVER_PKGS $*; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "services: installing ${missing[*]}"
  local created_policy=
  # Without systemd, postinst would start the services before our configuration exists.
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d; chmod +x /usr/sbin/policy-rc.d; created_policy=1
  fi
  $APT update >/dev/null
  $APT install -y --no-install-recommends "${missing[@]}" >"$LOGDIR/apt.log" 2>&1 \
    || { cat "$LOGDIR/apt.log" >&2; exit 1; }
  [ -n "$created_policy" ] && rm -f /usr/sbin/policy-rc.d
  return 0
}

start_rabbitmq() {
  cat >/etc/rabbitmq/rabbitmq-env.conf <<CONF
NODENAME=rabbit@localhost
NODE_IP_ADDRESS=127.0.0.1
NODE_PORT=5672
CONF
  echo '[].' >/etc/rabbitmq/enabled_plugins
  chown rabbitmq:rabbitmq /etc/rabbitmq/enabled_plugins
  install -d -o rabbitmq -g rabbitmq /var/log/rabbitmq /var/lib/rabbitmq
  if ! rabbit_up; then
    setsid su rabbitmq -s /bin/sh -c 'cd /var/lib/rabbitmq && exec /usr/lib/rabbitmq/bin/rabbitmq-server' \
      >"$LOGDIR/rabbitmq.out" 2>&1 </dev/null &
    for _ in $(seq 1 240); do rabbit_up && break; sleep 0.5; done
  fi
  rabbitmqctl -q await_startup --timeout 120
  if ! rabbitmqctl -q list_vhosts 2>/dev/null | grep -qx "$MQ_VHOST"; then rabbitmqctl -q add_vhost "$MQ_VHOST"; fi
  if rabbitmqctl -q list_users 2>/dev/null | awk '{print $1}' | grep -qx "$MQ_USER"; then
    rabbitmqctl -q authenticate_user "$MQ_USER" "$MQ_PASS" >/dev/null 2>&1 || rabbitmqctl -q change_password "$MQ_USER" "$MQ_PASS"
  else
    rabbitmqctl -q add_user "$MQ_USER" "$MQ_PASS"
  fi
  rabbitmqctl -q set_permissions -p "$MQ_VHOST" "$MQ_USER" '.*' '.*' '.*'
}

start_mariadb() {
  install -d -o mysql -g mysql -m 755 /run/mysqld
  if [ ! -d /var/lib/mysql/mysql ]; then
    mariadb-install-db --user=mysql --datadir=/var/lib/mysql --skip-test-db >"$LOGDIR/install-db.log" 2>&1
  fi
  if ! mariadb_up; then
    setsid /usr/sbin/mariadbd --user=mysql --bind-address=127.0.0.1 \
      --innodb-flush-log-at-trx-commit=2 --skip-log-bin --max-connections=500 \
      >"$LOGDIR/mariadb.out" 2>&1 </dev/null &
    for _ in $(seq 1 240); do mariadb_up && break; sleep 0.25; done
  fi
  mariadb_up || { echo "services: MariaDB did not start, see $LOGDIR/mariadb.out" >&2; exit 1; }
  mariadb -uroot <<SQL
CREATE DATABASE IF NOT EXISTS \`$DB_NAME\` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
CREATE USER IF NOT EXISTS '$DB_USER'@'localhost' IDENTIFIED BY '$DB_PASS';
CREATE USER IF NOT EXISTS '$DB_USER'@'127.0.0.1' IDENTIFIED BY '$DB_PASS';
GRANT ALL PRIVILEGES ON *.* TO '$DB_USER'@'localhost';
GRANT ALL PRIVILEGES ON *.* TO '$DB_USER'@'127.0.0.1';
FLUSH PRIVILEGES;
SQL
}

stop_all() {
  if mariadb_up; then mariadb-admin -uroot shutdown || true; fi
  if rabbit_up; then rabbitmqctl -q stop || true; fi
  epmd -kill >/dev/null 2>&1 || true
}

case "${1:-up}" in
  up)
    install_packages
    start_rabbitmq
    start_mariadb
    echo "services up: amqp://$MQ_USER@127.0.0.1:5672/$MQ_VHOST mysql://$DB_USER@127.0.0.1:3306/$DB_NAME"
    ;;
  deps) install_packages "${@:2}" ;;
  down) stop_all ;;
  status)
    mariadb_up && echo "mariadb: up" || echo "mariadb: down"
    rabbit_up && echo "rabbitmq: up" || echo "rabbitmq: down"
    ;;
  *) echo "usage: $0 up|down|status|deps [pkgs]" >&2; exit 2 ;;
esac
