#!/usr/bin/env bash
# Captures what the installed docker buildx and BuildKit print, into buildx-<version>/ beside this script,
# for the parser tests. Run it on the rig (../../../../shared/rig/setup.sh, or any engine with buildx and
# the moby/buildkit:buildx-stable-1 image) as a user who can reach the engine:
#
#   tests/Cake.BuildxCache.Tests/Fixtures/capture-buildx.sh [OUTPUT_FOLDER]
#
# It needs docker (CLI + engine), the buildx plugin, docker-registry (Debian's distribution registry),
# htpasswd (apache2-utils), busybox-static, curl, jq and sha256sum. It needs no Docker Hub: it starts its own
# registries on 127.0.0.1, pushes a one-layer busybox base image into one, and creates its own builders
# (network=host) in its own DOCKER_CONFIG; everything is removed on exit.
#
# Each .txt is the command's stdout and stderr together, then a line rc=N. What varies from run to run on
# the machine is replaced by fixed values: the registry ports (5000 for the registry, 5001 for the read-only
# one, 5999 for the closed port), the builders' random names (fixtures, fixture-b), the work folder
# (/work/app), the DOCKER_CONFIG folder (/root/.docker). Same-length builder names keep tables aligned.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

for tool in docker docker-registry htpasswd curl jq sha256sum; do
  command -v "$tool" > /dev/null || { echo "capture-buildx: $tool is missing" >&2; exit 2; }
done
busybox="$(command -v busybox || true)"
[[ -x /bin/busybox ]] && busybox=/bin/busybox
# The base image holds nothing but busybox: a dynamically linked one would find no libc there.
if [[ -z "$busybox" ]] || ldd "$busybox" > /dev/null 2>&1; then
  echo "capture-buildx: a static busybox is needed (Debian: busybox-static)" >&2
  exit 2
fi

version="$(docker buildx version | awk '{print $2}')"
version="${version#v}"
out="${1:-$here/buildx-$version}"
mkdir -p "$out"

work="$(mktemp -d /tmp/capture-buildx.XXXXXX)"
export DOCKER_CONFIG="$work/docker-config"
mkdir -p "$DOCKER_CONFIG" "$work/app" "$work/registry"

random_letters() { tr -dc 'a-z' < /dev/urandom | head -c "$1" || true; }
# Builder names are random so that two captures on one engine never share a container; each is as long
# as its placeholder.
builder="fx$(random_letters 6)"      # -> fixtures
other="fy$(random_letters 7)"        # -> fixture-b

port_free() { ! (exec 3<> "/dev/tcp/127.0.0.1/$1") 2> /dev/null; }
free_port() {
  local port
  while :; do
    port=$((20000 + RANDOM % 20000))
    port_free "$port" && { echo "$port"; return; }
  done
}
port="$(free_port)"
readonly_port="$(free_port)"
closed_port="$(free_port)"
[[ "$port" != "$readonly_port" && "$port" != "$closed_port" && "$readonly_port" != "$closed_port" ]] ||
  { echo "capture-buildx: port clash, run again" >&2; exit 3; }
registry="127.0.0.1:$port"
user=fixtures
password="fixtures-$(random_letters 12)"

pids=()
cleanup() {
  set +e
  for name in "$builder" "$other"; do docker buildx rm -f "$name" > /dev/null 2>&1; done
  docker image rm "$registry/base/busybox:1.35" > /dev/null 2>&1
  for pid in "${pids[@]}"; do kill "$pid" 2> /dev/null; wait "$pid" 2> /dev/null; done
  rm -rf "$work"
}
trap cleanup EXIT

normalise() {
  sed -e "s|$work/app|/work/app|g" \
    -e "s|$DOCKER_CONFIG|/root/.docker|g" \
    -e "s|$work|/tmp/capture|g" \
    -e "s|127\.0\.0\.1:$port|127.0.0.1:5000|g" \
    -e "s|127\.0\.0\.1%3A$port|127.0.0.1%3A5000|g" \
    -e "s|127\.0\.0\.1:$readonly_port|127.0.0.1:5001|g" \
    -e "s|127\.0\.0\.1:$closed_port|127.0.0.1:5999|g" \
    -e "s|$builder|fixtures|g" \
    -e "s|$other|fixture-b|g" \
    -e "s|$password|********|g" \
    -e "s|/tmp/buildkit-mount[0-9]*|/tmp/buildkit-mount000000000|g"
}

