#!/usr/bin/env bash
# Builds the build app (build/) only when its inputs changed, then runs it with the arguments given.
# Usage: ./build.sh [--target=<task>] [--tree] [--help] [--<option>=<value> ...]
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"

app_dir="$root/.artifacts/build-app"
stamp="$app_dir/.inputs"

# Every file the build app is compiled from; a change to any of them (or to the list) triggers a build.
# The stamp is the SHA-1 of sha1sum's lines ("<sha1>  <path>\n", paths relative, in byte order); build.ps1
# computes the same, so either bootstrapper accepts the other's build.
inputs_hash() {
  find build src Directory.Build.props Cake.Assemblies.props global.json \
    \( -name bin -o -name obj \) -prune -o \
    -type f \( -name '*.cs' -o -name '*.csproj' -o -name '*.props' -o -name '*.targets' -o -name '*.json' \) -print0 \
    | LC_ALL=C sort -z | xargs -0 sha1sum | sha1sum | cut -d' ' -f1
}

# ReadyToRun-compiled for this machine's runtime: it halves start-up (no JIT of Cake and Spectre).
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
  echo "Building the build app (build/) ..." >&2
  export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
  rm -f "$stamp"
  if ! { rid="$(runtime_id)" && dotnet publish build/Build.csproj -c Release -r "$rid" --self-contained false \
        -p:PublishReadyToRun=true -o "$app_dir" -nologo -v quiet >&2; }; then
    # No ReadyToRun compiler for this platform (or offline without it): a plain build works everywhere.
    dotnet build build/Build.csproj -c Release -o "$app_dir" -nologo -v quiet >&2
  fi
  echo "$hash" > "$stamp"
fi

exec "$app_dir/Build" "$@"
