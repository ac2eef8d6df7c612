#!/usr/bin/env bash
# Cache-from chain benchmark: which --cache-from refs, in which order, hit the most steps, measured with plain buildx
# on the real stack (no module involved). Each scenario writes its branches' cache refs the way CI does (one job per
# commit, each on a fresh builder, --cache-to its own ref with mode=max), then builds the scenario's commit once per
# strategy and repeat, each time on a fresh builder, importing only (no --cache-to), and counts the steps CACHED.
#
# The app has two stages: a dependency restore (changes when deps.txt changes), a compile (changes with src.txt),
# and a last stage that copies the output and runs a step using ARG GIT_COMMIT (changes with every commit).
# Six steps are counted (the FROM lines are not): COPY deps, RUN restore, COPY src, RUN compile, COPY --from, RUN commit.
#
# Strategies (refs of the scenario's roles; a role the scenario lacks is left out, a missing ref is not passed):
#   own | target | default | merged   one ref alone
#   chain      own, target, default (the module's order before the rule; no merged branch)
#   reversed   default, target, own
#   chain+merged / merged+chain      for a merge commit: own then the merged branch's ref, and the other way round
#   first      the first ref of (merged, own, target, default) that exists, alone
#   rule       as first, but a ref written by a commit that is not an ancestor of the measured one (the rebased
#              branch's own ref) is tried last: what the module passes
#
# Usage: bench/chain.sh [--runs N] [--load-runs N] [--scenarios "s1 s2 ..."] [--strategies "chain first ..."]
#   --runs N        repeats of each scenario × strategy on a quiet machine (default 5)
#   --load-runs N   repeats with two busy loops beside the build (default 1)
# Prints one line per run (scenario, strategy, refs, load, steps cached of 6, the steps that ran), then a table of
# the lowest, median (lower middle) and highest steps cached per scenario × strategy.
# Needs: docker with the buildx plugin and an engine (../shared/rig/setup.sh), docker-registry, htpasswd,
# busybox-static, curl, jq. Servers bind to 127.0.0.1; the builders use host networking.
set -euo pipefail
runs=5 load_runs=1
scenarios="rerun next main-moved new-branch mr merge rebased"
strategies="own target default merged chain reversed chain+merged merged+chain first rule"
while (($#)); do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --load-runs) load_runs="$2"; shift 2 ;;
    --scenarios) scenarios="$2"; shift 2 ;;
    --strategies) strategies="$2"; shift 2 ;;
    *) echo "usage: bench/chain.sh [--runs N] [--load-runs N] [--scenarios LIST] [--strategies LIST]" >&2; exit 2 ;;
  esac
done
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
bench_need chain docker docker-registry htpasswd curl jq
bench_need_engine chain
bench_setup chain-bench
mkdir -p "$work/ctx"
run_id="chain${run_id#bench}"
load_pids=()
# The busy loops stop with the bench, before the builders and servers bench_cleanup removes.
trap 'for pid in "${load_pids[@]}"; do kill "$pid" 2>/dev/null; done; bench_cleanup' EXIT

# --- a registry with htpasswd auth on 127.0.0.1, and a one-layer busybox base image in it ---
user=bench password="bench-$(tr -dc 'a-z0-9' </dev/urandom | head -c 16 || true)"
bench_registry "$work/registry" "$user" "$password"
printf '%s\n' "$password" | docker login -u "$user" --password-stdin "$registry" >/dev/null 2>&1
bench_buildkitd_toml "$work/buildkitd.toml" "$registry"
bench_busybox_base chain

# commit NAME DEPS SRC: a build context for one commit.
commit() {
  local dir="$work/ctx/$1"
  mkdir -p "$dir"
  printf '%s\n' "$2" >"$dir/deps.txt"
  printf '%s\n' "$3" >"$dir/src.txt"
  cat >"$dir/Dockerfile" <<EOF
FROM $registry/base/busybox:1 AS build
WORKDIR /app
COPY deps.txt ./
RUN sleep 1 && cp deps.txt deps.restored
COPY src.txt ./
RUN sleep 1 && cat deps.restored src.txt > out

FROM $registry/base/busybox:1
ARG GIT_COMMIT
COPY --from=build /app/out /app/out
RUN echo "commit \$GIT_COMMIT" > /app/commit
EOF
}
commit m1 D1 S1
commit m2 D1 S4     # main moved on: another source change, the same dependencies
commit m3 D2 S4     # main moved on with new dependencies
commit f1 D1 S2
commit f2 D1 S3
commit fr D2 S8     # the feature branch rebased onto m3: main's new dependencies, its own source
commit n1 D1 S5
commit r1 D2 S6     # a release branch with dependencies of its own
commit g1 D2 S2     # a feature branched from release
commit g2 D2 S3
commit b1 D3 S7     # a branch that bumps the dependencies
commit mb D3 S7     # its merge into main

