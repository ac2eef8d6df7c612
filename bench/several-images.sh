#!/usr/bin/env bash
# Several images benchmark: a repository with two images (api and worker) over one shared stage that does what a
# .NET build pays for (bench/sample: the SDK image, `dotnet restore` from the feed, `dotnet publish`), built two ways
# on the real stack, as GitLab jobs on main, each run on a fresh runner (a new builder, an empty local cache):
#   one    ONE run of the module with two image sections ([Buildx.Image.api], [Buildx.Image.worker]): one bake
#   two    TWO runs of the single-image flow, one per image (--stage=api, then --stage=worker), one after the
#          other, each on a builder of its own (as two jobs, or two runs on two runners)
#   cold:  nothing in the registry cache (each run writes to an image repository nobody wrote before)
#   warm:  the cache is in the registry (written once, untimed, by the same way), the same commit built again
# Runs alternate (one, then two, then one, ...) so that a change in machine load hits both. Each way pushes to a
# registry of its own (htpasswd auth, 127.0.0.1); the base images come from the bench's base registry
# (bench/base-images.sh). Per run: wall seconds (the two runs summed for "two"), and per image the Dockerfile steps
# the module's report counts (artifacts/buildx-report.json: FROM left out) as cached/steps, and whether
# `dotnet restore` ran (BuildKit counts a stage the images share under one of them, so with one run the run's total
# is the figure to compare). A table at the end: median and min seconds per way and case, and the steps of the last run.
#
# Usage: bench/several-images.sh [--runs N] [--cold-runs N] [--log DIR]
#   --runs N        warm runs of each way (default 3)       --cold-runs N   cold runs of each way (default 2)
#   --log DIR       keep each run's log there (default: removed with the work folder)
# Needs what bench/pipelines.sh needs: docker with buildx and an engine, docker-registry, htpasswd, curl, git, jq,
# and the base images (bench/base-images.sh makes them; when they cannot be made, this says so in one line and stops).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
root="$bench_root"
cache="${BENCH_CACHE:-/var/tmp/cake-buildxcache-bench}"
runs=3 cold_runs=2 logs=""
while (($#)); do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --cold-runs) cold_runs="$2"; shift 2 ;;
    --log) logs="$(mkdir -p "$2" && cd "$2" && pwd)"; shift 2 ;;
    *) echo "usage: bench/several-images.sh [--runs N] [--cold-runs N] [--log DIR]" >&2; exit 2 ;;
  esac
done
ways=(one two)
bench_need several-images docker docker-registry htpasswd curl git jq
bench_need_engine several-images
bench_setup several-images

# --- registries: the base images (kept between runs), and one per way ---
bench_registry "$cache/base-registry"
base_registry="$registry"
rc=0
"$root/bench/base-images.sh" "$base_registry" || rc=$?
if ((rc == 3)); then exit 0; elif ((rc)); then exit "$rc"; fi
registry_user=bench registry_password="bench-$(tr -dc 'a-z0-9' </dev/urandom | head -c 16 || true)"
declare -A way_registry
for way in "${ways[@]}"; do
  bench_registry "$work/registry-$way" "$registry_user" "$registry_password"
  way_registry[$way]="$registry"
done
buildkitd_toml="$work/buildkitd.toml"
bench_buildkitd_toml "$buildkitd_toml" "$base_registry" "${way_registry[@]}"
"$root/build.sh" --version >/dev/null # the build app is built before anything is timed

# --- the repository: bench/sample, its build stage shared by two images ---
app="$work/app"
mkdir -p "$app"
cp -r "$root/bench/sample/." "$app/"
cat >"$app/Dockerfile" <<'EOF'
ARG BASE_REGISTRY=127.0.0.1:5000
FROM ${BASE_REGISTRY}/bench/dotnet-sdk:10 AS build
WORKDIR /src
COPY Orders.csproj ./
RUN dotnet restore Orders.csproj
COPY . ./
RUN dotnet publish Orders.csproj --no-restore -c Release -o /app

