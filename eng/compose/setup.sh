#!/usr/bin/env bash
# One-time set-up for `docker compose up` in this repository (docker-compose.yml). Idempotent: keeps what exists.
#   .env                          DOCKER_GID (the Docker socket's group, so the server's uid 10001 may use it),
#                                 PIPELINE_POSTGRES_PASSWORD_FILE, PIPELINE_GRAFANA_ADMIN_PASSWORD_FILE and
#                                 CLUSTER_PREDICT_CONNECTION_STRING (mode 600)
#   .secrets/postgres-password    a random PostgreSQL password: the folder mode 700, the file 644 so the postgres
#                                 and server containers (other uids) can read it through the secret mount
#   .secrets/grafana-admin-password   a random password of Grafana's user admin, the same way (grafana runs as 472)
#   .secrets/pipeline-admin-password  the password of the server's first admin (user admin), the same way
#   .secrets/pipeline-admin-api-key   an API key of that admin for scripts (curl -H "Authorization: Bearer $(cat ...)")
# All are ignored by git. Run it again after an update: it adds what an older .env lacks.
# Usage: eng/compose/setup.sh [docker socket, default $DOCKER_SOCKET or /var/run/docker.sock]
set -euo pipefail
cd "$(dirname "$0")/../.."

socket=${1:-${DOCKER_SOCKET:-/var/run/docker.sock}}
[ -S "$socket" ] || { echo "error: setup: no Docker socket at $socket (pass its path)" >&2; exit 1; }

touch .env
if ! grep -q '^DOCKER_GID=' .env; then
  echo "DOCKER_GID=$(stat -c %g "$socket")" >>.env
  echo "setup: .env: DOCKER_GID=$(stat -c %g "$socket") (group of $socket)" >&2
fi
if ! grep -q '^PIPELINE_POSTGRES_PASSWORD_FILE=' .env; then
  echo "PIPELINE_POSTGRES_PASSWORD_FILE=./.secrets/postgres-password" >>.env
fi

if ! grep -q '^PIPELINE_GRAFANA_ADMIN_PASSWORD_FILE=' .env; then
  echo "PIPELINE_GRAFANA_ADMIN_PASSWORD_FILE=./.secrets/grafana-admin-password" >>.env
fi
if ! grep -q '^PIPELINE_ADMIN_PASSWORD_FILE=' .env; then
  echo "PIPELINE_ADMIN_PASSWORD_FILE=./.secrets/pipeline-admin-password" >>.env
fi
if ! grep -q '^PIPELINE_ADMIN_API_KEY_FILE=' .env; then
  echo "PIPELINE_ADMIN_API_KEY_FILE=./.secrets/pipeline-admin-api-key" >>.env
fi

# new_password FILE WHAT: a random password in FILE unless it has one already.
new_password() {
  local file=$1 password
  [ ! -s "$file" ] || return 0
  mkdir -p "$(dirname "$file")"
  chmod 700 "$(dirname "$file")"
  # 32 characters from [A-Za-z0-9]: nothing a connection string or shell would need quoted.
  password=$(head -c 48 /dev/urandom | base64 -w 0 | LC_ALL=C tr -dc 'A-Za-z0-9')
  (umask 022 && printf '%s\n' "${password:0:32}" >"$file")
  echo "setup: wrote a new $2 to $file" >&2
}
password_file=$(sed -n 's/^PIPELINE_POSTGRES_PASSWORD_FILE=//p' .env | tail -n 1)
new_password "$password_file" "PostgreSQL password"
# Grafana reads it only when it creates its admin user (an empty volume `grafana`); eng/compose/grafana/README.md
# says how to change it later.
new_password "$(sed -n 's/^PIPELINE_GRAFANA_ADMIN_PASSWORD_FILE=//p' .env | tail -n 1)" "Grafana admin password (user admin)"
# The server reads both when its database has no users yet (the password) and at every start (the key).
new_password "$(sed -n 's/^PIPELINE_ADMIN_PASSWORD_FILE=//p' .env | tail -n 1)" "password of the server's user admin"
new_password "$(sed -n 's/^PIPELINE_ADMIN_API_KEY_FILE=//p' .env | tail -n 1)" "API key of the server's user admin"
# cluster-predict's connection string, with the same password: the server passes it to that step's container.
if ! grep -q '^CLUSTER_PREDICT_CONNECTION_STRING=' .env; then
  echo "CLUSTER_PREDICT_CONNECTION_STRING=Host=postgres;Username=pipeline;Database=pipeline;Password=$(head -n 1 "$password_file")" >>.env
fi
# .env now holds a password: its owner's only.
chmod 600 .env
echo "setup: ready; now: docker compose up -d" >&2