# job BUILDER_LOG COMMIT TO_REF FROM_REF...: one CI job on a fresh builder. TO_REF "-" imports only.
job() {
  local log="$1" commit="$2" to="$3" builder="$run_id-$RANDOM$RANDOM"
  shift 3
  local args=()
  for ref in "$@"; do args+=(--cache-from "type=registry,ref=$ref"); done
  if [[ "$to" != - ]]; then args+=(--cache-to "type=registry,ref=$to,mode=max,ignore-error=true"); fi
  docker buildx create --name "$builder" --driver docker-container --driver-opt network=host \
    --buildkitd-config "$work/buildkitd.toml" --bootstrap >/dev/null 2>&1
  local rc=0
  docker buildx build --builder "$builder" --progress rawjson --build-arg "GIT_COMMIT=$commit" "${args[@]}" \
    --output "type=image,name=$registry/bench/app:$commit,push=true" "$work/ctx/$commit" 2>"$log" || rc=$?
  docker buildx rm -f "$builder" >/dev/null 2>&1 || true
  # Under heavy load buildx rm has left the node's container and state volume behind: this builder's own only.
  docker rm -f "buildx_buildkit_${builder}0" >/dev/null 2>&1 || true
  docker volume rm "buildx_buildkit_${builder}0_state" >/dev/null 2>&1 || true
  if ((rc != 0)); then echo "chain: build of $commit failed" >&2; tail -5 "$log" >&2; exit 1; fi
}

# cached LOG: "N name|name" — steps cached (of the six counted) and the counted steps that ran.
cached() {
  jq -rs '[.[] | .vertexes // [] | .[] | select(.name | test("^\\[[a-z0-9-]+ [0-9]+/[0-9]+\\] (COPY|RUN)"))]
    | group_by(.digest) | map({name: .[0].name, cached: (map(.cached // false) | any)})
    | "\(map(select(.cached)) | length) \(map(select(.cached | not) | .name | capture("^\\[(?<s>[^]]+)\\]").s) | join("|"))"' "$1"
}

exists() { curl -s -o /dev/null -w '%{http_code}' -u "$user:$password" -H 'Accept: application/vnd.oci.image.index.v1+json' \
  -H 'Accept: application/vnd.oci.image.manifest.v1+json' -H 'Accept: application/vnd.docker.distribution.manifest.v2+json' \
  "http://$registry/v2/${1%%:*}/manifests/${1##*:}" | grep -q '^200$'; }

# Each scenario: its setup jobs (cache repository of its own), then the measured commit and its roles' refs.
declare -A own target default merged measured foreign
setup() {
  local s="$1" c="$registry/$1/cache"
  case "$s" in
    rerun | next | main-moved | rebased)
      job "$work/setup.log" m1 "$c:main" "$c:main"
      job "$work/setup.log" f1 "$c:feature" "$c:feature" "$c:main"
      [[ "$s" == main-moved ]] && job "$work/setup.log" m2 "$c:main" "$c:main"
      [[ "$s" == rebased ]] && job "$work/setup.log" m3 "$c:main" "$c:main" && foreign[$s]="$c:feature"
      own[$s]="$c:feature" default[$s]="$c:main"
      case "$s" in rerun) measured[$s]=f1 ;; rebased) measured[$s]=fr ;; *) measured[$s]=f2 ;; esac
      ;;
    new-branch)
      job "$work/setup.log" m1 "$c:main" "$c:main"
      own[$s]="$c:new" default[$s]="$c:main" measured[$s]=n1
      ;;
    mr)
      job "$work/setup.log" m1 "$c:main" "$c:main"
      job "$work/setup.log" r1 "$c:release" "$c:release" "$c:main"
      job "$work/setup.log" g1 "$c:feature" "$c:feature" "$c:release" "$c:main"
      own[$s]="$c:feature" target[$s]="$c:release" default[$s]="$c:main" measured[$s]=g2
      ;;
    merge)
      job "$work/setup.log" m1 "$c:main" "$c:main"
      job "$work/setup.log" b1 "$c:bump" "$c:bump" "$c:main"
      own[$s]="$c:main" merged[$s]="$c:bump" measured[$s]=mb
      ;;
    *) echo "chain: unknown scenario $s" >&2; exit 2 ;;
  esac
}

