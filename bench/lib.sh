# Helpers the bench scripts share; sourced, never run. Everything a helper starts binds to 127.0.0.1 and is
# stopped by bench_cleanup (set as the EXIT trap by bench_setup).
# shellcheck shell=bash

bench_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bench_pids=()

# bench_need NAME TOOL...: stops with one line naming the first tool missing.
bench_need() {
  local name="$1" tool
  shift
  for tool in "$@"; do
    command -v "$tool" >/dev/null || { echo "$name: $tool is missing (sudo bash .ci/setup)" >&2; exit 2; }
  done
}

# bench_need_engine NAME: stops with one line when buildx or the engine does not answer.
bench_need_engine() {
  docker buildx version >/dev/null 2>&1 || { echo "$1: docker buildx does not answer" >&2; exit 2; }
  docker version --format '{{.Server.Version}}' >/dev/null 2>&1 || { echo "$1: no Docker engine answers" >&2; exit 2; }
}

# bench_setup PREFIX: a work folder ($work), a DOCKER_CONFIG of its own that finds the buildx plugin, and the
# EXIT trap that removes the builders made in it, stops the servers and removes the folder.
bench_setup() {
  export NO_COLOR=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
  work="$(mktemp -d "/tmp/$1.XXXXXX")"
  export DOCKER_CONFIG="$work/docker-config"
  mkdir -p "$DOCKER_CONFIG/cli-plugins"
  local dir
  for dir in "${HOME:-/root}/.docker/cli-plugins" /usr/local/lib/docker/cli-plugins /usr/local/libexec/docker/cli-plugins /usr/lib/docker/cli-plugins /usr/libexec/docker/cli-plugins; do
    if [[ -x "$dir/docker-buildx" ]]; then ln -sf "$dir/docker-buildx" "$DOCKER_CONFIG/cli-plugins/docker-buildx"; break; fi
  done
  run_id="bench$(tr -dc 'a-z0-9' </dev/urandom | head -c 6 || true)"
  trap bench_cleanup EXIT
}

bench_cleanup() {
  set +e
  local builder pid
  for builder in $(ls "$DOCKER_CONFIG/buildx/instances" 2>/dev/null); do docker buildx rm -f "$builder" >/dev/null 2>&1; done
  for pid in "${bench_pids[@]}"; do kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; done
  rm -rf "$work"
}

# bench_free_port: a port on 127.0.0.1 nothing listens on.
bench_free_port() {
  local port
  while :; do
    port=$((20000 + RANDOM % 20000))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
  done
}

# bench_registry STORAGE [USER PASSWORD]: starts Debian's docker-registry on 127.0.0.1 and a free port, storing
# in STORAGE (deletes enabled), with htpasswd auth when a user is given; sets $registry to its address.
bench_registry() {
  local storage="$1" user="${2:-}" password="${3:-}" config auth=""
  mkdir -p "$storage"
  registry="127.0.0.1:$(bench_free_port)"
  config="$work/registry-${registry##*:}.yml"
  if [[ -n "$user" ]]; then
    htpasswd -Bbn "$user" "$password" >"$config.htpasswd"
    auth="auth: {htpasswd: {realm: bench, path: $config.htpasswd}}"
  fi
  cat >"$config" <<EOF
version: 0.1
log: {level: error}
storage: {filesystem: {rootdirectory: $storage}, delete: {enabled: true}}
http: {addr: "$registry"}
$auth
EOF
  docker-registry serve "$config" >"$config.log" 2>&1 &
  bench_pids+=($!)
  local _
  for _ in $(seq 100); do curl -s -o /dev/null "http://$registry/v2/" && return; sleep 0.1; done
  echo "bench: the registry on $registry did not start: $(tail -1 "$config.log")" >&2
  exit 1
}

# bench_busybox_base NAME: pushes $registry/base/busybox:1, one layer of the machine's static busybox and its applet
# links (no Docker Hub needed); stops with one line naming busybox-static when there is none.
bench_busybox_base() {
  local busybox=/bin/busybox rootfs="$work/rootfs" applet
  [[ -x "$busybox" ]] && ! ldd "$busybox" >/dev/null 2>&1 || { echo "$1: a static /bin/busybox is needed (busybox-static)" >&2; exit 2; }
  mkdir -p "$rootfs/bin" "$rootfs/tmp"
  cp "$busybox" "$rootfs/bin/busybox"
  for applet in $("$busybox" --list); do [[ "$applet" == busybox ]] || ln -s busybox "$rootfs/bin/$applet"; done
  tar -C "$rootfs" --numeric-owner --owner=0 --group=0 -c . | docker import -c 'CMD ["/bin/sh"]' - "$registry/base/busybox:1" >/dev/null
  docker push -q "$registry/base/busybox:1" >/dev/null
  docker image rm "$registry/base/busybox:1" >/dev/null
}

