#!/usr/bin/env bash
# End-to-end test of docker-compose.yml on a real Docker Engine: brings the stack up (every service but grafana,
# whose image no registry here can give) under a unique project name on free loopback ports, waits for health, runs
# `sensor-training` through the REST API with every step in its own container, checks the model landed in the data
# volume, the run is in PostgreSQL and Prometheus scraped the server, and tears everything down (containers, step
# containers, volumes, networks) even when a check fails.
#
# Images: the locally made ones (PIPELINE_IMAGE_TAG=local, from eng/docker/build-images.sh) and the local
# stand-ins for postgres and prom/prometheus (eng/docker/service-images.sh), with `up --no-build`: the compose
# file's builds use the default Dockerfile target, which needs the official .NET SDK image, and no registry is
# reachable here. build-images.sh builds the same Dockerfiles (steps/Dockerfile, orchestrator/Server/Dockerfile;
# `--target prebuilt`) from a publish on this machine.
#
# Needs root (it may install docker.io and docker-compose with apt-get, and start dockerd). About 1 min warm.
#   COMPOSE_TEST_SKIP_IMAGES=1   images already built (eng/test.sh ran build-images.sh): skip that step
#   COMPOSE_TEST_KEEP=1          leave the stack up for a look (prints how to remove it)
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
start=$SECONDS
say() { echo "compose-test: $*" >&2; }
fail() { echo "error: compose-test: $*" >&2; exit 1; }

# 1. Engine, compose, images.
eng/docker/ensure-docker.sh
if ! command -v docker-compose >/dev/null 2>&1 && ! docker compose version >/dev/null 2>&1; then
  say "installing docker-compose"
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 -y -qq install docker-compose >/dev/null 2>&1 \
    || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get -y -qq install docker-compose >/dev/null; } \
    || fail "apt-get install docker-compose failed"
fi
for tool in jq curl; do
  command -v "$tool" >/dev/null 2>&1 || DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 -y -qq install "$tool" >/dev/null \
    || fail "apt-get install $tool failed"
done
# Compose v2 where the engine has it; Debian's docker-compose 1.29 otherwise (as here).
if docker compose version >/dev/null 2>&1; then compose_cmd=(docker compose); else compose_cmd=(docker-compose); fi
if [ "${COMPOSE_TEST_SKIP_IMAGES:-}" != 1 ]; then
  eng/docker/build-images.sh
fi
eng/docker/base-images.sh
eng/docker/service-images.sh

# 2. A stack of its own: project, volume, network and ports no other run uses.
project=pipeline-compose-test-$$-$RANDOM
work=$(mktemp -d "${TMPDIR:-/tmp}/$project.XXXXXX")
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
export PIPELINE_IMAGE_TAG=local \
  PIPELINE_RUNTIME_IMAGE=pipeline/base-runtime:local \
  PIPELINE_ASPNET_IMAGE=pipeline/base-aspnet:local \
  PIPELINE_POSTGRES_IMAGE=pipeline/postgres:local \
  PIPELINE_PROMETHEUS_IMAGE=pipeline/prometheus:local \
  PIPELINE_DATA_VOLUME=$project-data \
  PIPELINE_STEP_NETWORK=$project-steps \
  PIPELINE_POSTGRES_PASSWORD_FILE=$work/postgres-password \
  PIPELINE_GRAFANA_ADMIN_PASSWORD_FILE=$work/grafana-admin-password \
  PIPELINE_ADMIN_PASSWORD_FILE=$work/pipeline-admin-password \
  PIPELINE_ADMIN_API_KEY_FILE=$work/pipeline-admin-api-key \
  DOCKER_GID=$(stat -c %g /var/run/docker.sock)
