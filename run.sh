#!/usr/bin/env bash
# Builds what is missing, then runs the whole platform on embedded Kafka and PostgreSQL:
# four services on ports 8081-8084, a demo store, URLs and a curl to try. Ctrl-C stops it all.
#
# Point it at existing infrastructure instead with environment variables:
#   KAFKA_BOOTSTRAP_SERVERS=broker1:9092   POSTGRES_HOST=db POSTGRES_PORT=5432 POSTGRES_USER=… POSTGRES_PASSWORD=…
# Other knobs: STOCKCOUNT_PORT_BASE (8080), STOCKCOUNT_DATA_DIR (.run), STOCKCOUNT_SEED_DEMO (true),
#   EMBEDDED_KAFKA_PORT (19092), STOCKCOUNT_SERVICE_JVM_OPTS. ./run.sh --rebuild forces a build.
set -euo pipefail
cd "$(dirname "$0")"

launcher=deploy/launcher/target/launcher.jar
needs_build=false
if [[ "${1:-}" == "--rebuild" || ! -f "$launcher" ]]; then
  needs_build=true
else
  for service in inventory-service count-service scan-ingest-service reconciliation-service; do
    [[ -f "$service/target/quarkus-app/quarkus-run.jar" ]] || needs_build=true
  done
  # sources changed since the last build (e.g. after a git pull)
  if [[ -n "$(find . -path ./.run -prune -o -path '*/target' -prune -o \( -name '*.java' -o -name '*.properties' -o -name '*.sql' -o -name 'pom.xml' \) -newer "$launcher" -print -quit)" ]]; then
    needs_build=true
  fi
fi
if $needs_build; then
  echo "Building (tests skipped; ./mvnw verify runs them)…"
  ./mvnw -B -q -DskipTests install
fi

export STOCKCOUNT_HOME="$PWD"
exec java -jar "$launcher"