# refs SCENARIO STRATEGY: the refs to import, one a line; nothing when the strategy does not apply.
refs() {
  local s="$1" o="${own[$1]:-}" t="${target[$1]:-}" d="${default[$1]:-}" m="${merged[$1]:-}" list=()
  case "$2" in
    own) list=("$o") ;;
    target) list=("$t") ;;
    default) [[ "$d" != "$o" ]] && list=("$d") ;;
    merged) list=("$m") ;;
    chain) list=("$o" "$t" "$d") ;;
    reversed) list=("$d" "$t" "$o") ;;
    chain+merged) [[ -n "$m" ]] && list=("$o" "$m" "$t" "$d") ;;
    merged+chain) [[ -n "$m" ]] && list=("$m" "$o" "$t" "$d") ;;
    first) for r in "$m" "$o" "$t" "$d"; do if [[ -n "$r" ]] && exists "${r#"$registry/"}"; then list=("$r"); break; fi; done ;;
    rule)
      local f="${foreign[$1]:-}"
      for r in "$m" "$o" "$t" "$d" "$f"; do
        if [[ -n "$r" && ( "$r" != "$f" || ${#list[@]} -eq 0 ) ]] && exists "${r#"$registry/"}"; then list=("$r"); [[ "$r" != "$f" ]] && break; fi
      done
      ;;
    *) echo "chain: unknown strategy $2" >&2; exit 2 ;;
  esac
  local seen=" "
  for r in "${list[@]}"; do
    if [[ -n "$r" && "$seen" != *" $r "* ]] && exists "${r#"$registry/"}"; then echo "$r"; seen+="$r "; fi
  done
}

busy() { for _ in 1 2; do (while :; do :; done) & load_pids+=($!); done; }
quiet() { for pid in "${load_pids[@]}"; do kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true; done; load_pids=(); }

echo "chain bench: $(docker buildx version | awk '{print $2}'), BuildKit $(docker image inspect -f '{{join .RepoTags " "}}' moby/buildkit:buildx-stable-1 2>/dev/null | grep -o 'v[0-9][0-9.]*' | head -1), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
results="$work/results"
: >"$results"
for s in $scenarios; do
  setup "$s"
  for strategy in $strategies; do
    mapfile -t chosen < <(refs "$s" "$strategy")
    if ((${#chosen[@]} == 0)) && [[ "$strategy" != own ]]; then continue; fi
    names="$(printf '%s\n' "${chosen[@]}" | sed 's/.*://' | paste -sd, -)"
    # A strategy that imports the same refs as one measured before in this scenario has its results.
    if grep -q "^$s [^ ]* ${names:-none} " "$results"; then
      awk -v s="$s" -v n="${names:-none}" -v st="$strategy" '$1 == s && $3 == n && !done[$4 NR] { if (!first) first = $2; if ($2 == first) { $2 = st; print } }' "$results" >>"$results.same"
      cat "$results.same" >>"$results" && : >"$results.same"
      echo "$s $strategy [${names:-none}] the same refs as measured above"
      continue
    fi
    for ((i = 0; i < runs + load_runs; i++)); do
      load=quiet
      if ((i >= runs)); then load=load; busy; fi
      job "$work/run.log" "${measured[$s]}" - "${chosen[@]}"
      quiet
      read -r n ran < <(cached "$work/run.log")
      echo "$s $strategy [${names:-none}] $load $n/6 ${ran:-}"
      echo "$s $strategy ${names:-none} $load $n" >>"$results"
    done
  done
done

echo
echo "| scenario | strategy | refs imported | quiet: min / median / max of 6 cached (runs) | under load |"
echo "|---|---|---|---|---|"
cut -d' ' -f1-3 "$results" | awk '!seen[$0]++' | while read -r s strategy names; do
  mapfile -t q < <(awk -v k="$s $strategy $names" '$1 " " $2 " " $3 == k && $4 == "quiet" { print $5 }' "$results" | sort -n)
  l="$(awk -v k="$s $strategy $names" '$1 " " $2 " " $3 == k && $4 == "load" { print $5 }' "$results" | paste -sd' ' -)"
  m=${#q[@]}
  if ((m == 0)); then echo "| $s | $strategy | $names | - | ${l:--} |"; continue; fi
  printf '| %s | %s | %s | %s / %s / %s (%s) | %s |\n' "$s" "$strategy" "$names" "${q[0]}" "${q[$(((m - 1) / 2))]}" "${q[$((m - 1))]}" "$m" "${l:--}"
done
