#!/usr/bin/env bash
# Runs all tests: unit tests, then the integration tests against real Keycloaks (official distributions from Maven
# Central, each started once with the freshly built provider JAR) and headless Chromium: the whole suite on every
# supported Keycloak (26.7.3, 26.4.7, 26.5.6), then the upgrade test (26.4.7 → 26.7.3 on one database), then the
# cluster tests (two 26.7.3 nodes on a private PostgreSQL behind one proxy).
#
#   ./test.sh                       everything, as CI runs it
#   ./test.sh --keycloak 26.5.2     the whole suite on that one Keycloak only (any version on Maven Central), no
#                                   upgrade or cluster tests
#   ./test.sh -Dit.test=DemoRealmIT extra arguments go to Maven
set -euo pipefail
cd "$(dirname "$0")"

VERSIONS=(-Pall-keycloak-versions,cluster)
if [ "${1:-}" = "--keycloak" ]; then
  [ -n "${2:-}" ] || { echo "--keycloak needs a version, e.g. --keycloak 26.5.2" >&2; exit 2; }
  VERSIONS=("-Dkeycloak.dist.version=$2")
  shift 2
fi

scripts/install-test-prerequisites.sh
# Failsafe adds each run's results to the summary files it finds: without this, a failure of an earlier run would
# fail this one too.
rm -rf integration-tests/target/failsafe-reports*
exec ./mvnw -B verify "${VERSIONS[@]}" "$@"
