#!/usr/bin/env pwsh
# Builds the build app (build/) only when its inputs changed, then runs it with the arguments given.
# Usage: ./build.ps1 [--target=<task>] [--tree] [--help] [--<option>=<value> ...]
$ErrorActionPreference = 'Stop'
Set-Location -LiteralPath $PSScriptRoot

$appDir = Join-Path $PSScriptRoot '.artifacts/build-app'
$stamp = Join-Path $appDir '.inputs'
$exe = if ($IsWindows -or $env:OS -eq 'Windows_NT') { Join-Path $appDir 'Build.exe' } else { Join-Path $appDir 'Build' }

# Every file the build app is compiled from; a change to any of them (or to the list) triggers a build.
# The stamp is the SHA-1 of sha1sum's lines ("<sha1>  <path>`n", paths relative, in byte order), as build.sh
# computes it, so either bootstrapper accepts the other's build.
$extensions = '.cs', '.csproj', '.props', '.targets', '.json'
$files = @('build', 'src') | ForEach-Object { Get-ChildItem -LiteralPath $_ -Recurse -File } |
    Where-Object { $extensions -contains $_.Extension -and $_.FullName -notmatch '[\\/](bin|obj)[\\/]' }
$files += @('Directory.Build.props', 'Cake.Assemblies.props', 'global.json') | ForEach-Object { Get-Item -LiteralPath $_ }
[string[]]$paths = $files | ForEach-Object { [System.IO.Path]::GetRelativePath($PSScriptRoot, $_.FullName).Replace('\', '/') }
[System.Array]::Sort($paths, [System.StringComparer]::Ordinal)
$text = -join ($paths | ForEach-Object { (Get-FileHash -Algorithm SHA1 -LiteralPath $_).Hash.ToLowerInvariant() + '  ' + $_ + "`n" })
$sha = [System.Security.Cryptography.SHA1]::Create()
$hash = [System.BitConverter]::ToString($sha.ComputeHash([System.Text.Encoding]::UTF8.GetBytes($text))).Replace('-', '').ToLowerInvariant()

if (-not (Test-Path -LiteralPath $exe) -or -not (Test-Path -LiteralPath $stamp) -or (Get-Content -LiteralPath $stamp -Raw).Trim() -ne $hash) {
    [Console]::Error.WriteLine('Building the build app (build/) ...')
    $env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'; $env:DOTNET_NOLOGO = '1'
    # ReadyToRun-compiled for this machine's runtime, as build.sh does: it halves start-up (no JIT of Cake and Spectre).
    $arch = switch ([System.Runtime.InteropServices.RuntimeInformation]::OSArchitecture) { 'X64' { 'x64' } 'Arm64' { 'arm64' } default { $null } }
    $os = if ($IsWindows -or $env:OS -eq 'Windows_NT') { 'win' } elseif ($IsMacOS) { 'osx' } else { 'linux' }
    $published = $false
    if ($arch) {
        & dotnet publish build/Build.csproj -c Release -r "$os-$arch" --self-contained false -p:PublishReadyToRun=true -o $appDir -nologo -v quiet | Out-Host
        $published = $LASTEXITCODE -eq 0
    }
    if (-not $published) {
        # No ReadyToRun compiler for this platform (or offline without it): a plain build works everywhere.
        & dotnet build build/Build.csproj -c Release -o $appDir -nologo -v quiet | Out-Host
        if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
    }
    Set-Content -LiteralPath $stamp -Value $hash -NoNewline
}

& $exe @args
exit $LASTEXITCODE
