#!/usr/bin/env pwsh
# Runs this repository's build (build/, a C# program on Cake.BuildxCache.Hosting) with the arguments given:
#   ./build.ps1 --target=Plan      ./build.ps1 --target=Publish      ./build.ps1 --tree
# The program is built once, ReadyToRun for this machine, into build/bin/app, and built again only when one of
# its inputs changes: a start then costs a fraction of a second instead of `dotnet run`'s seconds.
$ErrorActionPreference = 'Stop'
Set-Location -LiteralPath $PSScriptRoot

$appDir = Join-Path $PSScriptRoot 'build/bin/app'
$stamp = Join-Path $appDir '.inputs'
$exe = if ($IsWindows -or $env:OS -eq 'Windows_NT') { Join-Path $appDir 'Build.exe' } else { Join-Path $appDir 'Build' }

# The inputs, as build.sh computes them: every source and project file of build/ (bin/ and obj/ aside) and the
# repository-wide files that change how it restores or builds; the SHA-1 of sha1sum's lines ("<sha1>  <path>`n",
# paths relative, in byte order), so either script accepts the other's build.
$extensions = '.cs', '.csproj', '.props', '.targets', '.json', '.config', '.Config'
$shared = 'Directory.Build.props', 'Directory.Build.targets', 'Directory.Packages.props', 'global.json', 'nuget.config', 'NuGet.Config', '.config/dotnet-tools.json'
$files = @(Get-ChildItem -LiteralPath 'build' -Recurse -File -Force | Where-Object { $extensions -ccontains $_.Extension })
$files += @($shared | Where-Object { Test-Path -LiteralPath $_ -PathType Leaf } | ForEach-Object { Get-Item -LiteralPath $_ -Force })
[string[]]$paths = $files | ForEach-Object { [System.IO.Path]::GetRelativePath($PSScriptRoot, $_.FullName).Replace('\', '/') } |
    Where-Object { ($_ -split '/') -notcontains 'bin' -and ($_ -split '/') -notcontains 'obj' } | Select-Object -Unique
[System.Array]::Sort($paths, [System.StringComparer]::Ordinal)
$text = -join ($paths | ForEach-Object { (Get-FileHash -Algorithm SHA1 -LiteralPath $_).Hash.ToLowerInvariant() + '  ' + $_ + "`n" })
$sha = [System.Security.Cryptography.SHA1]::Create()
$hash = [System.BitConverter]::ToString($sha.ComputeHash([System.Text.Encoding]::UTF8.GetBytes($text))).Replace('-', '').ToLowerInvariant()

if (-not (Test-Path -LiteralPath $exe) -or -not (Test-Path -LiteralPath $stamp) -or (Get-Content -LiteralPath $stamp -Raw).Trim() -ne $hash) {
    [Console]::Error.WriteLine('Building the build program (build/) ...')
    $env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'; $env:DOTNET_NOLOGO = '1'; $env:DOTNET_SKIP_FIRST_TIME_EXPERIENCE = '1'
    # The Cake 7 engine comes from the cake.tool package (.config/dotnet-tools.json), as build.sh brings it in.
    & dotnet tool restore | Out-Host
    if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
    if (Test-Path -LiteralPath $stamp) { Remove-Item -LiteralPath $stamp }
    # ReadyToRun for this machine's runtime, as build.sh does; else a plain build, which works everywhere.
    $arch = switch ([System.Runtime.InteropServices.RuntimeInformation]::OSArchitecture) { 'X64' { 'x64' } 'Arm64' { 'arm64' } default { $null } }
    $os = if ($IsWindows -or $env:OS -eq 'Windows_NT') { 'win' } elseif ($IsMacOS) { 'osx' } else { 'linux' }
    $published = $false
    if ($arch) {
        & dotnet publish build/Build.csproj -c Release -r "$os-$arch" --self-contained false -p:PublishReadyToRun=true -o $appDir -nologo -v quiet | Out-Host
        $published = $LASTEXITCODE -eq 0
    }
    if (-not $published) {
        & dotnet build build/Build.csproj -c Release -o $appDir -nologo -v quiet | Out-Host
        if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
    }
    Set-Content -LiteralPath $stamp -Value $hash -NoNewline
}

& $exe @args
exit $LASTEXITCODE
