#!/usr/bin/env bash
# Makes the base images the step and server Dockerfiles build FROM where no image registry can be reached:
#   pipeline/debian:bookworm-minbase   debootstrap --variant=minbase bookworm, imported with docker import
#   pipeline/base-runtime:local        + the host's .NET runtime (Microsoft.NETCore.App) and the dotnet host
#   pipeline/base-aspnet:local         + Microsoft.AspNetCore.App, for the server
# Cached: an image whose .NET version label matches the host's runtime is kept, and the debootstrap root file
# system is kept as a tarball under $PIPELINE_DOCKER_CACHE (default /var/cache/pipeline-docker), so a run with the
# images present takes about a second and one without them (e.g. after `docker system prune -a`) a few seconds.
# Needs root (debootstrap) and a running Docker Engine (eng/docker/ensure-docker.sh).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)

cache=${PIPELINE_DOCKER_CACHE:-/var/cache/pipeline-docker}
debian_image=pipeline/debian:bookworm-minbase
runtime_image=pipeline/base-runtime:local
aspnet_image=pipeline/base-aspnet:local
# The steps use InvariantGlobalization, so no libicu. libssl3 and ca-certificates: https inputs (.NET's TLS is
# OpenSSL's on Linux). tzdata: IANA time zones (the Beijing data is Asia/Shanghai). libc6, libstdc++6 and
# libgcc-s1 come with minbase.
packages=ca-certificates,libssl3,tzdata

fail() { echo "error: base-images: $*" >&2; exit 1; }

command -v docker >/dev/null 2>&1 || fail "docker not found; run eng/docker/ensure-docker.sh first"
docker info >/dev/null 2>&1 || fail "the Docker daemon does not answer; run eng/docker/ensure-docker.sh first"
command -v dotnet >/dev/null 2>&1 || fail "dotnet not found: the base images take the host's .NET runtime"

# The repository targets net10.0: take the host's newest 10.x runtimes.
major=10
dotnet_root=$(dirname "$(readlink -f "$(command -v dotnet)")")
runtime_version=$(dotnet --list-runtimes | awk -v m="$major." '$1 == "Microsoft.NETCore.App" && index($2, m) == 1 {v = $2} END {print v}')
aspnet_version=$(dotnet --list-runtimes | awk -v m="$major." '$1 == "Microsoft.AspNetCore.App" && index($2, m) == 1 {v = $2} END {print v}')
[ -n "$runtime_version" ] || fail "no Microsoft.NETCore.App $major.x runtime on this machine (dotnet --list-runtimes)"
[ -n "$aspnet_version" ] || fail "no Microsoft.AspNetCore.App $major.x runtime on this machine (dotnet --list-runtimes)"
fxr_version=$(ls "$dotnet_root/host/fxr" | sort -V | tail -n 1)
[ -n "$fxr_version" ] || fail "no host/fxr under $dotnet_root"