PIPELINE_PORT=$(free_port)
PIPELINE_PROMETHEUS_PORT=$(free_port)
export PIPELINE_PORT PIPELINE_PROMETHEUS_PORT
# Not a password the server could guess: a wrong one would fail the start, so the run proves the secret reaches both.
(umask 022 && head -c 24 /dev/urandom | base64 -w 0 | tr -d '/+=' >"$PIPELINE_POSTGRES_PASSWORD_FILE")
# Required by the file, though grafana does not start here.
(umask 022 && head -c 24 /dev/urandom | base64 -w 0 | tr -d '/+=' >"$PIPELINE_GRAFANA_ADMIN_PASSWORD_FILE")
# The server's first admin, as setup.sh makes them: every API call below sends the key; the password signs in.
(umask 022 && head -c 24 /dev/urandom | base64 -w 0 | tr -d '/+=' >"$PIPELINE_ADMIN_PASSWORD_FILE")
(umask 022 && printf 'pk_%s\n' "$(head -c 32 /dev/urandom | base64 -w 0 | tr -d '/+=')" >"$PIPELINE_ADMIN_API_KEY_FILE")
# What eng/compose/setup.sh writes into .env: cluster-predict's connection string, passed to its container.
CLUSTER_PREDICT_CONNECTION_STRING="Host=postgres;Username=pipeline;Database=pipeline;Password=$(cat "$PIPELINE_POSTGRES_PASSWORD_FILE")"
export CLUSTER_PREDICT_CONNECTION_STRING
compose=("${compose_cmd[@]}" --project-name "$project" --file "$root/docker-compose.yml" --project-directory "$root")

