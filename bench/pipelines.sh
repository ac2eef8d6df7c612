#!/usr/bin/env bash
# A team's week of GitLab pipelines on a real .NET service (bench/sample), three ways, side by side on the real stack:
#   ours    ./build.sh --target=Publish (this checkout), as fresh-runner.sh runs it
#   seed    the seeds' hand-written job: one shared cache tag (<image>:cache), mode=max, --push
#   branch  the job a docker/metadata-action user writes: a cache ref per branch (<image>:cache-<slug>), no fallback
# Every pipeline runs on a fresh runner: a fresh clone of the commit (detached, depth 20, as GitLab's runner does),
# a new builder, an empty local cache; the builder is removed after the job, untimed, as a runner's teardown does
# (the seed's job has no buildx rm; ours runs without --prune-remove-builder). Each way pushes to a registry of its own
# (htpasswd auth, 127.0.0.1), so its storage is its own; the base images come from the bench's base registry
# (bench/base-images.sh). The order of the three ways turns each pipeline, so that a change in machine load hits all.
#
# The stream (a real git repository the script makes, commits with fixed dates):
#    1 main                 first commit (nothing in any cache)
#    2 main                 a source change
#    3 feature/search       a new branch from main, a source change
#    4 feature/deps         a new branch from main that adds a NuGet package (the restore step's input changes)
#    5 feature/deps (MR)    a source change, in a merge request pipeline targeting main
#    6 feature/search       a second source change
#    7 feature/search       a rerun of pipeline 6 (same commit)
#    8 main                 feature/search merged
#    9 main                 feature/deps merged (main's dependencies change)
#   10 v1.0.0               a tag on main
# Per pipeline and way: seconds, steps cached (read from BuildKit's plain progress: Dockerfile steps, FROM excluded),
# whether `dotnet restore` ran, and bytes pushed (what the way's registry stores after the job and did not before). At the end:
# each way's totals, its registry's storage, and ours as a ratio of the others.
#
# Usage: bench/pipelines.sh [--pipelines N] [--ways ours,seed,branch] [--log DIR] [--trace P] [--variant 'ARGS']
#   --pipelines N   run the first N pipelines of the stream (default: all)
#   --ways LIST     which ways to run (default: all three)
#   --log DIR       keep each job's log there (default: removed with the work folder)
#   --variant ARGS  a fourth way, "variant": ours with these arguments added (e.g. '--cache-compression=zstd'),
#                   in the same interleaved runs: how to tell whether an option pays on this stream
#   --trace P       shims in front of docker, git and the buildx plugin (as fresh-runner.sh --trace; a few ms more
#                   per process, for every job) and, after the tables, when each process of pipeline P's jobs started
#                   and ended: where the time goes
# Needs what fresh-runner.sh needs, and the base images (bench/base-images.sh makes them; when they cannot be made,
# this says so in one line and stops).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
root="$bench_root"
cache="${BENCH_CACHE:-/var/tmp/cake-buildxcache-bench}"
count=10 ways=(ours seed branch) logs="" trace=0 variant=()
while (($#)); do
  case "$1" in
    --pipelines) count="$2"; shift 2 ;;
    --ways) IFS=, read -r -a ways <<<"$2"; shift 2 ;;
    --log) logs="$(mkdir -p "$2" && cd "$2" && pwd)"; shift 2 ;;
    --trace) trace="$2"; shift 2 ;;
    --variant) read -r -a variant <<<"$2"; shift 2 ;;
    *) echo "usage: bench/pipelines.sh [--pipelines N] [--ways ours,seed,branch] [--log DIR] [--trace P] [--variant 'ARGS']" >&2; exit 2 ;;
  esac
