#!/usr/bin/env pwsh
# Runs this repository's build script (build.cake) with the official Cake runner and the arguments given:
#   ./build.ps1 --target=Plan      ./build.ps1 --target=Publish      ./build.ps1 --tree
# cake.tool comes from .config/dotnet-tools.json; cake.config turns Cake's script cache on, so the script is
# compiled once and again only when it changes.
$ErrorActionPreference = 'Stop'
Set-Location -LiteralPath $PSScriptRoot
$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'; $env:DOTNET_NOLOGO = '1'; $env:DOTNET_SKIP_FIRST_TIME_EXPERIENCE = '1'
& dotnet tool restore | Out-Null
if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
& dotnet cake build.cake @args
exit $LASTEXITCODE