# Certificate authorities this machine adds to its trust store (a TLS-inspecting proxy's, a company's) go into the
# local base too, so https inputs and NuGet work from containers as they do on the host.
host_ca_dir=/usr/local/share/ca-certificates
host_ca_hash=$(cat "$host_ca_dir"/*.crt 2>/dev/null | sha256sum | cut -c1-16)

label_of() { docker image inspect --format "{{ index .Config.Labels \"$2\" }}" "$1" 2>/dev/null || true; }

mkdir -p "$cache"

# 1. Debian minbase from the configured mirror.
if ! docker image inspect "$debian_image" >/dev/null 2>&1; then
  tarball=$cache/bookworm-minbase.tar
  if [ ! -s "$tarball" ]; then
    command -v debootstrap >/dev/null 2>&1 || fail "debootstrap not found; run eng/docker/ensure-docker.sh first"
    [ "$(id -u)" -eq 0 ] || fail "debootstrap needs root"
    mirror=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
    mirror=${mirror:-http://deb.debian.org/debian}
    rootfs=$(mktemp -d "$cache/rootfs.XXXXXX")
    trap 'rm -rf "$rootfs"' EXIT
    echo "base-images: debootstrap bookworm from $mirror (about 30 s)" >&2
    debootstrap --variant=minbase --include="$packages" bookworm "$rootfs" "$mirror" >"$cache/debootstrap.log" 2>&1 \
      || fail "debootstrap failed; see $cache/debootstrap.log"
    # Small: no package lists, caches, documentation, manual pages or translations.
    rm -rf "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/cache/apt/* "$rootfs"/var/cache/debconf/*-old \
      "$rootfs"/usr/share/doc/* "$rootfs"/usr/share/man/* "$rootfs"/usr/share/info/* "$rootfs"/usr/share/locale/* \
      "$rootfs"/var/log/* "$rootfs"/debootstrap
    # Written elsewhere first, so an interrupted run never leaves a truncated tarball that looks complete.
    tar -C "$rootfs" --numeric-owner -cf "$tarball.partial" .
    mv "$tarball.partial" "$tarball"
    rm -rf "$rootfs"
    trap - EXIT
  fi
  echo "base-images: importing $debian_image" >&2
  docker import -c 'CMD ["bash"]' -m "debootstrap --variant=minbase --include=$packages bookworm" \
    "$tarball" "$debian_image" >/dev/null
fi

# 2. The .NET runtime files, copied out of the host's dotnet folder into a small build context.
dotnet_context() {
  local dir=$cache/dotnet-$runtime_version-$aspnet_version
  if [ ! -d "$dir" ]; then
    local tmp
    tmp=$(mktemp -d "$cache/dotnet.XXXXXX")
    mkdir -p "$tmp/runtime/dotnet/host/fxr" "$tmp/runtime/dotnet/shared/Microsoft.NETCore.App" \
      "$tmp/aspnet/dotnet/shared/Microsoft.AspNetCore.App"
    cp -a "$dotnet_root/dotnet" "$dotnet_root/LICENSE.txt" "$dotnet_root/ThirdPartyNotices.txt" "$tmp/runtime/dotnet/"
    cp -a "$dotnet_root/host/fxr/$fxr_version" "$tmp/runtime/dotnet/host/fxr/"
    cp -a "$dotnet_root/shared/Microsoft.NETCore.App/$runtime_version" "$tmp/runtime/dotnet/shared/Microsoft.NETCore.App/"
    cp -a "$dotnet_root/shared/Microsoft.AspNetCore.App/$aspnet_version" "$tmp/aspnet/dotnet/shared/Microsoft.AspNetCore.App/"
    mv "$tmp" "$dir"
  fi
  echo "$dir"
}

if [ "$(label_of "$runtime_image" org.pipeline.dotnet.runtime)" != "$runtime_version" ] \
   || [ "$(label_of "$runtime_image" org.pipeline.host-ca)" != "$host_ca_hash" ]; then
  echo "base-images: building $runtime_image (.NET $runtime_version)" >&2
  context=$(dotnet_context)/runtime
  rm -rf "$context/ca" && mkdir -p "$context/ca"
  cp "$host_ca_dir"/*.crt "$context/ca/" 2>/dev/null || true
  docker build -q -f "$here/base-runtime.Dockerfile" --build-arg DEBIAN_IMAGE="$debian_image" \
    --build-arg DOTNET_VERSION="$runtime_version" --build-arg HOST_CA="$host_ca_hash" \
    -t "$runtime_image" "$context" >/dev/null \
    2>"$cache/base-runtime.build.log" || { cat "$cache/base-runtime.build.log" >&2; fail "docker build of $runtime_image failed"; }
fi

runtime_id=$(docker image inspect --format '{{.Id}}' "$runtime_image")
if [ "$(label_of "$aspnet_image" org.pipeline.dotnet.aspnet)" != "$aspnet_version" ] \
   || [ "$(label_of "$aspnet_image" org.pipeline.base-runtime.id)" != "$runtime_id" ]; then
  echo "base-images: building $aspnet_image (ASP.NET Core $aspnet_version)" >&2
  docker build -q -f "$here/base-aspnet.Dockerfile" --build-arg RUNTIME_IMAGE="$runtime_image" \
    --build-arg ASPNET_VERSION="$aspnet_version" --build-arg RUNTIME_ID="$runtime_id" -t "$aspnet_image" "$(dotnet_context)/aspnet" >/dev/null \
    2>"$cache/base-aspnet.build.log" || { cat "$cache/base-aspnet.build.log" >&2; fail "docker build of $aspnet_image failed"; }
fi

echo "base-images: $runtime_image and $aspnet_image ready (.NET $runtime_version, ASP.NET Core $aspnet_version)" >&2