cleanup() {
  local code=$?
  if [ $code -ne 0 ]; then
    say "FAILED after $((SECONDS - start)) s; the stack's state and logs:"
    "${compose[@]}" ps >&2 || true
    "${compose[@]}" logs --no-color --tail 60 server postgres prometheus data-init >&2 || true
  fi
  if [ "${COMPOSE_TEST_KEEP:-}" = 1 ]; then
    say "kept; remove with:"
    echo "  docker rm -f \$(docker ps -aq --filter network=$PIPELINE_STEP_NETWORK)" >&2
    echo "  DOCKER_GID=$DOCKER_GID PIPELINE_POSTGRES_PASSWORD_FILE=$PIPELINE_POSTGRES_PASSWORD_FILE PIPELINE_GRAFANA_ADMIN_PASSWORD_FILE=$PIPELINE_GRAFANA_ADMIN_PASSWORD_FILE PIPELINE_DATA_VOLUME=$PIPELINE_DATA_VOLUME PIPELINE_STEP_NETWORK=$PIPELINE_STEP_NETWORK ${compose[*]} down -v --remove-orphans; rm -rf $work" >&2
    return
  fi
  # Step containers are the server's, not compose's: remove any left on the stack's network before it goes.
  local steps
  steps=$(docker ps -aq --filter "network=$PIPELINE_STEP_NETWORK" 2>/dev/null || true)
  [ -z "$steps" ] || docker rm -f $steps >/dev/null 2>&1 || true
  "${compose[@]}" down --volumes --remove-orphans --timeout 10 >/dev/null 2>&1 || say "warning: compose down failed"
  docker volume rm "$PIPELINE_DATA_VOLUME" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
# Interrupted or stopped (a CI timeout): exit, so the EXIT trap still tears the stack down.
trap 'exit 130' INT
trap 'exit 143' TERM

"${compose[@]}" config --quiet || fail "docker-compose.yml does not validate"
# Every service but grafana, named: a bare `up` would start it too, and its image (grafana/grafana-oss) has no local
# stand-in and no registry is reachable here. Its provisioning is checked without it (the dashboard's queries run
# against a real Prometheus in the .NET tests).
all_services=$("${compose[@]}" config --services) || fail "compose config --services failed"
grep -qx grafana <<<"$all_services" || fail "docker-compose.yml has no grafana service"
mapfile -t services < <(grep -vx grafana <<<"$all_services")

# 3. Up: the server starts only after PostgreSQL is healthy, data-init and the four step images exited 0.
say "up: project $project, server 127.0.0.1:$PIPELINE_PORT, prometheus 127.0.0.1:$PIPELINE_PROMETHEUS_PORT"
"${compose[@]}" up --detach --no-build "${services[@]}" >"$work/up.log" 2>&1 || { cat "$work/up.log" >&2; fail "compose up failed"; }

health_of() { docker inspect --format '{{.State.Health.Status}}' "$("${compose[@]}" ps -q "$1")" 2>/dev/null || echo missing; }
wait_healthy() {
  local service=$1 status
  for _ in $(seq 1 90); do
    status=$(health_of "$service")
    [ "$status" = healthy ] && return 0
    [ "$status" = unhealthy ] && fail "$service is unhealthy"
    sleep 1
  done
  fail "$service not healthy after 90 s (last: $status)"
}
wait_healthy postgres
wait_healthy server
wait_healthy prometheus
for step in chunker feature-creator cluster-train cluster-predict data-init; do
  code=$(docker inspect --format '{{.State.ExitCode}}' "$("${compose[@]}" ps -q "$step")")
  [ "$code" = 0 ] || fail "$step exited $code"
done
say "healthy after $((SECONDS - start)) s"

api=http://127.0.0.1:$PIPELINE_PORT
# api_curl ARGS...: curl with the admin's API key (from the secret file the server read).
api_curl() { curl -H "Authorization: Bearer $(cat "$PIPELINE_ADMIN_API_KEY_FILE")" "$@"; }
curl -fsS "$api/healthz" >/dev/null || fail "GET /healthz"
# Nobody gets in without credentials; the admin signs in with the password from the secret file.
[ "$(curl -sS -o /dev/null -w '%{http_code}' "$api/api/workflows")" = 401 ] || fail "GET /api/workflows without credentials is not 401"
login=$(jq -n --rawfile p "$PIPELINE_ADMIN_PASSWORD_FILE" '{user: "admin", password: ($p | rtrimstr("\n"))}')
curl -fsS -c "$work/cookies" -H 'Content-Type: application/json' -d "$login" "$api/api/auth/login" | jq -e '.role == "admin"' >/dev/null \
  || fail "the admin cannot sign in with the password of the secret file"
curl -fsS -b "$work/cookies" "$api/api/auth/me" | jq -e '.user == "admin"' >/dev/null || fail "the session cookie does not sign in"
api_curl -fsS "$api/api/workflows" | jq -e '[.[] | .id] as $ids | ["sensor-training", "sensor-prediction", "sensor-continuous"] - $ids == []' >/dev/null \
  || fail "the shipped workflows were not published: $(api_curl -sS "$api/api/workflows")"

# 4. sensor-training through the API, on the bundled sample the data-init service copied into the volume.
since=$(date +%s)
run=$(api_curl -fsS -X POST -H 'Content-Type: application/json' -d '{"inputs": {}}' "$api/api/workflows/sensor-training/runs" | jq -r .id)
[ -n "$run" ] && [ "$run" != null ] || fail "triggering sensor-training gave no run id"
say "run $run triggered"
# wait_run ID: polls the run until it ends (at most 180 s); leaves its last detail in $detail and state in $state.
wait_run() {
  state=
  for _ in $(seq 1 180); do
    detail=$(api_curl -fsS "$api/api/runs/$1")
    state=$(jq -r .run.state <<<"$detail")
    case $state in succeeded | failed | cancelled) return ;; esac
    sleep 1
  done
}
wait_run "$run"
if [ "$state" != succeeded ]; then
  jq . <<<"$detail" >&2
  for step in chunk features train; do
    echo "--- $step stderr" >&2
    api_curl -sS "$api/api/runs/$run/steps/$step/attempts/1/logs?stream=stderr" >&2 || true
  done
  fail "run $run ended '$state' (or did not end in 180 s)"
fi
steps_ok=$(jq -r '[.steps[] | select(.state == "succeeded") | .stepId] | sort | join(",")' <<<"$detail")
[ "$steps_ok" = chunk,features,train ] || fail "not every step succeeded: $steps_ok"
say "run $run succeeded after $((SECONDS - start)) s"

# Every step ran in a container of its program's image, started by the server (the containers are removed once
# finished, so the engine's events are the record).
started=$(docker events --since "$since" --until "$(date +%s)" --filter type=container --filter event=start \
  --filter "label=pipeline.run=$run" --format '{{index .Actor.Attributes "pipeline.step"}}={{.Actor.Attributes.image}}' | sort | tr '\n' ' ')
expected="chunk=pipeline/chunker:local features=pipeline/feature-creator:local train=pipeline/cluster-train:local "
[ "$started" = "$expected" ] || fail "step containers started: '$started'; expected '$expected'"

