#!/usr/bin/env bash
# Login benchmark: builds the JAR, starts its own Keycloak (production mode, in-memory database) on port 8180 with
# it, logs real users in in six variants interleaved, prints the figures and writes benchmarks/target/benchmark-results.json.
#
#   ./benchmark.sh [--concurrency 4] [--rounds 5] [--slice 8] [--variants A,C] [--light-hash] [--repeat 3]
#
# --light-hash: passwords hashed with one round of PBKDF2-SHA256, so the second factor's own cost shows;
# --repeat N: the whole interleaved run N times, with median and spread across repeats (docs/benchmark.md);
# --warm-up S: seconds of warm-up per variant before counting (default 4; 30 keeps the JIT's drift out of repeats);
# --profile V: variant V alone under Java Flight Recorder for --profile-seconds (60), written to benchmarks/target/profile-V.jfr;
# --db-ops: database statements per login and variant, from Hibernate's statement log (no timing figures then).
#
# Keycloak is fetched from Maven Central once into .bench/ and stopped at the end.
set -euo pipefail
cd "$(dirname "$0")"

PORT=8180
KC_VERSION=$(sed -n 's:.*<keycloak.version>\(.*\)</keycloak.version>.*:\1:p' pom.xml | head -n 1)
BENCH_DIR=.bench
KC_HOME="$BENCH_DIR/keycloak-$KC_VERSION"

if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
  echo "Something already listens on port $PORT. Stop it first." >&2
  exit 1
fi

echo "==> Building the provider JAR and the benchmark"
./mvnw -B -q -DskipTests -DskipITs install
JAR=$(ls dist/target/staff-mfa-keycloak-*.jar | grep -v original | head -n 1)

scripts/fetch-keycloak.sh "$BENCH_DIR"
cp "$JAR" "$KC_HOME/providers/staff-mfa-keycloak.jar"

KC_EXTRA=()
BENCH_EXTRA=()
for arg in "$@"; do
  case "$arg" in
    --db-ops)
      # Every statement Hibernate sends, in a file of its own that the benchmark reads between logins.
      SQL_LOG="$(pwd)/benchmarks/target/keycloak-sql.log"
      rm -f "$SQL_LOG"
      KC_EXTRA+=(--log=file "--log-file=$SQL_LOG" "--log-level=INFO,org.hibernate.SQL:debug")
      BENCH_EXTRA+=(--sql-log "$SQL_LOG") ;;
    --profile)
      # Keycloak's stacks are deep: JFR's default of 64 frames would cut off the authenticators below the HTTP layers.
      export JAVA_OPTS_APPEND="${JAVA_OPTS_APPEND:-} -XX:FlightRecorderOptions:stackdepth=128" ;;
  esac
done

# Production mode refuses the published demo key for sealing: a key of this run's own (the realm is new each run).
KEY_FILE="$(pwd)/$BENCH_DIR/secret-keys"
(umask 077 && printf 'bench=%s\n' "$(head -c 32 /dev/urandom | base64)" > "$KEY_FILE")

echo "==> Starting Keycloak $KC_VERSION on http://localhost:$PORT (production mode, theme caches on)"
KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=admin \
  "$KC_HOME/bin/kc.sh" start --http-enabled=true --http-host=127.0.0.1 --http-port=$PORT \
  --http-management-port=9180 --hostname-strict=false --db=dev-mem \
  --spi-admin-realm-restapi-extension--staff-mfa--secret-keys-file="$KEY_FILE" \
  "${KC_EXTRA[@]}" > "$BENCH_DIR/keycloak.log" 2>&1 &
KC_SHELL=$!
stop_keycloak() {
  kill -TERM "$KC_SHELL" 2>/dev/null || true
  pkill -TERM -f -- "kc.home.dir=$(cd "$KC_HOME" && pwd)/bin/.." 2>/dev/null || true
  # Until it is gone: a next run right after this one needs the port.
  for _ in $(seq 1 60); do
    pgrep -f -- "kc.home.dir=$(cd "$KC_HOME" && pwd)/bin/.." > /dev/null || break
    sleep 1
  done
}
trap stop_keycloak EXIT
for _ in $(seq 1 180); do
  curl -sf -o /dev/null "http://localhost:$PORT/realms/master" && break
  if ! kill -0 "$KC_SHELL" 2>/dev/null; then
    echo "Keycloak stopped during start-up; see $BENCH_DIR/keycloak.log" >&2
    exit 1
  fi
  sleep 1
done
KC_PID=$(pgrep -n -f -- "kc.home.dir=$(cd "$KC_HOME" && pwd)/bin/..")

echo "==> Running the benchmark (Keycloak pid $KC_PID)"
java -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" \
  org.staffmfa.keycloak.benchmark.BenchmarkMain --url "http://localhost:$PORT" --pid "$KC_PID" "${BENCH_EXTRA[@]}" "$@"
