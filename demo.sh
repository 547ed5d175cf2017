#!/usr/bin/env bash
# Builds the provider JAR and starts Keycloak with it and the library-staff demo realm on http://localhost:8080.
#
#   ./demo.sh                     start (downloads Keycloak once; keeps the demo database between runs)
#   ./demo.sh --reset             forget the demo database first: the demo realm is imported afresh
#   ./demo.sh --keycloak 26.4.7   another supported Keycloak (default: the newest, pinned in pom.xml)
#
# Keycloak runs in development mode (start-dev) with its embedded H2 database under .demo/. Ctrl-C stops it.
set -euo pipefail
cd "$(dirname "$0")"

RESET=false
KC_VERSION=$(sed -n 's:.*<keycloak.version>\(.*\)</keycloak.version>.*:\1:p' pom.xml | head -n 1)
while [ $# -gt 0 ]; do
  case "$1" in
    --reset) RESET=true ;;
    --keycloak)
      [ -n "${2:-}" ] || { echo "--keycloak needs a version, e.g. --keycloak 26.4.7" >&2; exit 2; }
      KC_VERSION=$2; shift ;;
    -h|--help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "Unknown option: $1 (try --help)" >&2; exit 2 ;;
  esac
  shift
done

PORT=8080
DEMO_DIR=.demo
KC_HOME="$DEMO_DIR/keycloak-$KC_VERSION"
REALM_JSON=realm-export/src/main/resources/realm-export/library-staff-realm.json

for port in "$PORT" 3025 8025; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "Something already listens on port $port (another Keycloak, or the demo itself?). Stop it first." >&2
    exit 1
  fi
done

echo "==> Building the provider JAR"
./mvnw -B -q -DskipTests package
JAR=$(ls dist/target/staff-mfa-keycloak-*.jar | grep -v original | head -n 1)

scripts/fetch-keycloak.sh "$DEMO_DIR" "$KC_VERSION"

GREENMAIL_VERSION=2.1.13
GREENMAIL_JAR="$DEMO_DIR/greenmail-standalone-$GREENMAIL_VERSION.jar"
if [ ! -f "$GREENMAIL_JAR" ]; then
  echo "==> Fetching GreenMail $GREENMAIL_VERSION (catches the demo's mails) from Maven Central"
  ./mvnw -B -q -N org.apache.maven.plugins:maven-dependency-plugin:3.11.0:copy \
    -Dartifact="com.icegreen:greenmail-standalone:$GREENMAIL_VERSION" -DoutputDirectory="$DEMO_DIR"
fi

if [ "$RESET" = true ]; then
  echo "==> Forgetting the demo database"
  rm -rf "$KC_HOME/data/h2"
fi

# Copy only on change: a changed provider makes Keycloak re-build itself at start (about 30 s).
cmp -s "$JAR" "$KC_HOME/providers/staff-mfa-keycloak.jar" || cp "$JAR" "$KC_HOME/providers/staff-mfa-keycloak.jar"
mkdir -p "$KC_HOME/data/import"
cp "$REALM_JSON" "$KC_HOME/data/import/library-staff-realm.json"

echo "==> Starting GreenMail (SMTP 127.0.0.1:3025, mailbox API http://localhost:8025)"
java -Dgreenmail.setup.test.smtp -Dgreenmail.hostname=127.0.0.1 -Dgreenmail.auth.disabled \
  -Dgreenmail.api.hostname=127.0.0.1 -Dgreenmail.api.port=8025 -jar "$GREENMAIL_JAR" > "$DEMO_DIR/greenmail.log" 2>&1 &
MAIL_PID=$!

echo "==> Starting Keycloak $KC_VERSION on http://localhost:$PORT (first start takes about a minute)"
export KC_BOOTSTRAP_ADMIN_USERNAME=admin
export KC_BOOTSTRAP_ADMIN_PASSWORD=admin
# --import-realm imports the demo realm only when it does not exist yet, so changes made in the demo are kept.
# The demo's SMS sender is 'log'; in development mode it may print the whole text, so demo users can read codes.
# Second-factor secrets are sealed with the published DEMO key (realm-export/demo-secret-keys; never use it for real).
"$KC_HOME/bin/kc.sh" start-dev --http-port="$PORT" --import-realm --spi-mfa-sms-sender--log--log-message-text=true \
  --spi-admin-realm-restapi-extension--staff-mfa--secret-keys-file="$(pwd)/realm-export/demo-secret-keys" &
KC_PID=$!
trap 'echo; echo "==> Stopping Keycloak"; kill -TERM "$KC_PID" "$MAIL_PID" 2>/dev/null; wait "$KC_PID" 2>/dev/null; exit 0' INT TERM

until curl -sf -o /dev/null "http://localhost:$PORT/realms/library-staff"; do
  if ! kill -0 "$KC_PID" 2>/dev/null; then
    echo "Keycloak stopped during start-up; see the messages above." >&2
    kill "$MAIL_PID" 2>/dev/null
    exit 1
  fi
  sleep 1
done

scripts/demo-banner.sh "http://localhost:$PORT" \
  "Codes by SMS appear in this console (\"An SMS would be sent to ...\")." \
  "Ctrl-C stops Keycloak. ./demo.sh --reset starts again from the demo realm as shipped."
wait "$KC_PID"
kill "$MAIL_PID" 2>/dev/null
