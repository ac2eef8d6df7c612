#!/usr/bin/env bash
# Fresh-runner benchmark: our `./build.sh --target=Publish` against the job a user would otherwise write by hand
# (the seeds' GitLab job: docker login, buildx create --bootstrap, buildx build with the registry cache and --push,
# buildx rm), side by side on the real stack, on a runner that starts with no builder and an empty local cache.
#
#   warm: the cache is already in the registry (every later pipeline of a branch); each run gets a fresh builder.
#   cold: nothing in the registry cache either (a new repository); each run writes to a cache ref of its own.
#
# Runs alternate (ours, then the hand-written job, then ours, ...) so that a change in machine load hits both.
# Prints the median and min of each, and our median as a ratio of the hand-written job's.
#
# Usage: bench/fresh-runner.sh [--runs N] [--cold-runs N] [--sample] [--trace] [--compare CHECKOUT]
#   --runs N       warm runs of each (default 7)       --cold-runs N   cold runs of each (default 3)
#   --sample       build examples/app instead of the two-stage busybox app (needs its base images: Docker Hub)
#   --trace        instead of timing, runs one warm job of each and prints when each docker and git process
#                  started and ended, in ms from the job's start: where the time goes
#   --compare CHECKOUT   also times the Publish of another checkout of this repository (e.g. a git worktree of an
#                  older commit) in the warm runs, taking turns with ours and the hand-written job: on a machine whose
#                  speed drifts, the way to tell two versions apart
# Needs: docker with the buildx plugin and an engine (../shared/rig/setup.sh brings one up), docker-registry,
# htpasswd, busybox-static, curl. Servers bind to 127.0.0.1; the builders use host networking.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
root="$bench_root"
runs=7 cold_runs=3 sample=0 trace=0 compare=""
while (($#)); do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --cold-runs) cold_runs="$2"; shift 2 ;;
    --sample) sample=1; shift ;;
    --trace) trace=1; shift ;;
    --compare) compare="$(cd "$2" && pwd)"; shift 2 ;;
    *) echo "usage: bench/fresh-runner.sh [--runs N] [--cold-runs N] [--sample] [--trace] [--compare CHECKOUT]" >&2; exit 2 ;;
  esac
done
bench_need fresh-runner docker docker-registry htpasswd curl
bench_need_engine fresh-runner
bench_setup fresh-runner
mkdir -p "$work/app"

# --- a registry with htpasswd auth on 127.0.0.1 ---
registry_user=bench registry_password="bench-$(tr -dc 'a-z0-9' </dev/urandom | head -c 16 || true)"
bench_registry "$work/registry" "$registry_user" "$registry_password"
job_registry="$registry" user="$registry_user" password="$registry_password"
printf '%s\n' "$password" | docker login -u "$user" --password-stdin "$registry" >/dev/null 2>&1
buildkitd_toml="$work/buildkitd.toml"
bench_buildkitd_toml "$buildkitd_toml" "$registry"

# --- the app ---
if ((sample)); then
  cp -r "$root/examples/app/." "$work/app/"
else
  bench_busybox_base fresh-runner
  # The slow stage stands for a compile: what the cache is for.
  cat >"$work/app/Dockerfile" <<EOF
FROM $registry/base/busybox:1 AS build
RUN sleep 10 && echo compiled > /out

FROM $registry/base/busybox:1
COPY --from=build /out /out
CMD ["cat", "/out"]
EOF
fi
(cd "$work/app" && git init -q -b main && git add -A && git -c user.name=bench -c user.email=bench@example.com commit -q -m app)
sha="$(git -C "$work/app" rev-parse HEAD)"
commit_time="$(git -C "$work/app" show -s --format=%cI HEAD)" # GitLab sets CI_COMMIT_TIMESTAMP for every job
image="$registry/bench/app"

# ms NAME COMMAND...: runs the command, prints its wall-clock milliseconds; a failure stops the benchmark.
ms() {
  local start end
  start=$(date +%s%N)
  "$@" >"$work/last.log" 2>&1 || { echo "fresh-runner: failed: $*" >&2; tail -20 "$work/last.log" >&2; exit 1; }
  end=$(date +%s%N)
  echo $(((end - start) / 1000000))
}

# The hand-written job (the seeds' GitLab job, as a user writes it), for one cache ref.
handwritten() { bench_handwritten_job "hand-$run_id-$RANDOM" "$work/app" "$1" "$1" "$image:main" "$image:${sha:0:8}"; }