done
if ((${#variant[@]})); then ways+=(variant); fi
bench_need pipelines docker docker-registry htpasswd curl git
bench_need_engine pipelines
bench_setup pipelines
handwritten_keeps_builder=1 # as the seed's job: the runner's teardown removes the builder (untimed, below)

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
if ((trace)); then bench_trace_shims; export PATH="$work/shim:$PATH"; fi

# --- the project's repository (GitLab's side), and the stream's commits ---
origin="$work/origin"
mkdir -p "$origin"
cp -r "$root/bench/sample/." "$origin/"
git -C "$origin" init -q -b main
commit_number=0
commit() { # MESSAGE: commits everything, dated a fixed hour apart (the same stream every run)
  commit_number=$((commit_number + 1))
  local date="2026-12-01T$(printf '%02d' $((8 + commit_number))):00:00Z"
  git -C "$origin" add -A
  GIT_AUTHOR_DATE="$date" GIT_COMMITTER_DATE="$date" git -C "$origin" -c user.name=Dev -c user.email=dev@example.com commit -q -m "$1"
}
merge() { # BRANCH: merges it into main with a merge commit, as a merge request does
  commit_number=$((commit_number + 1))
  local date="2026-12-01T$(printf '%02d' $((8 + commit_number))):00:00Z"
  git -C "$origin" checkout -q main
  GIT_AUTHOR_DATE="$date" GIT_COMMITTER_DATE="$date" git -C "$origin" -c user.name=Dev -c user.email=dev@example.com \
    merge -q --no-ff -m "Merge branch '$1' into 'main'" "$1"
}
set_version() { sed -i "s/Version = \"[^\"]*\"/Version = \"$1\"/" "$origin/ServiceInfo.cs"; }

# Each step changes the repository, then names the pipeline: KIND REF TITLE (KIND: push, mr, tag, rerun).
stream_step() {
  case "$1" in
    1) commit "Orders service"; pipeline=(push main "main: first commit") ;;
    2) set_version 1.0.1; commit "Report the version on /health"; pipeline=(push main "main: a source change") ;;
    3)
      git -C "$origin" checkout -q -b feature/search main
      cat >"$origin/OrderSearch.cs" <<'EOF'
namespace Orders;

/// <summary>Filters over stored orders.</summary>
public static class OrderSearch
{
    public static IEnumerable<Order> ByCustomer(IEnumerable<Order> orders, string customer) =>
        orders.Where(order => order.Customer.Contains(customer, StringComparison.OrdinalIgnoreCase));
}
EOF
      commit "Search orders by customer"; pipeline=(push feature/search "feature/search: new branch, a source change") ;;
    4)
      git -C "$origin" checkout -q -b feature/deps main
      sed -i 's|    <PackageReference Include="Dapper" Version="2.1.86" />|&\n    <PackageReference Include="Humanizer.Core" Version="3.0.10" />|' "$origin/Orders.csproj"
      cat >"$origin/OrderText.cs" <<'EOF'
using Humanizer;

namespace Orders;

/// <summary>Orders in words, for receipts.</summary>
public static class OrderText
{
    public static string Describe(Order order) => $"{order.Customer.Humanize(LetterCasing.Title)}: {order.Item.ToQuantity(order.Quantity)}";
}
EOF
      commit "Describe orders in words (Humanizer)"; pipeline=(push feature/deps "feature/deps: new branch, a new package") ;;
    5)
      sed -i 's|LetterCasing.Title|LetterCasing.Sentence|' "$origin/OrderText.cs"
      commit "Sentence case"; pipeline=(mr feature/deps "feature/deps: merge request, a source change") ;;
    6)
      git -C "$origin" checkout -q feature/search
      sed -i 's|^}$|    public static IEnumerable<Order> ByItem(IEnumerable<Order> orders, string item) =>\n        orders.Where(order => order.Item.Equals(item, StringComparison.OrdinalIgnoreCase));\n}|' "$origin/OrderSearch.cs"
      commit "Search orders by item"; pipeline=(push feature/search "feature/search: a second source change") ;;
    7) pipeline=(rerun feature/search "feature/search: pipeline 6 rerun") ;;
    8) merge feature/search; pipeline=(push main "main: feature/search merged") ;;
    9) merge feature/deps; pipeline=(push main "main: feature/deps merged (new package)") ;;
    10) git -C "$origin" tag v1.0.0; pipeline=(tag v1.0.0 "v1.0.0: a tag on main") ;;
  esac
}

slug() { printf '%s' "$1" | tr 'A-Z' 'a-z' | sed 's/[^0-9a-z]/-/g' | cut -c1-63 | sed 's/^-*//; s/-*$//'; }

# A fresh runner's checkout: the pipeline's ref cloned at depth 20, the commit checked out detached.
checkout() { # DIR REF SHA
  git clone -q --depth 20 --branch "$2" "file://$origin" "$1" 2>/dev/null
  git -C "$1" checkout -q --detach "$3"
}