# capture FILE COMMAND...: runs the command (stdin as given to capture), writes its normalised output and
# exit code.
capture() {
  local file="$1" rc=0
  shift
  "$@" > "$work/output" 2>&1 || rc=$?
  { normalise < "$work/output"; echo "rc=$rc"; } > "$out/$file"
  echo "captured $file (rc=$rc)" >&2
}

# login FILE REGISTRY PASSWORD: docker login as the module runs it, the password on stdin.
login() { printf '%s\n' "$3" | capture "$1" docker login "$2" -u "$user" --password-stdin; }

# keep FILE SOURCE: a file a command wrote (metadata, registry answers), normalised, without rc line.
keep() { normalise < "$2" > "$out/$1"; echo "kept $1" >&2; }

# --- registries: one with htpasswd auth, one read-only view of the same storage ---
htpasswd -Bbn "$user" "$password" > "$work/htpasswd"
cat > "$work/registry.yml" << EOF
version: 0.1
log: {level: error}
storage:
  filesystem: {rootdirectory: $work/registry}
  delete: {enabled: true}
http: {addr: "$registry"}
auth:
  htpasswd: {realm: fixtures, path: $work/htpasswd}
EOF
cat > "$work/registry-readonly.yml" << EOF
version: 0.1
log: {level: error}
storage:
  filesystem: {rootdirectory: $work/registry}
  maintenance:
    readonly: {enabled: true}
http: {addr: "127.0.0.1:$readonly_port"}
EOF
docker-registry serve "$work/registry.yml" > "$work/registry.log" 2>&1 &
pids+=($!)
docker-registry serve "$work/registry-readonly.yml" > "$work/registry-readonly.log" 2>&1 &
pids+=($!)
for _ in $(seq 50); do
  port_free "$port" || port_free "$readonly_port" || break
  sleep 0.1
done

# --- version and help ---
capture buildx-version.txt docker buildx version
capture buildx-create-help.txt docker buildx create --help
capture buildx-build-help.txt docker buildx build --help
capture buildx-prune-help.txt docker buildx prune --help
capture buildx-history-help.txt docker buildx history --help

# --- login: through the daemon, and by the CLI alone (no daemon reachable) ---
login docker-login-bad.txt "$registry" wrong-password
login docker-login-unreachable.txt "127.0.0.1:$closed_port" "$password"
(
  export DOCKER_CONFIG="$work/nodaemon-config" DOCKER_HOST="unix://$work/no-daemon.sock"
  mkdir -p "$DOCKER_CONFIG"
  login docker-login-bad.nodaemon.txt "$registry" wrong-password
  login docker-login-unreachable.nodaemon.txt "127.0.0.1:$closed_port" "$password"
  login docker-login-ok.nodaemon.txt "$registry" "$password"
  capture docker-logout.nodaemon.txt docker logout "$registry"
)
login docker-login-ok.txt "$registry" "$password"

# --- base image: /bin/busybox and its applet links, one layer ---
rootfs="$work/rootfs"
mkdir -p "$rootfs/bin" "$rootfs/tmp"
cp "$busybox" "$rootfs/bin/busybox"
for applet in $("$busybox" --list); do
  [[ "$applet" == busybox ]] || ln -s busybox "$rootfs/bin/$applet"
done
tar -C "$rootfs" --numeric-owner --owner=0 --group=0 -c . |
  docker import --change 'CMD ["/bin/sh"]' - "$registry/base/busybox:1.35" > /dev/null
docker push -q "$registry/base/busybox:1.35" > /dev/null
docker image rm "$registry/base/busybox:1.35" > /dev/null

# --- the app: a slow stage, and a final stage that copies from it ---
cat > "$work/app/Dockerfile" << EOF
FROM $registry/base/busybox:1.35 AS slow
RUN sleep 3 && echo built > /out && date -u > /built-at