# Ours, as a GitLab job on main: Publish, then the builder's removal (a fresh runner keeps nothing).
ours() {
  local cache_repo="$1" checkout="${2:-$root}"
  (cd "$work/app" && env -i PATH="$PATH" HOME="$work" DOCKER_CONFIG="$DOCKER_CONFIG" ${DOCKER_HOST:+DOCKER_HOST="$DOCKER_HOST"} NO_COLOR=1 \
    CI=true GITLAB_CI=true CI_COMMIT_SHA="$sha" CI_COMMIT_SHORT_SHA="${sha:0:8}" CI_DEFAULT_BRANCH=main \
    CI_COMMIT_BRANCH=main CI_COMMIT_REF_NAME=main CI_COMMIT_REF_SLUG=main CI_PIPELINE_SOURCE=push CI_COMMIT_TIMESTAMP="$commit_time" \
    CI_PROJECT_URL=https://gitlab.example.com/bench/app CI_REGISTRY="$registry" CI_REGISTRY_IMAGE="$image" \
    CI_REGISTRY_USER="$user" CI_REGISTRY_PASSWORD="$password" \
    "$checkout/build.sh" --working="$work/app" --target=Publish --builder="ours-$run_id-$RANDOM" \
    --driver-opt=network=host --buildkitd-config="$work/buildkitd.toml" --cache-repo="$cache_repo" \
    --prune-until=1h --prune-remove-builder=true)
}

"$root/build.sh" --version >/dev/null # the build app is built before anything is timed
if [[ -n "$compare" ]]; then "$compare/build.sh" --version >/dev/null; fi

if ((trace)); then
  bench_trace_shims
  ours "$image/cache" >/dev/null 2>&1 || { echo "fresh-runner: the first Publish failed" >&2; exit 1; }
  export PATH="$work/shim:$PATH"
  for job in ours handwritten; do
    : >"$work/trace.log"
    start=$(date +%s%N)
    if [[ $job == ours ]]; then ours "$image/cache" >"$work/last.log" 2>&1; else handwritten "$image/cache:main" >"$work/last.log" 2>&1; fi
    end=$(date +%s%N)
    echo "== $job: $(((end - start) / 1000000)) ms"
    bench_trace_print "$start"
  done
  exit 0
fi

# Warm: one cache ref for both, written once; then interleaved runs, each on a fresh builder.
ours "$image/cache" >/dev/null 2>&1 || { echo "fresh-runner: the first Publish failed" >&2; exit 1; }
warm_ours=() warm_hand=() warm_compared=()
for ((i = 0; i < runs; i++)); do
  warm_ours+=("$(ms ours "$image/cache")")
  if [[ -n "$compare" ]]; then warm_compared+=("$(ms ours "$image/cache" "$compare")"); fi
  warm_hand+=("$(ms handwritten "$image/cache:main")")
done

# Cold: a cache ref nobody wrote before, for each run.
cold_ours=() cold_hand=()
for ((i = 0; i < cold_runs; i++)); do
  cold_ours+=("$(ms ours "$image/cold-ours-$i")")
  cold_hand+=("$(ms handwritten "$image/cold-hand-$i:main")")
done

read -r wo wo_min < <(bench_stats "${warm_ours[@]}")
read -r wh wh_min < <(bench_stats "${warm_hand[@]}")
read -r co co_min < <(bench_stats "${cold_ours[@]}")
read -r ch ch_min < <(bench_stats "${cold_hand[@]}")
echo "fresh runner, $(docker buildx version | awk '{print $2}'), $(nproc) cores; app: $( ((sample)) && echo examples/app || echo 'two stages, 10 s slow step')"
printf '| case | runs | ours median (s) | ours min (s) | hand-written median (s) | hand-written min (s) | ours / hand-written |\n|---|---|---|---|---|---|---|\n'
printf '| warm (cache in the registry) | %s | %s | %s | %s | %s | %.2f× |\n' "$runs" "$wo" "$wo_min" "$wh" "$wh_min" "$(awk "BEGIN { print $wo / $wh }")"
printf '| cold (empty cache) | %s | %s | %s | %s | %s | %.2f× |\n' "$cold_runs" "$co" "$co_min" "$ch" "$ch_min" "$(awk "BEGIN { print $co / $ch }")"
if [[ -n "$compare" ]]; then
  read -r cm cm_min < <(bench_stats "${warm_compared[@]}")
  printf '| warm, %s | %s | %s | %s | %s | %s | %.2f× |\n' "$(git -C "$compare" log -1 --format='%h' 2>/dev/null || echo "$compare")" "$runs" "$cm" "$cm_min" "$wh" "$wh_min" "$(awk "BEGIN { print $cm / $wh }")"
fi
