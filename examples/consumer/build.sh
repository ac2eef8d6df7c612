#!/usr/bin/env bash
# Runs this repository's Cake build (build/) with the arguments given, e.g. ./build.sh --target=Publish.
# The build app comes from the Cake.BuildxCache packages (see nuget.config); dotnet run builds it when needed.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# The Cake 7 engine comes from the official Cake.Tool package (.config/dotnet-tools.json): NuGet does not
# restore a download that a package declares for its consumers, so the tool restore brings it in.
dotnet tool restore >/dev/null
exec dotnet run --project build/Build.csproj -c Release -- "$@"