FROM $registry/base/busybox:1.35
COPY --from=slow /out /built-at /
EOF
# The next commit: the final stage takes the commit before it copies, so it rebuilds and needs the slow stage's
# result, which BuildKit then pulls from the registry cache (no CACHED line: the step shows the layer download).
cat > "$work/app/Next.Dockerfile" << EOF
FROM $registry/base/busybox:1.35 AS slow
RUN sleep 3 && echo built > /out && date -u > /built-at

FROM $registry/base/busybox:1.35
ARG GIT_COMMIT
RUN echo "\$GIT_COMMIT" > /commit
COPY --from=slow /out /built-at /
EOF
cat > "$work/app/Fail.Dockerfile" << EOF
FROM $registry/base/busybox:1.35
RUN echo compiling && exit 3
EOF

# --- builders ---
cat > "$work/buildkitd.toml" << EOF
[registry."$registry"]
  http = true
[registry."127.0.0.1:$readonly_port"]
  http = true
[registry."127.0.0.1:$closed_port"]
  http = true
EOF
builder_options=(--driver docker-container --driver-opt network=host --buildkitd-config "$work/buildkitd.toml")

capture buildx-inspect-missing.txt docker buildx inspect no-such-builder
capture buildx-rm-missing.txt docker buildx rm "$other"
capture buildx-create.txt docker buildx create --name "$other" "${builder_options[@]}"
capture buildx-create-exists.txt docker buildx create --name "$other" "${builder_options[@]}"
capture buildx-inspect-inactive.txt docker buildx inspect "$other"
capture buildx-inspect-bootstrap.txt docker buildx inspect --bootstrap "$other"
capture buildx-rm.txt docker buildx rm "$other"

docker buildx create --name "$builder" "${builder_options[@]}" --bootstrap > /dev/null 2>&1
capture buildx-inspect-running.txt docker buildx inspect "$builder"
capture buildx-ls.txt docker buildx ls

# build NAME PROGRESS CACHE_TAG [ARGS...]: the app, pushed, registry cache to and from one ref.
build() {
  local file="$1" progress="$2" tag="$3"
  shift 3
  capture "$file" docker buildx build --builder "$builder" --progress="$progress" \
    --cache-from "type=registry,ref=$registry/sample/cache:$tag" \
    --cache-to "type=registry,ref=$registry/sample/cache:$tag,mode=max" \
    --tag "$registry/sample/app:$tag" --push "$@" "$work/app"
}

# history_of METADATA FILE: `history inspect --format json` of the build whose metadata file is given, by
# the id at the end of its buildx.build.ref (builder/node/id); stdout only, as it is JSON.
history_of() {
  local id
  id="$(jq -r '.["buildx.build.ref"]' "$1")"
  id="${id##*/}"
  docker buildx history inspect --builder "$builder" --format json "$id" > "$work/history.json"
  keep "$2" "$work/history.json"
}

# --- plain progress: cold, then warm from the registry after the local cache is gone ---
build build-cold-plain.txt plain fixture --metadata-file "$work/metadata-cold.json"
keep build-metadata.json "$work/metadata-cold.json"
history_of "$work/metadata-cold.json" buildx-history-inspect.json

capture buildx-du.txt docker buildx du --builder "$builder"
capture buildx-du-verbose.txt docker buildx du --builder "$builder" --verbose
capture buildx-prune-keep-storage.txt docker buildx prune --builder "$builder" -af --keep-storage 1mb
capture buildx-prune.txt docker buildx prune --builder "$builder" -af
capture buildx-du-empty.txt docker buildx du --builder "$builder"

build build-warm-plain.txt plain fixture --metadata-file "$work/metadata-warm.json"
keep build-metadata-warm.json "$work/metadata-warm.json"
history_of "$work/metadata-warm.json" buildx-history-inspect-warm.json
capture buildx-history-ls.txt docker buildx history ls --builder "$builder"

# --- rawjson progress: the same on a fresh cache ref ---
docker buildx prune --builder "$builder" -af > /dev/null 2>&1
build build-cold-rawjson.txt rawjson rawjson
docker buildx prune --builder "$builder" -af > /dev/null 2>&1
build build-warm-rawjson.txt rawjson rawjson