FROM ${BASE_REGISTRY}/bench/dotnet-aspnet:10 AS api
ENV ASPNETCORE_HTTP_PORTS=8080
WORKDIR /app
COPY --from=build /app ./
EXPOSE 8080
ENTRYPOINT ["dotnet", "Orders.dll"]

FROM ${BASE_REGISTRY}/bench/dotnet-aspnet:10 AS worker
WORKDIR /app
COPY --from=build /app ./
RUN echo worker > /app/role
ENTRYPOINT ["dotnet", "Orders.dll", "--role=worker"]
EOF
# The one run's image sections; the two runs' flow reads the [Buildx] section only (no image sections there).
cat >"$app/cake.images.config" <<'EOF'
[Buildx.Image.api]
Stage=api

[Buildx.Image.worker]
Stage=worker
EOF
git -C "$app" init -q -b main
git -C "$app" add -A
GIT_AUTHOR_DATE=2026-12-01T09:00:00Z GIT_COMMITTER_DATE=2026-12-01T09:00:00Z git -C "$app" -c user.name=Dev -c user.email=dev@example.com commit -q -m "Orders api and worker"
sha="$(git -C "$app" rev-parse HEAD)"

# A fresh runner's checkout of the commit (detached, as GitLab's runner does), with the way's cake.config.
checkout() { # DIR WAY
  git clone -q --depth 20 --branch main "file://$app" "$1" 2>/dev/null
  git -C "$1" checkout -q --detach "$sha"
  if [[ "$2" == one ]]; then cp "$1/cake.images.config" "$1/cake.config"; fi
}

# ./build.sh --target=Publish as a GitLab job on main of the project PROJECT in the way's registry, in DIR.
publish() { # WAY DIR PROJECT ARG...
  local way="$1" dir="$2" project="$3" reg="${way_registry[$1]}"
  shift 3
  env -i PATH="$PATH" HOME="$work" DOCKER_CONFIG="$DOCKER_CONFIG" ${DOCKER_HOST:+DOCKER_HOST="$DOCKER_HOST"} NO_COLOR=1 \
    DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 \
    CI=true GITLAB_CI=true CI_SERVER=yes CI_PROJECT_PATH="$project" CI_PROJECT_URL="https://gitlab.example.com/$project" \
    CI_DEFAULT_BRANCH=main CI_PIPELINE_SOURCE=push CI_COMMIT_BRANCH=main CI_COMMIT_REF_NAME=main CI_COMMIT_REF_SLUG=main \
    CI_COMMIT_SHA="$sha" CI_COMMIT_SHORT_SHA="${sha:0:8}" CI_COMMIT_TIMESTAMP="$(git -C "$app" show -s --format=%cI "$sha")" \
    CI_REGISTRY="$reg" CI_REGISTRY_IMAGE="$reg/$project" CI_REGISTRY_USER="$registry_user" CI_REGISTRY_PASSWORD="$registry_password" \
    "$root/build.sh" --working="$dir" --target=Publish --builder="$way-$run_id-$RANDOM" \
    --driver-opt=network=host --buildkitd-config="$buildkitd_toml" --build-arg="BASE_REGISTRY=$base_registry" "$@"
}

# "cached/steps restore" of one image's report (the report's summary: Dockerfile steps, FROM left out).
image_steps() { # REPORT_JSON_FILTER FILE
  jq -r "$1"' | "\(.summary.cached)/\(.summary.buildSteps) \(if ([.steps[] | select(.name | test("dotnet restore")) | select(.status == "done")] | length) > 0 then "yes" else "no" end)"' "$2"
}

