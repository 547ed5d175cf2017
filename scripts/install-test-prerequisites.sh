#!/usr/bin/env bash
# Installs what the tests need beyond a JDK, from Debian: headless Chromium and its chromedriver (Selenium must never
# download a browser or driver) and PostgreSQL's server binaries for the two-node cluster tests (the tests run their
# own private server under target/; the package's own service is not used). Maven itself comes through ./mvnw,
# Keycloak through Maven Central.
set -euo pipefail

missing=()
if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
  missing+=(chromium chromium-driver)
fi
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  missing+=(postgresql)
fi
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi
echo "Installing Debian packages ${missing[*]} for the tests..."
$SUDO apt-get update -q
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