# The outputs are in the shared data volume: the train step's manifest and a model in the registry.
in_volume() { docker run --rm --network none -v "$PIPELINE_DATA_VOLUME:/data:ro" pipeline/debian:bookworm-minbase "$@"; }
in_volume test -s "/data/runs/$run/train/_manifest.json" || fail "no train manifest in the data volume"
[ -n "$(in_volume find /data/.pipeline/registry -type f)" ] || fail "no model in the registry in the data volume"

# The server's store is the compose PostgreSQL (logged in with the secret's password).
count=$("${compose[@]}" exec -T postgres psql -U pipeline -d pipeline -tAc "SELECT count(*) FROM runs WHERE id = '$run'")
[ "$(tr -d '[:space:]' <<<"$count")" = 1 ] || fail "run $run not in PostgreSQL (count '$count')"

# The CLI inside the server container reads the same configuration (the README's `compose exec` line).
"${compose[@]}" exec -T server dotnet /app/Pipeline.Orchestrator.dll status 2>&1 | grep -q "$run" \
  || fail "the CLI's status in the server container does not list run $run"

# What the UI shows: the palette, asked of the step images (no step program is beside this server), the model
# the training just registered, and the UI itself at /.
types=$(api_curl -fsS "$api/api/step-types")
jq -e '[.programs[] | select(.options != null and .problem == null)] | length == 4' <<<"$types" >/dev/null \
  || fail "the palette lacks a program's options: $(jq -c '[.programs[] | {program, problem}]' <<<"$types")"
api_curl -fsS "$api/api/models" | jq -e '.[] | select(.name == "sensor-clusters") | .productionVersion >= 1' >/dev/null \
  || fail "the Models API shows no production version of sensor-clusters: $(api_curl -sS "$api/api/models")"
curl -fsS "$api/runs/$run" | grep -q '<script type="module"' || fail "GET /runs/$run does not serve the UI's page"

# A dataset uploaded through the API starts sensor-prediction on it (its dataset trigger), with the model just
# trained: cluster-predict's rows reach the compose PostgreSQL.
dataset=$(api_curl -fsS -F timeZone=Asia/Shanghai -F "file=@samples/beijing-air-quality/PRSA_Data_Dingling_201303.csv" "$api/api/datasets") \
  || fail "uploading a dataset failed: $(api_curl -sS -F "file=@samples/beijing-air-quality/PRSA_Data_Dingling_201303.csv" "$api/api/datasets")"
jq -e '.rows == 744 and .sensors == 1' <<<"$dataset" >/dev/null || fail "the uploaded dataset's profile is wrong: $dataset"
prediction=$(jq -r '.runs[] | select(.workflowId == "sensor-prediction") | .runId' <<<"$dataset")
[ -n "$prediction" ] && [ "$prediction" != null ] || fail "the uploaded dataset started no sensor-prediction run: $dataset"
wait_run "$prediction"
[ "$state" = succeeded ] || fail "sensor-prediction run $prediction ended '$state': $detail"
rows=$("${compose[@]}" exec -T postgres psql -U pipeline -d pipeline -tAc "SELECT count(*) FROM cluster_predictions WHERE run_id = '$prediction'")
[ "$(tr -d '[:space:]' <<<"$rows")" -gt 0 ] || fail "sensor-prediction run $prediction wrote no rows to cluster_predictions ('$rows')"
say "prediction run $prediction wrote $(tr -d '[:space:]' <<<"$rows") rows to PostgreSQL"

# 5. Prometheus scraped the server: up{job="pipeline-server"} == 1, and a server metric arrived.
prom=http://127.0.0.1:$PIPELINE_PROMETHEUS_PORT
query() { curl -fsS -G "$prom/api/v1/query" --data-urlencode "query=$1" | jq -r '.data.result[0].value[1] // empty'; }
up=
for _ in $(seq 1 60); do
  up=$(query 'up{job="pipeline-server"}')
  [ "$up" = 1 ] && break
  sleep 1
done
[ "$up" = 1 ] || fail "Prometheus has no up{job=\"pipeline-server\"} == 1 after 60 s (last: '$up'); targets: $(curl -sS "$prom/api/v1/targets")"
[ -n "$(query 'http_server_request_duration_seconds_count{job="pipeline-server"}')" ] || fail "Prometheus has no http server metric from the server"

say "passed in $((SECONDS - start)) s"