# bench_buildkitd_toml FILE REGISTRY...: a buildkitd.toml naming each registry as plain HTTP.
bench_buildkitd_toml() {
  local file="$1" address
  shift
  : >"$file"
  for address in "$@"; do printf '[registry."%s"]\n  http = true\n' "$address" >>"$file"; done
}

# bench_trace_shims: shims in front of docker and git (on PATH: export PATH="$work/shim:$PATH") and the buildx plugin
# (in DOCKER_CONFIG: our run starts it directly; under docker it shows as a nested `docker-buildx buildx …`) log each
# process's start and end (ns), exit code and arguments to $work/trace.log.
bench_trace_shims() {
  local tool real plugin
  mkdir -p "$work/shim"
  for tool in docker git; do
    real="$(command -v "$tool")"
    printf '#!/usr/bin/env bash\nstart=$(date +%%s%%N)\n%q "$@"\nrc=$?\necho "$start $(date +%%s%%N) $rc %s $*" >>"%s"\nexit $rc\n' \
      "$real" "$tool" "$work/trace.log" >"$work/shim/$tool"
    chmod +x "$work/shim/$tool"
  done
  plugin="$(readlink -f "$DOCKER_CONFIG/cli-plugins/docker-buildx")"
  rm "$DOCKER_CONFIG/cli-plugins/docker-buildx"
  printf '#!/usr/bin/env bash\nstart=$(date +%%s%%N)\n%q "$@"\nrc=$?\necho "$start $(date +%%s%%N) $rc docker-buildx $*" >>"%s"\nexit $rc\n' \
    "$plugin" "$work/trace.log" >"$DOCKER_CONFIG/cli-plugins/docker-buildx"
  chmod +x "$DOCKER_CONFIG/cli-plugins/docker-buildx"
}

# bench_trace_print START_NS: $work/trace.log as "start end duration ms  command", in ms from START_NS.
bench_trace_print() {
  sort -n "$work/trace.log" | awk -v t0="$1" '{ printf "%6d %6d %5d ms  ", ($1 - t0) / 1e6, ($2 - t0) / 1e6, ($2 - $1) / 1e6; for (i = 4; i <= NF; i++) printf "%s ", $i; print "" }'
}

# bench_stats MS...: "median min" in seconds.
bench_stats() { printf '%s\n' "$@" | sort -n | awk '{ a[NR] = $1 } END { m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2; printf "%.2f %.2f\n", m / 1000, a[1] / 1000 }'; }

# bench_handwritten_job BUILDER CONTEXT CACHE_FROM CACHE_TO TAG... [-- BUILDX_BUILD_ARG...]: the job a user writes by
# hand (the seeds' GitLab job): login, buildx create --bootstrap, buildx build with the registry cache and --push,
# then buildx rm unless $handwritten_keeps_builder is 1 (the runner removes it). Needs $registry_user,
# $registry_password, $job_registry and $buildkitd_toml.
bench_handwritten_job() {
  local builder="$1" context="$2" cache_from="$3" cache_to="$4" tags=() extra=()
  shift 4
  while (($#)) && [[ "$1" != -- ]]; do tags+=(--tag "$1"); shift; done
  if (($#)); then shift; extra=("$@"); fi
  printf '%s\n' "$registry_password" | docker login -u "$registry_user" --password-stdin "$job_registry" || return
  docker buildx create --name "$builder" --driver docker-container --driver-opt network=host \
    --buildkitd-config "$buildkitd_toml" --bootstrap || return
  docker buildx build --builder "$builder" --progress plain \
    --cache-from "type=registry,ref=$cache_from" --cache-to "type=registry,ref=$cache_to,mode=max,ignore-error=true" \
    "${tags[@]}" "${extra[@]}" --push "$context" || return
  if [[ "${handwritten_keeps_builder:-0}" != 1 ]]; then docker buildx rm "$builder"; fi
}

# bench_remove_builders: removes every builder made in this DOCKER_CONFIG and waits until the engine has dropped
# their state volumes (a runner's teardown; under load dockerd takes seconds for a gigabyte of state, and buildx rm
# gives up waiting before it is done).
bench_remove_builders() {
  local builder _
  for builder in $(ls "$DOCKER_CONFIG/buildx/instances" 2>/dev/null); do
    docker buildx rm -f "$builder" >/dev/null 2>&1 || true
    for _ in $(seq 600); do
      [[ -z "$(docker volume ls -q --filter "name=buildx_buildkit_${builder}" 2>/dev/null)" ]] && break
      sleep 0.2
    done
  done
}
