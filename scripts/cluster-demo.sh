#!/usr/bin/env bash
# The demo on two Keycloak nodes: a private PostgreSQL, two nodes that form one Infinispan cluster, and a small proxy
# on http://localhost:8080 that sends each request to the nodes in turn and prints which node served it, so you can
# watch one login cross nodes.
#
#   scripts/cluster-demo.sh           start (keeps the database under .demo-cluster/ between runs)
#   scripts/cluster-demo.sh --reset   forget the database first: the demo realm is imported afresh
#
# Ports on 127.0.0.1: 8080 proxy, 18081/18082 nodes a/b (HTTP), 19001/19002 management (health, metrics),
# 17801/17802 cluster traffic, 15432 PostgreSQL, 3025/8025 GreenMail. Node logs: .demo-cluster/node-a.log, node-b.log.
# Ctrl-C stops everything.
set -euo pipefail
cd "$(dirname "$0")/.."

RESET=false
case "${1:-}" in
  --reset) RESET=true ;;
  -h|--help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
  "") ;;
  *) echo "Unknown option: $1 (try --help)" >&2; exit 2 ;;
esac

KC_VERSION=$(sed -n 's:.*<keycloak.version>\(.*\)</keycloak.version>.*:\1:p' pom.xml | head -n 1)
DIR=.demo-cluster
KC_HOME="$DIR/keycloak-$KC_VERSION"
PG_DIR="$DIR/postgres"
PG_PORT=15432
PROXY_PORT=8080
REALM_JSON=realm-export/src/main/resources/realm-export/library-staff-realm.json

for port in "$PROXY_PORT" 18081 18082 19001 19002 17801 17802 "$PG_PORT" 3025 8025; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "Something already listens on port $port (the demo itself, or ./demo.sh?). Stop it first." >&2
    exit 1
  fi
done

# PostgreSQL refuses to run as root: then it runs as the package's postgres user.
AS_PG=()
if [ "$(id -u)" -eq 0 ]; then
  AS_PG=(runuser -u postgres --)
fi
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  echo "==> Installing Debian's postgresql package"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends postgresql
fi
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)

echo "==> Building the provider JAR and the proxy"
./mvnw -B -q -DskipTests package
JAR=$(ls dist/target/staff-mfa-keycloak-*.jar | grep -v original | head -n 1)
PROXY_CLASSES=integration-tests/target/test-classes

scripts/fetch-keycloak.sh "$DIR" "$KC_VERSION"

GREENMAIL_VERSION=2.1.13
GREENMAIL_JAR=".demo/greenmail-standalone-$GREENMAIL_VERSION.jar"
if [ ! -f "$GREENMAIL_JAR" ]; then
  echo "==> Fetching GreenMail $GREENMAIL_VERSION (catches the demo's mails) from Maven Central"
  ./mvnw -B -q -N org.apache.maven.plugins:maven-dependency-plugin:3.11.0:copy \
    -Dartifact="com.icegreen:greenmail-standalone:$GREENMAIL_VERSION" -DoutputDirectory=".demo"
fi

if [ "$RESET" = true ]; then
  echo "==> Forgetting the cluster demo database"
  rm -rf "$PG_DIR"
fi
if [ ! -d "$PG_DIR/data" ]; then
  echo "==> Creating the PostgreSQL database in $PG_DIR"
  mkdir -p "$PG_DIR/socket"
  [ "$(id -u)" -eq 0 ] && chown -R postgres: "$PG_DIR"
  "${AS_PG[@]}" "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres --auth=trust -E UTF8 --no-locale > "$DIR/initdb.log"
  NEW_DATABASE=true
else
  NEW_DATABASE=false
fi
"${AS_PG[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -w -l "$PG_DIR/postgres.log" \
  -o "-p $PG_PORT -k $(realpath "$PG_DIR/socket") -c listen_addresses=127.0.0.1" start > /dev/null
if [ "$NEW_DATABASE" = true ]; then
  "$PG_BIN/psql" -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -v ON_ERROR_STOP=1 \
    -c "create user keycloak password 'keycloak'" -c "create database keycloak owner keycloak"
fi

