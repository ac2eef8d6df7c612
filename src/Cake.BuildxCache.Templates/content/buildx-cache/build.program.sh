#!/usr/bin/env bash
# Runs this repository's build (build/, a C# program on Cake.BuildxCache.Hosting) with the arguments given:
#   ./build.sh --target=Plan      ./build.sh --target=Publish      ./build.sh --tree
# The program is built once, ReadyToRun for this machine, into build/bin/app, and built again only when one of
# its inputs changes: a start then costs a fraction of a second instead of `dotnet run`'s seconds.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"

app_dir="$root/build/bin/app"
stamp="$app_dir/.inputs"

# The inputs: every source and project file of build/ (bin/ and obj/ aside) and the repository-wide files that
# change how it restores or builds. The stamp is the SHA-1 of sha1sum's lines ("<sha1>  <path>\n", paths
# relative, in byte order); build.ps1 computes the same, so either script accepts the other's build.
inputs_hash() {
  local shared=()
  for file in Directory.Build.props Directory.Build.targets Directory.Packages.props global.json nuget.config NuGet.Config .config/dotnet-tools.json; do
    [[ -f "$file" ]] && shared+=("$file")
  done
  find build "${shared[@]}" \( -name bin -o -name obj \) -prune -o \
    -type f \( -name '*.cs' -o -name '*.csproj' -o -name '*.props' -o -name '*.targets' -o -name '*.json' -o -name '*.config' -o -name '*.Config' \) -print0 \
    | LC_ALL=C sort -z | xargs -0 sha1sum | sha1sum | cut -d' ' -f1
}

runtime_id() {
  local arch libc=""
  case "$(uname -m)" in
    x86_64 | amd64) arch=x64 ;;
    aarch64 | arm64) arch=arm64 ;;
    *) return 1 ;;
  esac
  case "$(uname -s)" in
    Linux) ldd --version 2>&1 | grep -qi musl && libc="-musl"; echo "linux${libc}-${arch}" ;;
    Darwin) echo "osx-${arch}" ;;
    *) return 1 ;;
  esac
}

hash="$(inputs_hash)"
if [[ ! -x "$app_dir/Build" || ! -f "$stamp" || "$(cat "$stamp")" != "$hash" ]]; then
  echo "Building the build program (build/) ..." >&2
  export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
  # The Cake 7 engine comes from the cake.tool package (.config/dotnet-tools.json): NuGet does not restore a
  # download that a package declares for its consumers, so the tool restore brings it into the NuGet cache.
  dotnet tool restore >&2
  rm -f "$stamp"
  # ReadyToRun halves the start (no JIT of Cake and Spectre.Console); without a ReadyToRun compiler for this
  # platform, or offline without it, a plain build works everywhere.
  if ! { rid="$(runtime_id)" && dotnet publish build/Build.csproj -c Release -r "$rid" --self-contained false \
        -p:PublishReadyToRun=true -o "$app_dir" -nologo -v quiet >&2; }; then
    dotnet build build/Build.csproj -c Release -o "$app_dir" -nologo -v quiet >&2
  fi
  echo "$hash" > "$stamp"
fi

exec "$app_dir/Build" "$@"
