#!/usr/bin/env bash
# What a second node costs: the login benchmark (variants A, C, D; the driver of ./benchmark.sh) first against one
# Keycloak node on PostgreSQL, then against two clustered nodes on PostgreSQL, both behind the same proxy (which, with
# two nodes, sends each request of a login to the nodes in turn). CPU is Keycloak's (both nodes added up), not the
# proxy's or PostgreSQL's. Prints both tables; JSON in benchmarks/target/benchmark-cluster-{one,two}-node*.json.
#
#   scripts/cluster-benchmark.sh [--rounds 5] [--slice 8] [--concurrency 4]
#
# Ports on 127.0.0.1: 8180 proxy, 18181/18182 nodes, 19181/19182 management, 17811/17812 cluster, 15442 PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."

KC_VERSION=$(sed -n 's:.*<keycloak.version>\(.*\)</keycloak.version>.*:\1:p' pom.xml | head -n 1)
DIR=.bench/cluster
KC_HOME="$DIR/keycloak-$KC_VERSION"
PG_PORT=15442
PROXY_PORT=8180
for port in "$PROXY_PORT" 18181 18182 19181 19182 17811 17812 "$PG_PORT"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "Something already listens on port $port. Stop it first." >&2
    exit 1
  fi
done

AS_PG=()
[ "$(id -u)" -eq 0 ] && AS_PG=(runuser -u postgres --)
scripts/install-test-prerequisites.sh
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)

echo "==> Building the provider JAR, the benchmark and the proxy"
./mvnw -B -q -DskipTests install
JAR=$(ls dist/target/staff-mfa-keycloak-*.jar | grep -v original | head -n 1)
scripts/fetch-keycloak.sh "$DIR" "$KC_VERSION"
cp "$JAR" "$KC_HOME/providers/staff-mfa-keycloak.jar"
echo "==> Building Keycloak $KC_VERSION for PostgreSQL and clustering"
"$KC_HOME/bin/kc.sh" build --db=postgres --cache=ispn --health-enabled=true > "$DIR/build.log"

PIDS=()
cleanup() {
  kill -TERM "${PIDS[@]}" 2>/dev/null || true
  pkill -TERM -f -- "kc.home.dir=$(cd "$KC_HOME" && pwd)/bin/.." 2>/dev/null || true
  [ -f "$DIR/postgres/data/postmaster.pid" ] && "${AS_PG[@]}" "$PG_BIN/pg_ctl" -D "$DIR/postgres/data" -m fast -w stop > /dev/null || true
}
trap cleanup EXIT

fresh_database() {
  [ -f "$DIR/postgres/data/postmaster.pid" ] && "${AS_PG[@]}" "$PG_BIN/pg_ctl" -D "$DIR/postgres/data" -m fast -w stop > /dev/null
  rm -rf "$DIR/postgres"
  mkdir -p "$DIR/postgres/socket"
  [ "$(id -u)" -eq 0 ] && chown -R postgres: "$DIR/postgres"
  "${AS_PG[@]}" "$PG_BIN/initdb" -D "$DIR/postgres/data" -U postgres --auth=trust -E UTF8 --no-locale > /dev/null
  "${AS_PG[@]}" "$PG_BIN/pg_ctl" -D "$DIR/postgres/data" -w -l "$DIR/postgres/postgres.log" \
    -o "-p $PG_PORT -k $(realpath "$DIR/postgres/socket") -c listen_addresses=127.0.0.1" start > /dev/null
  "$PG_BIN/psql" -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -v ON_ERROR_STOP=1 \
    -c "create user keycloak password 'keycloak'" -c "create database keycloak owner keycloak"
}

start_node() { # name http-port management-port cluster-port
  mkdir -p "$DIR/tmp-$1"
  KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=admin \
  JAVA_OPTS_APPEND="-Djava.io.tmpdir=$(realpath "$DIR/tmp-$1")" "$KC_HOME/bin/kc.sh" start --optimized \
    --http-enabled=true --http-host=127.0.0.1 --http-port="$2" --http-management-port="$3" \
    --hostname="http://localhost:$PROXY_PORT" \
    --db-url="jdbc:postgresql://127.0.0.1:$PG_PORT/keycloak" --db-username=keycloak --db-password=keycloak \
    --cache-embedded-network-bind-address=127.0.0.1 --cache-embedded-network-bind-port="$4" > "$DIR/node-$1.log" 2>&1 &
  PIDS+=($!)
  until curl -sf -o /dev/null "http://127.0.0.1:$3/health/ready"; do sleep 1; done
}

node_pid() { # http-port: the Keycloak JVM listening there
  pgrep -f -- "kc.home.dir=$(cd "$KC_HOME" && pwd)/bin/.*--http-port=$1" | head -n 1
}

run() { # label nodes...
  local label=$1; shift
  echo "==> $label"
  fresh_database
  local urls=() pids=()
  start_node a 18181 19181 17811
  urls+=(a=http://127.0.0.1:18181); pids+=("$(node_pid 18181)")
  if [ "$1" = two ]; then
    start_node b 18182 19182 17812
    urls+=(b=http://127.0.0.1:18182); pids+=("$(node_pid 18182)")
    grep -h "ISPN000094" "$DIR/node-b.log" | tail -n 1 | sed 's/.*ISPN000094: /    /'
  fi
  java -cp integration-tests/target/test-classes org.staffmfa.keycloak.it.support.NodeProxy "$PROXY_PORT" "${urls[@]}" \
    > "$DIR/proxy-$1.log" &
  local proxy=$!
  PIDS+=("$proxy")
  until curl -sf -o /dev/null "http://localhost:$PROXY_PORT/realms/master"; do sleep 1; done
  java -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" org.staffmfa.keycloak.benchmark.BenchmarkMain \
    --url "http://localhost:$PROXY_PORT" --pid "$(IFS=,; echo "${pids[*]}")" --variants A,C,D \
    --output "benchmarks/target/benchmark-cluster-$1-node.json" "${@:2}"
  kill -TERM "$proxy"
  pkill -TERM -f -- "kc.home.dir=$(cd "$KC_HOME" && pwd)/bin/.." || true
  wait "${PIDS[@]}" 2>/dev/null || true
  PIDS=()
}

run "One node on PostgreSQL (behind the proxy)" one "$@"
run "Two clustered nodes on PostgreSQL (the proxy alternates between them)" two "$@"