# The GitLab CI variables a job of this pipeline gets (as GitLab sets them), for env.
gitlab_variables() { # KIND REF SHA WAY PIPELINE_ID
  local kind="$1" ref="$2" sha="$3" way="$4" id="$5"
  local image="${way_registry[$way]}/bench/orders"
  printf '%s\n' CI=true GITLAB_CI=true CI_SERVER=yes CI_PROJECT_ID=7 CI_PROJECT_NAME=orders CI_PROJECT_PATH=bench/orders \
    CI_PROJECT_URL=https://gitlab.example.com/bench/orders CI_DEFAULT_BRANCH=main CI_PIPELINE_ID="$id" CI_JOB_ID="$((id * 10))" \
    CI_COMMIT_SHA="$sha" CI_COMMIT_SHORT_SHA="${sha:0:8}" CI_COMMIT_REF_NAME="$ref" CI_COMMIT_REF_SLUG="$(slug "$ref")" \
    CI_COMMIT_TIMESTAMP="$(git -C "$origin" show -s --format=%cI "$sha")" \
    CI_REGISTRY="${way_registry[$way]}" CI_REGISTRY_IMAGE="$image" CI_REGISTRY_USER="$registry_user" CI_REGISTRY_PASSWORD="$registry_password"
  case "$kind" in
    push | rerun) printf '%s\n' CI_PIPELINE_SOURCE=push CI_COMMIT_BRANCH="$ref" ;;
    mr) printf '%s\n' CI_PIPELINE_SOURCE=merge_request_event CI_MERGE_REQUEST_IID=1 CI_MERGE_REQUEST_PROJECT_ID=7 \
      CI_MERGE_REQUEST_SOURCE_PROJECT_ID=7 CI_MERGE_REQUEST_SOURCE_BRANCH_NAME="$ref" CI_MERGE_REQUEST_TARGET_BRANCH_NAME=main \
      CI_MERGE_REQUEST_EVENT_TYPE=detached ;;
    tag) printf '%s\n' CI_PIPELINE_SOURCE=push CI_COMMIT_TAG="$ref" ;;
  esac
}

# The three ways, each run in the checkout with the job's variables.
job_ours() {
  env -i PATH="$PATH" HOME="$work" DOCKER_CONFIG="$DOCKER_CONFIG" ${DOCKER_HOST:+DOCKER_HOST="$DOCKER_HOST"} NO_COLOR=1 \
    DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 $(cat "$job_dir/variables") \
    "$root/build.sh" --working="$job_dir/checkout" --target=Publish --builder="ours-$run_id-$RANDOM" \
    --driver-opt=network=host --buildkitd-config="$buildkitd_toml" --build-arg="BASE_REGISTRY=$base_registry" "$@"
}
job_variant() { job_ours "${variant[@]}"; }
job_seed() { # the seed's job: -t $IMAGE_NAME:$CI_COMMIT_REF_SLUG, one cache tag for every ref
  (set -a; source "$job_dir/variables"; job_registry="$CI_REGISTRY"
    bench_handwritten_job "seed-$run_id-$RANDOM" "$job_dir/checkout" "$CI_REGISTRY_IMAGE:cache" "$CI_REGISTRY_IMAGE:cache" \
      "$CI_REGISTRY_IMAGE:$CI_COMMIT_REF_SLUG" -- --build-arg "BASE_REGISTRY=$base_registry")
}
job_branch() { # docker/metadata-action's tags (ref, mr-N, tag; short sha) and a cache ref per ref, no fallback
  (set -a; source "$job_dir/variables"; job_registry="$CI_REGISTRY"
    local tag="$CI_COMMIT_REF_SLUG"
    [[ -n "${CI_MERGE_REQUEST_IID:-}" ]] && tag="mr-$CI_MERGE_REQUEST_IID"
    bench_handwritten_job "branch-$run_id-$RANDOM" "$job_dir/checkout" "$CI_REGISTRY_IMAGE:cache-$CI_COMMIT_REF_SLUG" \
      "$CI_REGISTRY_IMAGE:cache-$CI_COMMIT_REF_SLUG" "$CI_REGISTRY_IMAGE:$tag" "$CI_REGISTRY_IMAGE:sha-${CI_COMMIT_SHA:0:7}" \
      -- --build-arg "BASE_REGISTRY=$base_registry")
}

# From a job's log (BuildKit's plain progress): "CACHED/STEPS RESTORE", Dockerfile steps with FROM left out. A step
# ran when it printed output (a RUN), or when BuildKit neither said CACHED nor loaded its layers from the cache (a
# cached step a later step builds on is shown as its layers' download and extraction, then DONE, not CACHED).
steps_of() {
  awk '
    /^#[0-9]+ \[[^]]+ [0-9]+\/[0-9]+\] / { id = $1; if (!(id in name)) { name[id] = $0; order[++n] = id } }
    /^#[0-9]+ CACHED$/ { cached[$1] = 1 }
    /^#[0-9]+ [0-9]+\.[0-9]+ / { output[$1] = 1 }
    /^#[0-9]+ (sha256:|extracting )/ { layers[$1] = 1 }
    END {
      total = 0; hit = 0; restore = "-"
      for (i = 1; i <= n; i++) {
        id = order[i]; if (name[id] ~ /\] FROM /) continue
        ran = output[id] || (!cached[id] && !layers[id])
        total++; if (!ran) hit++
        if (name[id] ~ /dotnet restore/) restore = ran ? "yes" : "no"
      }
      printf "%d/%d %s\n", hit, total, restore
    }' "$1"
}
storage() { du -sb "$work/registry-$1" | cut -f1; }
mb() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1048576 }'; }

