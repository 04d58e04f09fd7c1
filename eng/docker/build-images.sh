#!/usr/bin/env bash
# Builds the step and server images here, where no image registry can be reached:
#   Docker Engine (ensure-docker.sh) -> local base images (base-images.sh) -> `dotnet publish` of each program on
#   this machine (Release, linux-x64, into artifacts/docker/<image>) -> `docker build --target prebuilt` of the
#   real Dockerfiles on the local bases, tagged pipeline/<image>:local.
# Nothing changed: a few seconds (incremental publish, docker layer cache). Real users build the default target
# instead, from source in the official SDK image (eng/docker/README.md).
# Usage: eng/docker/build-images.sh [image ...]   (default: all; names as below)
set -euo pipefail
cd "$(dirname "$0")/../.."
here=eng/docker

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# image name | project folder | Dockerfile | base image
# The steps share one Dockerfile, which takes the image name as its PROGRAM build argument.
all=(
  "chunker|steps/Chunker|steps/Dockerfile|pipeline/base-runtime:local"
  "feature-creator|steps/FeatureCreator|steps/Dockerfile|pipeline/base-runtime:local"
  "cluster-train|steps/ClusterTrain|steps/Dockerfile|pipeline/base-runtime:local"
  "cluster-predict|steps/ClusterPredict|steps/Dockerfile|pipeline/base-runtime:local"
  "server|orchestrator/Server|orchestrator/Server/Dockerfile|pipeline/base-aspnet:local"
)
rid=linux-x64
staging=artifacts/docker
mkdir -p "$staging"
version=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' Directory.Build.props | head -n 1)
revision=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)

selected=()
for want in "$@"; do
  found=
  for entry in "${all[@]}"; do [ "${entry%%|*}" = "$want" ] && { selected+=("$entry"); found=1; }; done
  [ -n "$found" ] || { echo "error: build-images: unknown image '$want' (one of: chunker feature-creator cluster-train cluster-predict server)" >&2; exit 64; }
done
[ ${#selected[@]} -gt 0 ] || selected=("${all[@]}")

"$here/ensure-docker.sh"
"$here/base-images.sh"

for entry in "${selected[@]}"; do
  IFS='|' read -r image project dockerfile base <<<"$entry"
  program_arg=()
  if [ "$dockerfile" = steps/Dockerfile ]; then program_arg=(--build-arg PROGRAM="$image"); fi
  out=$staging/$image
  start=$SECONDS
  # A fresh folder each time, so no file of an older publish lingers; the layer cache compares contents, not
  # times, so an unchanged program still reuses its layer.
  rm -rf "$out"
  dotnet publish "$project" -c Release -r "$rid" --self-contained false -p:UseAppHost=false -p:PublishDocumentationFiles=false -o "$out" \
    --nologo -v quiet >"$staging.$image.publish.log" 2>&1 \
    || { cat "$staging.$image.publish.log" >&2; echo "error: build-images: dotnet publish $project failed" >&2; exit 1; }
  docker build -q --target prebuilt -f "$dockerfile" "${program_arg[@]}" \
    --build-arg BASE_IMAGE="$base" --build-arg VERSION="$version" --build-arg REVISION="$revision" \
    -t "pipeline/$image:local" "$out" >/dev/null 2>"$staging.$image.build.log" \
    || { cat "$staging.$image.build.log" >&2; echo "error: build-images: docker build of pipeline/$image:local failed" >&2; exit 1; }
  echo "build-images: pipeline/$image:local ($(docker image inspect --format '{{.Size}}' "pipeline/$image:local" | awk '{printf "%.0f MB", $1/1e6}'), $((SECONDS - start)) s)" >&2
done
