#!/usr/bin/env bash
# Base images for the realistic sample (bench/sample), made on this machine without Docker Hub:
#   bench/debian:bookworm    a Debian minbase root filesystem from the machine's own apt sources (mmdebstrap), with
#                            what .NET needs (ca-certificates, libicu, libssl, tzdata, zlib): one layer
#   bench/dotnet-aspnet:10   + the machine's .NET host and shared runtimes only: one layer
#   bench/dotnet-sdk:10      + the machine's whole .NET SDK: one layer; then the machine's NuGet.Config and CA bundle
#                            (copied here at run time, never committed) and NUGET_CERT_REVOCATION_MODE=offline, so
#                            that `dotnet restore` in a build with host networking reaches the machine's feed
# pushed to a plain-HTTP registry on 127.0.0.1 without auth (a public base-image registry, as Docker Hub is).
#
# Usage: bench/base-images.sh REGISTRY   fills that registry (bench/pipelines.sh starts one on the cache folder)
#        bench/base-images.sh            starts the bench's base registry on the cache folder, fills it, stops it
# The root filesystem and the registry's storage are kept in $BENCH_CACHE (default /var/tmp/cake-buildxcache-bench),
# so a rerun only checks that the images are there and were made from the same SDK, NuGet.Config and CA bundle.
# When the images cannot be made (no mmdebstrap and no apt to install it, no .NET SDK, no NuGet.Config), it says so
# in one line and exits 3.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cache="${BENCH_CACHE:-/var/tmp/cake-buildxcache-bench}"
packages="ca-certificates,libicu72,libssl3,tzdata,zlib1g"
cannot() { echo "base-images: cannot make the base images: $*" >&2; exit 3; }

bench_need base-images docker docker-registry curl
bench_need_engine base-images
if ! command -v mmdebstrap >/dev/null; then
  if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q mmdebstrap >/dev/null 2>&1 || cannot "apt-get install mmdebstrap failed"
  else
    cannot "mmdebstrap is missing and cannot be installed here (apt-get as root)"
  fi
fi
dotnet_root="$(dotnet --info 2>/dev/null | sed -n 's/^ *Base Path: *\(.*\)\/sdk\/[^/]*\/$/\1/p' | head -1)"
[[ -n "$dotnet_root" && -x "$dotnet_root/dotnet" ]] || cannot "no .NET SDK found (dotnet --info names no Base Path)"
nuget_config="${HOME:-/root}/.nuget/NuGet/NuGet.Config"
[[ -f "$nuget_config" ]] || cannot "no NuGet.Config at $nuget_config (the build's dotnet restore needs the machine's feed)"
ca_bundle="${SSL_CERT_FILE:-/etc/ssl/certs/ca-certificates.crt}"
[[ -f "$ca_bundle" ]] || cannot "no CA bundle at $ca_bundle"

bench_setup base-images
mkdir -p "$cache/rootfs"
if (($#)); then
  registry="$1"
else
  bench_registry "$cache/base-registry"
fi

# Made again when any input changes: this script, the SDK, the machine's NuGet.Config or CA bundle.
stamp="$( { cat "${BASH_SOURCE[0]}"; dotnet --version; cat "$nuget_config" "$ca_bundle"; } | sha256sum | cut -c1-16)"
present() { curl -sf -o /dev/null -H 'Accept: application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.v2+json, application/vnd.oci.image.index.v1+json' "http://$registry/v2/bench/$1/manifests/$2"; }
if [[ "$(cat "$cache/base-images.stamp" 2>/dev/null)" == "$stamp" ]] && present debian bookworm && present dotnet-aspnet 10 && present dotnet-sdk 10; then
  echo "base-images: up to date on $registry"
  exit 0
fi

rootfs="$cache/rootfs/bookworm-minbase.tar"
if [[ "$(cat "$rootfs.packages" 2>/dev/null)" != "$packages" ]]; then
  echo "base-images: mmdebstrap --variant=minbase bookworm (about a minute)"
  mmdebstrap --quiet --variant=minbase --include="$packages" bookworm "$rootfs.tmp" >"$work/mmdebstrap.log" 2>&1 ||
    cannot "mmdebstrap failed: $(tail -1 "$work/mmdebstrap.log")"
  mv "$rootfs.tmp" "$rootfs"
  printf '%s' "$packages" >"$rootfs.packages"
fi

# The feed's settings, copied for this run only (the folder is removed on exit).
mkdir -p "$work/nuget" "$work/context"
cp "$nuget_config" "$work/nuget/NuGet.Config"
cp "$ca_bundle" "$work/nuget/ca-certificates.crt"
cat >"$work/context/Dockerfile" <<'EOF'
FROM scratch AS debian
ADD bookworm-minbase.tar /
ENV LANG=C.UTF-8
CMD ["bash"]

FROM scratch AS runtime-files
COPY --from=dotnet dotnet LICENSE.txt ThirdPartyNotices.txt /usr/share/dotnet/
COPY --from=dotnet host /usr/share/dotnet/host
COPY --from=dotnet shared /usr/share/dotnet/shared

FROM debian AS aspnet
COPY --from=runtime-files / /
ENV DOTNET_ROOT=/usr/share/dotnet PATH=/usr/share/dotnet:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    DOTNET_RUNNING_IN_CONTAINER=true

FROM debian AS sdk
COPY --from=dotnet / /usr/share/dotnet/
COPY --from=nuget NuGet.Config /root/.nuget/NuGet/NuGet.Config
COPY --from=nuget ca-certificates.crt /etc/ssl/certs/ca-certificates.crt
ENV DOTNET_ROOT=/usr/share/dotnet PATH=/usr/share/dotnet:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    DOTNET_RUNNING_IN_CONTAINER=true DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 \
    NUGET_CERT_REVOCATION_MODE=offline SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt
EOF

bench_buildkitd_toml "$work/buildkitd.toml" "$registry"
builder="base-$run_id"
docker buildx create --name "$builder" --driver docker-container --driver-opt network=host \
  --buildkitd-config "$work/buildkitd.toml" --bootstrap >/dev/null 2>&1 || cannot "docker buildx create failed"
for target in debian:debian:bookworm aspnet:dotnet-aspnet:10 sdk:dotnet-sdk:10; do
  IFS=: read -r stage repository tag <<<"$target"
  echo "base-images: $registry/bench/$repository:$tag"
  docker buildx build --builder "$builder" --progress plain --target "$stage" \
    --build-context "dotnet=$dotnet_root" --build-context "nuget=$work/nuget" \
    --file "$work/context/Dockerfile" --tag "$registry/bench/$repository:$tag" --push "$cache/rootfs" >"$work/build.log" 2>&1 ||
    cannot "the $repository image did not build: $(grep -m1 -i error "$work/build.log" || tail -1 "$work/build.log")"
done
echo "$stamp" >"$cache/base-images.stamp"
echo "base-images: made on $registry"
