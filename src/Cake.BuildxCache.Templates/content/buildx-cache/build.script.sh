#!/usr/bin/env bash
# Runs this repository's build script (build.cake) with the official Cake runner and the arguments given:
#   ./build.sh --target=Plan      ./build.sh --target=Publish      ./build.sh --tree
# cake.tool comes from .config/dotnet-tools.json; cake.config turns Cake's script cache on, so the script is
# compiled once and again only when it changes.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
dotnet tool restore >/dev/null
exec dotnet cake build.cake "$@"
