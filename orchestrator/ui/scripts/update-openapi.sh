#!/usr/bin/env bash
# Refreshes the server's OpenAPI document (openapi/v1.json) and the types made from it (src/api/schema.d.ts),
# after an API model or endpoint changed. Builds nothing: it starts an already built server, by default the newer
# of orchestrator/Server/bin/{Release,Debug}/net10.0/Pipeline.Orchestrator.dll, on a free loopback port with a
# throwaway database and data folder, fetches /openapi/v1.json, stops it, and runs `npm run gen:api`.
# Usage: scripts/update-openapi.sh [path/to/Pipeline.Orchestrator.dll]
# (build first: dotnet build orchestrator/Server -c Release -p:BuildUi=false)
set -euo pipefail
ui="$(cd "$(dirname "$0")/.." && pwd)"
bin="$ui/../Server/bin"

dll="${1:-${PIPELINE_SERVER_DLL:-}}"
if [ -z "$dll" ]; then
  for candidate in "$bin/Release/net10.0/Pipeline.Orchestrator.dll" "$bin/Debug/net10.0/Pipeline.Orchestrator.dll"; do
    if [ -f "$candidate" ] && { [ -z "$dll" ] || [ "$candidate" -nt "$dll" ]; }; then dll="$candidate"; fi
  done
fi
if [ -z "$dll" ] || [ ! -f "$dll" ]; then
  echo "error: no built server${dll:+ at $dll}; build it first: dotnet build orchestrator/Server -c Release -p:BuildUi=false" >&2
  exit 1
fi
dll="$(cd "$(dirname "$dll")" && pwd)/$(basename "$dll")"

work="$(mktemp -d)"
server=""
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

port="$(node -e 'const s = require("node:net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });')"
mkdir -p "$work/workflows"
(
  cd "$work"
  export Auth__Admin__Password="openapi-$RANDOM-$RANDOM-$RANDOM" Workflows__Folder="$work/workflows" Scheduler__Enabled=false
  exec dotnet "$dll" serve --urls "http://127.0.0.1:$port" --sqlite "$work/pipeline.db" --data-root "$work/data"
) >"$work/server.log" 2>&1 &
server=$!

cd "$ui"
if ! node scripts/fetch-openapi.js "http://127.0.0.1:$port/openapi/v1.json"; then
  echo "error: the server at $dll did not give its document; its log:" >&2
  cat "$work/server.log" >&2
  exit 1
fi
npm run gen:api
