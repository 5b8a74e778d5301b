#!/usr/bin/env bash
# Builds every service's image, tagged as deploy/ expects: parley/<service>:<project version>, or
# <registry>/parley/<service>:<tag> with REGISTRY and TAG set (then push them and set the same in the prod overlay).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
TAG="${TAG:-$(sed -n 's:^  <version>\(.*\)</version>:\1:p' pom.xml | head -1)}"
PREFIX="${REGISTRY:+$REGISTRY/}parley"
./mvnw -B package -DskipTests -pl ingest-service,bot-service,routing-service,ticket-service,analytics-service -am
for service in ingest-service bot-service routing-service ticket-service analytics-service; do
  docker build -f deploy/docker/Dockerfile --build-arg SERVICE="$service" -t "$PREFIX/$service:$TAG" .
done