# One run of a way, on fresh runners; prints "MS API_STEPS API_RESTORE WORKER_STEPS WORKER_RESTORE".
mkdir -p "$work/jobs"
run_way() { # WAY PROJECT
  local way="$1" project="$2" start end dir a w
  if [[ "$way" == one ]]; then
    dir="$(mktemp -d "$work/jobs/one.XXXXXX")"
    checkout "$dir" one
    start=$(date +%s%N)
    publish one "$dir" "$project" >"$dir.log" 2>&1 || fail "$dir.log"
    end=$(date +%s%N)
    bench_remove_builders
    a="$(image_steps '.images.api' "$dir/artifacts/buildx-report.json")"
    w="$(image_steps '.images.worker' "$dir/artifacts/buildx-report.json")"
    keep_log "$dir.log"
  else
    local image ms=0
    for image in api worker; do
      dir="$(mktemp -d "$work/jobs/two-$image.XXXXXX")"
      checkout "$dir" two
      start=$(date +%s%N)
      publish two "$dir" "$project" --stage="$image" --image="${way_registry[two]}/$project/$image" >"$dir.log" 2>&1 || fail "$dir.log"
      end=$(date +%s%N)
      ms=$((ms + (end - start) / 1000000))
      bench_remove_builders
      if [[ $image == api ]]; then a="$(image_steps '.' "$dir/artifacts/buildx-report.json")"; else w="$(image_steps '.' "$dir/artifacts/buildx-report.json")"; fi
      keep_log "$dir.log"
    done
    start=0 end=$((ms * 1000000))
  fi
  echo "$(((end - start) / 1000000)) $a $w"
}
fail() { echo "several-images: a run failed ($1):" >&2; tail -30 "$1" >&2; exit 1; }
keep_log() { if [[ -n "$logs" ]]; then cp "$1" "$logs/$(basename "$1")"; fi; }

declare -A seconds steps
record() { # CASE WAY RESULT
  local ms api api_restore worker worker_restore
  [[ -n "$3" ]] || exit 1 # the run said why
  read -r ms api api_restore worker worker_restore <<<"$3"
  seconds[$1-$2]+="$ms "
  # BuildKit counts a vertex two images share under one of them, so the run's total is the figure to compare.
  steps[$1-$2]="$(awk -v a="$api" -v w="$worker" 'BEGIN { split(a, x, "/"); split(w, y, "/"); printf "%d of %d", x[1] + y[1], x[2] + y[2] }') (api $api, restore: $api_restore; worker $worker, restore: $worker_restore)"
  printf '%-5s %-3s %6.1f s  %s\n' "$1" "$2" "$(awk -v m="$ms" 'BEGIN { print m / 1000 }')" "${steps[$1-$2]}"
}

echo "several images on bench/sample; $(docker buildx version | awk '{print $2}'), BuildKit $(docker image ls moby/buildkit --format '{{.Tag}}' | grep -m1 '^v' || echo '?'), $(nproc) cores; start $(date -u +%H:%M) UTC, $(uptime | sed 's/.*load/load/')"

# Cold: an image repository nobody wrote before, for each run.
for ((i = 0; i < cold_runs; i++)); do
  for ((k = 0; k < ${#ways[@]}; k++)); do
    way="${ways[$(((k + i) % ${#ways[@]}))]}"
    record cold "$way" "$(run_way "$way" "bench/cold-$i")"
  done
done

# Warm: each way's cache written once (untimed), then the same commit again on fresh runners.
for way in "${ways[@]}"; do run_way "$way" bench/warm >/dev/null; done
for ((i = 0; i < runs; i++)); do
  for ((k = 0; k < ${#ways[@]}; k++)); do
    way="${ways[$(((k + i) % ${#ways[@]}))]}"
    record warm "$way" "$(run_way "$way" bench/warm)"
  done
done

echo
echo "| case | way | runs | median (s) | min (s) | steps cached, both images (last run) |"
echo "|---|---|---|---|---|---|"
for case in cold warm; do
  for way in "${ways[@]}"; do
    read -r median min < <(bench_stats ${seconds[$case-$way]})
    n=$(wc -w <<<"${seconds[$case-$way]}")
    label=$([[ $way == one ]] && echo "one run, two image sections" || echo "two single-image runs")
    printf '| %s | %s | %s | %s | %s | %s |\n' "$case" "$label" "$n" "$median" "$min" "${steps[$case-$way]}"
  done
done
echo "end $(date -u +%H:%M) UTC, $(uptime | sed 's/.*load/load/')"