# The totals count whole pipelines only (every way ran it): stopped early (a job failed, Ctrl-C, kill: bash runs the
# trap once the running job has ended), the script prints them for the pipelines done.
declare -A total_ms total_bytes restores job_ms job_bytes job_restore
for way in "${ways[@]}"; do total_ms[$way]=0 total_bytes[$way]=0 restores[$way]=0; done
completed=0
summary() {
  echo
  echo "totals over $completed pipelines:"
  echo "| way | total (s) | restores | pushed (MB) | registry storage (MB) |"
  echo "|---|---|---|---|---|"
  local way
  for way in "${ways[@]}"; do
    printf '| %s | %.1f | %d | %s | %s |\n' "$way" "$(awk -v m="${total_ms[$way]}" 'BEGIN { print m / 1000 }')" "${restores[$way]}" \
      "$(mb "${total_bytes[$way]}")" "$(mb "$(storage "$way")")"
  done
  if [[ -n "${total_ms[ours]:-}" ]] && ((completed)); then
    for way in "${ways[@]}"; do
      [[ "$way" == ours ]] && continue
      printf 'ours / %s: %.2f× the time, %.2f× the storage\n' "$way" "$(awk -v a="${total_ms[ours]}" -v b="${total_ms[$way]}" 'BEGIN { print a / b }')" \
        "$(awk -v a="$(storage ours)" -v b="$(storage "$way")" 'BEGIN { print a / b }')"
    done
  fi
  echo "end $(date -u +%H:%M) UTC, $(uptime | sed 's/.*load/load/')"
}
trap 'summary; exit 130' INT TERM
header="| # | pipeline |"
rule="|---|---|"
for way in "${ways[@]}"; do header+=" $way: s, cached, restore, MB pushed |"; rule+="---|"; done
echo "stream of $count pipelines on bench/sample; $(docker buildx version | awk '{print $2}'), BuildKit $(docker image ls moby/buildkit --format '{{.Tag}}' | grep -m1 '^v'), $(nproc) cores; start $(date -u +%H:%M) UTC, $(uptime | sed 's/.*load/load/')"
echo "$header"
echo "$rule"
for ((p = 1; p <= count; p++)); do
  stream_step "$p"
  kind="${pipeline[0]}" ref="${pipeline[1]}" title="${pipeline[2]}"
  if [[ "$kind" != rerun ]]; then sha="$(git -C "$origin" rev-parse HEAD)"; fi
  row="| $p | $title |"
  declare -A cell=()
  n=${#ways[@]}
  for ((w = 0; w < n; w++)); do
    way="${ways[$(((w + p - 1) % n))]}"
    job_dir="$work/jobs/$p-$way"
    mkdir -p "$job_dir"
    checkout "$job_dir/checkout" "$ref" "$sha"
    gitlab_variables "$kind" "$ref" "$sha" "$way" "$((100 + p))" >"$job_dir/variables"
    before="$(storage "$way")"
    : >"$work/trace.log"
    start=$(date +%s%N)
    if ! "job_$way" >"$job_dir/log" 2>&1; then
      if [[ -n "$logs" ]]; then cp "$job_dir/log" "$logs/$p-$way.log"; fi
      echo "pipelines: pipeline $p ($title) failed for $way:" >&2
      tail -30 "$job_dir/log" >&2
      summary
      exit 1
    fi
    end=$(date +%s%N)
    ms=$(((end - start) / 1000000))
    if ((p == trace)); then { echo "== pipeline $p, $way: $ms ms"; bench_trace_print "$start"; } >>"$work/trace.txt"; fi
    bytes=$(($(storage "$way") - before))
    read -r steps restore < <(steps_of "$job_dir/log")
    job_ms[$way]=$ms job_bytes[$way]=$bytes job_restore[$way]=$restore
    cell[$way]="$(awk -v m="$ms" 'BEGIN { printf "%.1f", m / 1000 }'), $steps, $restore, $(mb "$bytes")"
    if [[ -n "$logs" ]]; then cp "$job_dir/log" "$logs/$p-$way.log"; fi
    bench_remove_builders
    rm -rf "$job_dir/checkout"
  done
  for way in "${ways[@]}"; do
    row+=" ${cell[$way]} |"
    total_ms[$way]=$((total_ms[$way] + job_ms[$way]))
    total_bytes[$way]=$((total_bytes[$way] + job_bytes[$way]))
    if [[ "${job_restore[$way]}" == yes ]]; then restores[$way]=$((restores[$way] + 1)); fi
  done
  completed=$p
  echo "$row"
done

summary
if ((trace)); then echo; cat "$work/trace.txt"; fi
