#!/usr/bin/env bash
# Installs what the tests need beyond a JDK: Debian's headless Chromium and its chromedriver (Selenium must never
# download a browser or driver). Maven itself comes through ./mvnw, Keycloak through Maven Central.
set -euo pipefail

if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi
echo "Installing Debian packages chromium and chromium-driver for the browser tests..."
$SUDO apt-get update -q
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends chromium chromium-driver
