#!/usr/bin/env bash
# Fetches a Keycloak distribution from Maven Central into DIR, once:
#   scripts/fetch-keycloak.sh DIR [VERSION]  → DIR/keycloak-<version>/ (nothing happens if it is already there)
# VERSION defaults to the pinned one (pom.xml).
set -euo pipefail
cd "$(dirname "$0")/.."
DIR=$1
KC_VERSION=${2:-$(sed -n 's:.*<keycloak.version>\(.*\)</keycloak.version>.*:\1:p' pom.xml | head -n 1)}
if [ ! -x "$DIR/keycloak-$KC_VERSION/bin/kc.sh" ]; then
  echo "==> Fetching Keycloak $KC_VERSION from Maven Central into $DIR/"
  ./mvnw -B -q -N org.apache.maven.plugins:maven-dependency-plugin:3.11.0:copy \
    -Dartifact="org.keycloak:keycloak-quarkus-dist:$KC_VERSION:zip" -DoutputDirectory="$DIR"
  unzip -q -o "$DIR/keycloak-quarkus-dist-$KC_VERSION.zip" -d "$DIR"
  rm -f "$DIR/keycloak-quarkus-dist-$KC_VERSION.zip"
fi
