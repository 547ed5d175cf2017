#!/usr/bin/env bash
# Runs all tests: unit tests, then integration tests against a real Keycloak (the official distribution from Maven
# Central, started once for the whole run with the freshly built provider JAR) and headless Chromium.
# Extra arguments go to Maven, e.g. ./test.sh -Dit.test=DemoRealmIT
set -euo pipefail
cd "$(dirname "$0")"

scripts/install-test-prerequisites.sh
exec ./mvnw -B verify "$@"