# --- the next commit on a fresh runner: the slow stage's layer is pulled from the cache, not run ---
for progress in plain rawjson; do
  docker buildx prune --builder "$builder" -af > /dev/null 2>&1
  build "next-first.tmp" "$progress" "next-$progress" -f "$work/app/Next.Dockerfile" --build-arg GIT_COMMIT=first
  rm -f "$out/next-first.tmp"
  docker buildx prune --builder "$builder" -af > /dev/null 2>&1
  build "build-next-commit-$progress.txt" "$progress" "next-$progress" -f "$work/app/Next.Dockerfile" --build-arg GIT_COMMIT=second
done

# --- the cache as an index (image-manifest=false), the only layout BuildKit 0.11 wrote; newer ones write an
# image manifest unless told ---
capture build-cache-index.txt docker buildx build --builder "$builder" --progress=plain \
  --cache-to "type=registry,ref=$registry/sample/cache:index,mode=max,image-manifest=false,oci-mediatypes=true" \
  "$work/app"

# --- failures ---
capture build-fail-plain.txt docker buildx build --builder "$builder" --progress=plain -f "$work/app/Fail.Dockerfile" "$work/app"
capture build-fail-rawjson.txt docker buildx build --builder "$builder" --progress=rawjson -f "$work/app/Fail.Dockerfile" "$work/app"
capture build-missing-dockerfile.txt docker buildx build --builder "$builder" --progress=plain -f "$work/app/Nope.Dockerfile" "$work/app"
docker buildx prune --builder "$builder" -af > /dev/null 2>&1
capture build-cache-export-error.txt docker buildx build --builder "$builder" --progress=plain \
  --cache-to "type=registry,ref=127.0.0.1:$closed_port/sample/cache:fixture,mode=max" "$work/app"
capture build-cache-export-readonly.txt docker buildx build --builder "$builder" --progress=plain \
  --cache-to "type=registry,ref=127.0.0.1:$readonly_port/sample/cache:readonly,mode=max" "$work/app"
capture build-docker-driver-cache-error.txt docker buildx build --builder default --progress=plain \
  --cache-to "type=registry,ref=$registry/sample/cache:fixture" "$work/app"

# --- what the registry holds: the image index (with its attestation manifest) and the cache manifests,
# byte for byte as served (so their digests can be checked; they hold no port to normalise) ---
accept='application/vnd.oci.image.index.v1+json, application/vnd.docker.distribution.manifest.list.v2+json, application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.v2+json'
# get NAME PATH: a registry answer, headers apart, checked against the digest the registry gives.
get() {
  curl -sfS -u "$user:$password" -H "Accept: $accept" -D "$work/headers" -o "$work/body" "http://$registry/v2/$2"
  local digest
  digest="$(tr -d '\r' < "$work/headers" | sed -n 's/^[Dd]ocker-[Cc]ontent-[Dd]igest: //p')"
  [[ "sha256:$(sha256sum < "$work/body" | cut -d' ' -f1)" == "$digest" ]] || { echo "capture-buildx: $2: digest mismatch" >&2; exit 4; }
  cp "$work/body" "$out/$1"
  echo "kept $1 ($digest)" >&2
}
get registry-app-index.json sample/app/manifests/fixture
index="$out/registry-app-index.json"
image="$(jq -r '[.manifests[] | select(.annotations["vnd.docker.reference.type"] != "attestation-manifest")][0].digest' "$index")"
attestation="$(jq -r '[.manifests[] | select(.annotations["vnd.docker.reference.type"] == "attestation-manifest")][0].digest // empty' "$index")"
get registry-app-manifest.json "sample/app/manifests/$image"
[[ -z "$attestation" ]] || get registry-app-attestation-manifest.json "sample/app/manifests/$attestation"
get registry-cache-manifest.json sample/cache/manifests/fixture
get registry-cache-index.json sample/cache/manifests/index

docker buildx rm -f "$builder" > /dev/null 2>&1
echo "capture-buildx: $(ls "$out" | wc -l) files in $out" >&2