# Build once for PostgreSQL, again only when the JAR changed.
if ! cmp -s "$JAR" "$KC_HOME/providers/staff-mfa-keycloak.jar" || [ ! -f "$DIR/built-for-postgres" ]; then
  cp "$JAR" "$KC_HOME/providers/staff-mfa-keycloak.jar"
  echo "==> Building Keycloak $KC_VERSION for PostgreSQL and clustering (about 30 s)"
  "$KC_HOME/bin/kc.sh" build --db=postgres --cache=ispn --health-enabled=true --metrics-enabled=true > "$DIR/build.log"
  touch "$DIR/built-for-postgres"
fi
mkdir -p "$KC_HOME/data/import"
cp "$REALM_JSON" "$KC_HOME/data/import/library-staff-realm.json"

PIDS=()
stop_all() { # [exit status]
  echo; echo "==> Stopping the proxy, both nodes, GreenMail and PostgreSQL"
  kill -TERM "${PIDS[@]}" 2>/dev/null || true
  wait "${PIDS[@]}" 2>/dev/null || true
  "${AS_PG[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w stop > /dev/null || true
  exit "${1:-0}"
}
trap 'stop_all 0' INT TERM

java -Dgreenmail.setup.test.smtp -Dgreenmail.hostname=127.0.0.1 -Dgreenmail.auth.disabled \
  -Dgreenmail.api.hostname=127.0.0.1 -Dgreenmail.api.port=8025 -jar "$GREENMAIL_JAR" > "$DIR/greenmail.log" 2>&1 &
PIDS+=($!)

# Production mode refuses the published demo key as the one that seals new values: this cluster makes its own key once
# and keeps it with its database. demo1 stays listed so that values an earlier version of this script sealed with it
# still open (and are sealed again with the own key on use).
KEY_FILE="$(realpath "$DIR")/secret-keys"
if [ ! -s "$KEY_FILE" ]; then
  (umask 077 && { grep '^demo1=' realm-export/demo-secret-keys; echo "cluster=$(head -c 32 /dev/urandom | base64)"; \
    echo "current=cluster"; } > "$KEY_FILE")
fi

export KC_BOOTSTRAP_ADMIN_USERNAME=admin
export KC_BOOTSTRAP_ADMIN_PASSWORD=admin
start_node() { # name http-port management-port cluster-port [extra options]
  local name=$1 http=$2 management=$3 cluster=$4; shift 4
  mkdir -p "$DIR/tmp-$name"
  JAVA_OPTS_APPEND="-Djava.io.tmpdir=$(realpath "$DIR/tmp-$name")" "$KC_HOME/bin/kc.sh" start --optimized \
    --http-enabled=true --http-host=127.0.0.1 --http-port="$http" --http-management-port="$management" \
    --hostname="http://localhost:$PROXY_PORT" \
    --db-url="jdbc:postgresql://127.0.0.1:$PG_PORT/keycloak" --db-username=keycloak --db-password=keycloak \
    --cache-embedded-network-bind-address=127.0.0.1 --cache-embedded-network-bind-port="$cluster" \
    --spi-admin-realm-restapi-extension--staff-mfa--secret-keys-file="$KEY_FILE" \
    "$@" > "$DIR/node-$name.log" 2>&1 &
  PIDS+=($!)
}
await_ready() { # name management-port
  local pid=${PIDS[-1]}
  until curl -sf -o /dev/null "http://127.0.0.1:$2/health/ready"; do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "Node $1 stopped during start-up; see $DIR/node-$1.log" >&2
      stop_all 1
    fi
    sleep 1
  done
  echo "    node $1 is ready"
}

echo "==> Starting node a (imports the demo realm on first start) and node b"
# --import-realm on one node only: it imports the realm when it does not exist yet.
start_node a 18081 19001 17801 --import-realm
await_ready a 19001
start_node b 18082 19002 17802
await_ready b 19002
grep -h "ISPN000094" "$DIR/node-b.log" | tail -n 1 | sed 's/.*ISPN000094: /    /'

echo "==> Starting the proxy on http://localhost:$PROXY_PORT (each request below names its node)"
java -cp "$PROXY_CLASSES" org.staffmfa.keycloak.it.support.NodeProxy "$PROXY_PORT" \
  a=http://127.0.0.1:18081 b=http://127.0.0.1:18082 &
PIDS+=($!)
until curl -sf -o /dev/null "http://localhost:$PROXY_PORT/realms/library-staff"; do sleep 1; done

scripts/demo-banner.sh "http://localhost:$PROXY_PORT" \
  "SMS codes are not shown here (production mode never logs them); use the app or email codes." \
  "Ctrl-C stops everything. scripts/cluster-demo.sh --reset starts again from the demo realm as shipped."
wait
