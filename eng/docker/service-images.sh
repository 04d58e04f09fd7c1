#!/usr/bin/env bash
# Makes local stand-ins for the official images docker-compose.yml runs beside the server, where no image registry
# can be reached (the compose test):
#   pipeline/postgres:local     Debian's PostgreSQL 15, the official postgres image's env contract (postgres.Dockerfile)
#   pipeline/prometheus:local   Debian's Prometheus, the official prom/prometheus layout (prometheus.Dockerfile)
# Both build FROM pipeline/debian:bookworm-minbase (base-images.sh) and apt-get from the configured Debian mirror
# inside the build (about a minute each the first time). Cached: an image is kept while its labels match the
# Debian base's id and the hash of its Dockerfile (and entrypoint), so a run with both present takes about a second.
# Needs a running Docker Engine (ensure-docker.sh) and the Debian base (base-images.sh).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)

debian_image=pipeline/debian:bookworm-minbase
fail() { echo "error: service-images: $*" >&2; exit 1; }

docker info >/dev/null 2>&1 || fail "the Docker daemon does not answer; run eng/docker/ensure-docker.sh first"
debian_id=$(docker image inspect --format '{{.Id}}' "$debian_image" 2>/dev/null) \
  || fail "$debian_image missing; run eng/docker/base-images.sh first"

label_of() { docker image inspect --format "{{ index .Config.Labels \"$2\" }}" "$1" 2>/dev/null || true; }

# name | Dockerfile | files it copies
for entry in "postgres|postgres.Dockerfile|postgres-entrypoint.sh" "prometheus|prometheus.Dockerfile|"; do
  IFS='|' read -r name dockerfile extra <<<"$entry"
  image=pipeline/$name:local
  recipe=$(cd "$here" && cat "$dockerfile" $extra | sha256sum | cut -c1-16)
  if [ "$(label_of "$image" org.pipeline.debian.id)" = "$debian_id" ] && [ "$(label_of "$image" org.pipeline.recipe)" = "$recipe" ]; then
    continue
  fi
  echo "service-images: building $image (apt-get inside the build, about a minute)" >&2
  log=${TMPDIR:-/tmp}/pipeline-$name-image.build.log
  docker build -q -f "$here/$dockerfile" --build-arg DEBIAN_IMAGE="$debian_image" \
    --label org.pipeline.debian.id="$debian_id" --label org.pipeline.recipe="$recipe" \
    -t "$image" "$here" >/dev/null 2>"$log" \
    || { cat "$log" >&2; fail "docker build of $image failed"; }
done

echo "service-images: pipeline/postgres:local and pipeline/prometheus:local ready" >&2
