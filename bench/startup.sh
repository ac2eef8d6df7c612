#!/usr/bin/env bash
# Start-up benchmark: how long `--tree` takes through each way of running a Cake build.
#   1. ./build.sh --tree, warm (the build app is already built: this is every call but the first)
#   2. dotnet run --project build/Build.csproj -- --tree (what a plain Frosting repository does)
#   3. the official Cake runner (Cake.Tool 7.0.0) on bench/build.cake, with its script cache
#   4. the same without the script cache (every CI job on a fresh runner)
# Each command runs RUNS times after one warm-up; the median and min of wall-clock time are printed
# as a Markdown table. Usage: bench/startup.sh [RUNS]   (default 15)
set -euo pipefail
runs="${1:-15}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export NO_COLOR=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

cd "$root/bench"
dotnet tool restore >/dev/null
"$root/build.sh" --tree >/dev/null   # builds the build app if needed

# Times one command RUNS times (after one warm-up) and prints "median min" in seconds.
measure() {
  "$@" >/dev/null 2>&1 || { echo "failed: $*" >&2; exit 1; }
  local times=()
  for ((i = 0; i < runs; i++)); do
    local start end
    start=$(date +%s%N)
    "$@" >/dev/null 2>&1
    end=$(date +%s%N)
    times+=("$(( (end - start) / 1000000 ))")
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{ a[NR] = $1 } END {
    median = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2
    printf "%.3f %.3f\n", median / 1000, a[1] / 1000 }'
}

no_cache() { CAKE_SETTINGS_ENABLESCRIPTCACHE=false dotnet cake build.cake --tree; }
with_cache() { CAKE_SETTINGS_ENABLESCRIPTCACHE=true dotnet cake build.cake --tree; }

printf '| command | median (s) | min (s) |\n|---|---|---|\n'
read -r m n < <(measure "$root/build.sh" --tree);                                   printf '| `./build.sh --tree` (warm) | %s | %s |\n' "$m" "$n"
read -r m n < <(measure dotnet run --project "$root/build/Build.csproj" -c Release -- --tree); printf '| `dotnet run --project build -- --tree` | %s | %s |\n' "$m" "$n"
read -r m n < <(measure with_cache);                                                printf '| `dotnet cake build.cake --tree` (script cache on) | %s | %s |\n' "$m" "$n"
read -r m n < <(measure no_cache);                                                  printf '| `dotnet cake build.cake --tree` (script cache off) | %s | %s |\n' "$m" "$n"
printf '\n%s runs each after one warm-up; %s cores; %s.\n' "$runs" "$(nproc)" "$(uptime | sed 's/.*load/load/')"
