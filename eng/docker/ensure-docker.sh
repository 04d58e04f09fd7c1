#!/usr/bin/env bash
# Makes sure a Docker Engine answers on this machine: installs docker.io (and debootstrap, for the local base
# images) with apt-get when missing, and starts dockerd in the background when `docker info` fails.
# Idempotent: a running engine is left alone. Needs root when it has to install or start anything.
#   DOCKERD_LOG       where a dockerd started here logs (default /tmp/pipeline-dockerd.log)
#   DOCKER_WAIT_SECS  how long to wait for the engine to answer (default 60)
set -euo pipefail

log=${DOCKERD_LOG:-/tmp/pipeline-dockerd.log}
wait_secs=${DOCKER_WAIT_SECS:-60}

missing=()
command -v dockerd >/dev/null 2>&1 || missing+=(docker.io)
command -v debootstrap >/dev/null 2>&1 || missing+=(debootstrap)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "error: ensure-docker: ${missing[*]} missing and not root; install them with apt-get" >&2
    exit 1
  fi
  echo "ensure-docker: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  # Another job may hold the dpkg lock (it also installs packages): wait for it rather than fail.
  apt_get=(apt-get -o DPkg::Lock::Timeout=300 -y -qq)
  "${apt_get[@]}" install "${missing[@]}" >/dev/null 2>&1 \
    || { "${apt_get[@]}" update >/dev/null && "${apt_get[@]}" install "${missing[@]}" >/dev/null; } \
    || { echo "error: ensure-docker: apt-get install ${missing[*]} failed" >&2; exit 1; }
fi

if docker info >/dev/null 2>&1; then
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "error: ensure-docker: the Docker daemon does not answer and only root can start it here" >&2
  exit 1
fi

echo "ensure-docker: starting dockerd (log: $log)" >&2
# setsid: the daemon outlives this script and is not in the caller's process group, so stopping the caller's
# job does not stop the engine other jobs use.
setsid dockerd >>"$log" 2>&1 </dev/null &
pid=$!

for _ in $(seq 1 "$wait_secs"); do
  if docker info >/dev/null 2>&1; then
    echo "ensure-docker: dockerd ready (pid $pid)" >&2
    exit 0
  fi
  # A dockerd started at the same time by another job wins the pid file and ours exits: keep polling, the other
  # one answers soon.
  sleep 1
done

echo "error: ensure-docker: dockerd did not answer within ${wait_secs} s; last lines of $log:" >&2
tail -n 20 "$log" >&2 || true
exit 1
