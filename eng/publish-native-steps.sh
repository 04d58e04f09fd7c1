#!/usr/bin/env bash
# Compiles the Chunker and the FeatureCreator ahead of time into native programs (steps/NativeAot.targets), at
# steps/<Project>/bin/Release/native/Pipeline.Steps.<Project>, where the server's process runner and the
# benchmarks look for them first (a native program older than its project's Release build is not used).
# A native program starts in ~0.05 s instead of ~0.4 s of jitting, which is most of a run that adds one day.
# Needs clang and lld (installed with apt-get when missing), as .NET's ahead-of-time compiler links with them.
# Usage: eng/publish-native-steps.sh [Chunker|FeatureCreator ...]   (default: both)
set -euo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

if ! command -v clang >/dev/null 2>&1 || ! command -v ld.lld >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq clang lld >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq clang lld >/dev/null; }
fi

projects=("$@")
[ ${#projects[@]} -gt 0 ] || projects=(Chunker FeatureCreator)
for project in "${projects[@]}"; do
  case "$project" in
    Chunker|FeatureCreator) ;;
    *) echo "error: publish-native-steps: '$project' is not compiled natively (Chunker or FeatureCreator)" >&2; exit 64 ;;
  esac
  out=steps/$project/bin/Release/native
  log=$(mktemp)
  start=$SECONDS
  # Published beside the Release build, replaced whole: a half-written program is never left where it is run.
  rm -rf "$out.tmp"
  # Its own artifacts folder: built beside the Release build, PublishAot's global property would rebuild the
  # shared libraries (steps/Runtime...) into their bin folders, and the next build would rebuild them back.
  dotnet publish "steps/$project" -c Release -p:PublishAot=true --artifacts-path artifacts/native -o "$out.tmp" --nologo -v quiet >"$log" 2>&1 \
    || { cat "$log" >&2; rm -f "$log"; echo "error: publish-native-steps: dotnet publish -p:PublishAot=true steps/$project failed" >&2; exit 1; }
  rm -f "$log" "$out.tmp"/*.dbg "$out.tmp"/*.pdb
  # Dated now, not when the compiler last wrote it (an up-to-date publish copies the old file): the process runner
  # passes over a native program older than the project's build.
  touch "$out.tmp/Pipeline.Steps.$project"
  rm -rf "$out" && mv "$out.tmp" "$out"
  echo "publish-native-steps: $out/Pipeline.Steps.$project ($(du -m "$out/Pipeline.Steps.$project" | cut -f1) MB, $((SECONDS - start)) s)" >&2
done
