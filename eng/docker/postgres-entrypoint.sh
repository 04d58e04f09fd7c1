#!/usr/bin/env bash
# Entrypoint of the local postgres stand-in (postgres.Dockerfile): the official image's environment contract, in
# small. Starts as root only to own PGDATA, then runs everything as the postgres user.
set -euo pipefail

if [ "${1:-}" != postgres ]; then
  exec "$@"
fi

: "${PGDATA:?PGDATA must be set}"
user=${POSTGRES_USER:-postgres}
db=${POSTGRES_DB:-$user}
as_postgres=(setpriv --reuid=postgres --regid=postgres --init-groups)

if [ "$(id -u)" -eq 0 ]; then
  mkdir -p "$PGDATA" /var/run/postgresql
  chown postgres:postgres "$PGDATA" /var/run/postgresql
  chmod 700 "$PGDATA"
fi

if [ ! -s "$PGDATA/PG_VERSION" ]; then
  if [ -n "${POSTGRES_PASSWORD_FILE:-}" ]; then
    [ -r "$POSTGRES_PASSWORD_FILE" ] || { echo "error: POSTGRES_PASSWORD_FILE $POSTGRES_PASSWORD_FILE cannot be read" >&2; exit 1; }
    password=$(cat "$POSTGRES_PASSWORD_FILE")
  else
    password=${POSTGRES_PASSWORD:-}
  fi
  [ -n "$password" ] || { echo "error: the database is uninitialized and neither POSTGRES_PASSWORD nor POSTGRES_PASSWORD_FILE is set" >&2; exit 1; }

  # The password reaches initdb through a file only postgres can read, never a command line (visible in ps).
  pwfile=$(mktemp)
  printf '%s\n' "$password" >"$pwfile"
  chown postgres "$pwfile"
  "${as_postgres[@]}" initdb -D "$PGDATA" -U "$user" --pwfile="$pwfile" -A scram-sha-256 --auth-local=trust -E UTF8 >/dev/null
  rm -f "$pwfile"
  # As the official image: password logins from any address; the compose network decides who can reach it.
  echo "host all all all scram-sha-256" >>"$PGDATA/pg_hba.conf"
  echo "listen_addresses = '*'" >>"$PGDATA/postgresql.conf"
  if [ "$db" != postgres ]; then
    "${as_postgres[@]}" postgres --single -D "$PGDATA" -j postgres >/dev/null <<<"CREATE DATABASE \"$db\" OWNER \"$user\";"
  fi
  echo "postgres stand-in: initialized $PGDATA (user $user, database $db)" >&2
fi

exec "${as_postgres[@]}" "$@" -D "$PGDATA"
