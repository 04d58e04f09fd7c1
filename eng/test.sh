#!/usr/bin/env bash
# The whole test suite, set-up included, on a fresh Debian machine with the .NET SDK:
# restores packages, builds the solution in Release (warnings are errors, the UI included), and runs every test
# project, then the UI's component and browser tests.
# Real servers, each installed with apt-get when missing: PostgreSQL (the tests start throwaway servers on
# loopback), Prometheus (its test starts one on loopback, scraping a test server), a Docker Engine (dockerd
# started here when none answers) with the step and server images built from this checkout on locally made base
# images, and the docker-compose stack, brought up and torn down by its test. clang and lld for the native
# (ahead-of-time) builds of two step programs.
set -euo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

if ! command -v dotnet >/dev/null 2>&1; then
  echo "error: the .NET SDK (dotnet) is required; see global.json for the version band" >&2
  exit 1
fi

# tzdata gives the step programs their IANA time zones (Asia/Shanghai for the Beijing data).
if [ ! -e /usr/share/zoneinfo/Asia/Shanghai ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq tzdata >/dev/null
fi

# PostgreSQL for ClusterPredict's tests: the tests start their own throwaway server on loopback (as the
# postgres user, in a temporary folder); only the binaries are needed here.
if ! compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq postgresql >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq postgresql >/dev/null; }
fi

# Prometheus for the metrics test: the test starts its own on loopback, scraping a test server (the package's
# service is not needed, and does not start by itself here).
if [ ! -x /usr/bin/prometheus ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq prometheus >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq prometheus >/dev/null; }
fi

# Chromium for the UI's browser tests (Playwright drives Debian's package; it cannot download its own browser).
if [ ! -x /usr/bin/chromium ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq chromium >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq chromium >/dev/null; }
fi

# Node.js 20.19+ with npm builds the UI (the server's build runs npm ci and vite build) and runs its tests.
if ! command -v npm >/dev/null 2>&1; then
  echo "error: Node.js 20.19 or later with npm is required to build the UI (orchestrator/ui)" >&2
  exit 1
fi

dotnet build Pipeline.sln -c Release --nologo -v quiet

# Docker: the engine, the local base images and the five images (eng/docker/README.md). The container tests then
# must run: PIPELINE_REQUIRE_DOCKER makes a missing engine or image fail them instead of skipping them.
./eng/docker/build-images.sh
export PIPELINE_REQUIRE_DOCKER=1

# The Chunker and the FeatureCreator compiled ahead of time (clang and lld installed when missing), which the
# process runner then runs: after the builds above, so no later build makes them older than the assemblies.
# PIPELINE_REQUIRE_NATIVE_STEPS makes their parity tests fail, not skip, if they are missing.
./eng/publish-native-steps.sh
export PIPELINE_REQUIRE_NATIVE_STEPS=1

dotnet test Pipeline.sln -c Release --no-build --nologo --logger "console;verbosity=minimal" "$@"

# The fault-injection suite, short form (tests/Pipeline.Chaos/README.md): kill -9 storms, replicas, a database
# stopped and hung, a network cut, clock skew (libfaketime, installed when missing), a full data root and a SIGTERM
# deploy against the server just built; it prints its table and fails when a target is missed.
dotnet run -c Release --no-build --project tests/Pipeline.Chaos -- --short

# The UI: component tests (Vitest), then browser tests (Playwright + Chromium) against the real server just built.
(cd orchestrator/ui && npm run lint && npm test && PIPELINE_SERVER_DLL="$PWD/../Server/bin/Release/net10.0/Pipeline.Orchestrator.dll" npm run test:e2e)

# The whole stack under docker-compose, on the images just built (eng/compose/test-compose.sh).
COMPOSE_TEST_SKIP_IMAGES=1 ./eng/compose/test-compose.sh
