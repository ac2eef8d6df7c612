#!/usr/bin/env bash
# Ref-reading benchmark: how long the local reader takes to read a checkout's refs (branch or tag, sha,
# origin/HEAD, origin's address), two ways:
#   1. LibGit2Sharp 0.32.0, in-process: the reader as it was before the git CLI (Refs/ at $LIBGIT2_COMMIT)
#   2. the git CLI through Cake's process runner: the reader in this checkout's src/Cake.BuildxCache/Refs
# Each is compiled into a throwaway console app in a temp folder (nothing is written to the repository), and
# reads two checkouts: this one as it is, and a clone of it with an https origin and origin/HEAD (so that
# every read, the remote's address included, has something to find). Each app runs RUNS times per checkout,
# each run a fresh process, the variants below taking turns, after one warm-up. Best on a quiet machine.
#   first read: the first read in the process, timed inside it. What a build pays, once: LibGit2Sharp's
#               native library load, finding git with Cake's tool locator, and both readers' JIT are in it;
#               .NET start-up (the same for both) is not; Cake's runner and tool locator are built before
#               the clock starts, as a build has them. The git CLI is timed twice: with the tool locator's
#               first use inside the clock (a Plan run, where git is the first tool), and with the locator
#               already used (it found docker first, as in every run that builds: then the cost of the
#               locator is docker's, not the refs').
#   repeat:     the median of 20 more reads in the same process.
# Medians are printed as a Markdown table.
# Usage: bench/refs.sh [RUNS] [REPOSITORY]   (defaults: 15, this repository)
set -euo pipefail
runs="${1:-15}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
repository="$(cd "${2:-$root}" && pwd)"
# The last commit whose Refs/ read with LibGit2Sharp.
libgit2_commit="${LIBGIT2_COMMIT:-c9dc69f701ed3fc10e965ec9285436c58b55caf3}"
export NO_COLOR=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# The Refs files both readers need; the git CLI reader adds its own below.
shared=(RemoteUrl GitRefInfo GitRefResolution CommitSha RefSlug RefKind CiProvider)

project() { # <folder> <extra items>
  mkdir -p "$1"
  cat >"$1/Bench.csproj" <<EOF
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
    <LangVersion>latest</LangVersion>
    <InvariantGlobalization>true</InvariantGlobalization>
  </PropertyGroup>
  $2
  <Import Project="$root/Cake.Assemblies.props" />
</Project>
EOF
}

# Times `read` once (first), then 20 times (repeat); prints "first repeat" in ms, and the refs on stderr.
timing='
var clock = System.Diagnostics.Stopwatch.StartNew();
var refs = read();
var first = clock.Elapsed.TotalMilliseconds;
var repeats = new List<double>();
for (var i = 0; i < 20; i++)
{
    clock.Restart();
    read();
    repeats.Add(clock.Elapsed.TotalMilliseconds);
}

repeats.Sort();
Console.WriteLine(FormattableString.Invariant($"{first:F2} {repeats[repeats.Count / 2]:F2}"));
Console.Error.WriteLine(refs);
'

project "$work/libgit2" '<ItemGroup><PackageReference Include="LibGit2Sharp" Version="0.32.0" /></ItemGroup>'
for file in LocalRefReader "${shared[@]}"; do
  git -C "$root" show "$libgit2_commit:src/Cake.BuildxCache/Refs/$file.cs" >"$work/libgit2/$file.cs"
done
cat >"$work/libgit2/Program.cs" <<EOF
using Cake.BuildxCache.Refs;

Func<string> read = () => LocalRefReader.Read(args[0])!.Refs.ToString();
$timing
EOF

project "$work/cli" ''
for file in LocalRefReader LocalRefRead GitCli GitProcess GitResult "${shared[@]}"; do
  cp "$root/src/Cake.BuildxCache/Refs/$file.cs" "$work/cli/"
done
cat >"$work/cli/Program.cs" <<EOF
using Cake.BuildxCache.Refs;
using Cake.Core;
using Cake.Core.Configuration;
using Cake.Core.Diagnostics;
using Cake.Core.IO;
using Cake.Core.Tooling;

var fileSystem = new FileSystem();
var environment = new CakeEnvironment(new CakePlatform(), new CakeRuntime());
var log = new NullLog();
var configuration = new CakeConfiguration(new Dictionary<string, string>());
var tools = new ToolLocator(environment, new ToolRepository(environment), new ToolResolutionStrategy(fileSystem, environment, new Globber(fileSystem, environment), configuration, log));
if (args.Length > 1 && args[1] == "docker-first")
{
    _ = tools.Resolve(["docker", "docker.exe"]);
}

var reader = new LocalRefReader(new GitCli(new ProcessRunner(fileSystem, environment, log, tools, configuration), tools));
Func<string> read = () => reader.Read(args[0]).Resolution!.Refs.ToString();
$timing
EOF

for app in libgit2 cli; do
  dotnet build "$work/$app/Bench.csproj" -c Release -o "$work/$app/out" -nologo -v q >"$work/$app.build.log" 2>&1 \
    || { cat "$work/$app.build.log" >&2; exit 1; }
done

median() { sort -n | awk '{ a[NR] = $1 } END { printf "%.1f", (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

# The three ways measured: app and its arguments after the checkout.
variants=(libgit2 cli "cli docker-first")

# Runs every variant RUNS times on a checkout, taking turns (so that a change in the machine's load falls on
# all), after one warm-up each; prints each variant's "first repeat" medians on a line.
measure() { # <checkout>
  local variant i
  for variant in "${variants[@]}"; do
    read -r -a run <<<"$variant"
    "$work/${run[0]}/out/Bench" "$1" "${run[@]:1}" >/dev/null 2>"$work/${run[0]}.refs"
    : >"$work/${variant// /-}.times"
  done
  for ((i = 0; i < runs; i++)); do
    for variant in "${variants[@]}"; do
      read -r -a run <<<"$variant"
      "$work/${run[0]}/out/Bench" "$1" "${run[@]:1}" 2>/dev/null >>"$work/${variant// /-}.times"
    done
  done
  if ! diff -q "$work/libgit2.refs" "$work/cli.refs" >/dev/null; then
    echo "The readers disagree on $1:" >&2
    diff "$work/libgit2.refs" "$work/cli.refs" >&2 || true
  fi
  for variant in "${variants[@]}"; do
    echo "$(cut -d' ' -f1 "$work/${variant// /-}.times" | median) $(cut -d' ' -f2 "$work/${variant// /-}.times" | median)"
  done
}

git clone -q --shared "$repository" "$work/clone"
git -C "$work/clone" remote set-url origin https://gitlab.example.com/group/app.git

labels=("LibGit2Sharp 0.32.0, in-process" "git CLI via Cake's process runner, git the first tool found" "git CLI via Cake's process runner, docker found first")
printf '| checkout | reader | first read (ms) | repeat (ms) |\n|---|---|---|---|\n'
for checkout in "$repository" "$work/clone"; do
  name="$([[ $checkout == "$repository" ]] && echo "${repository/#$root/this repository}" || echo "its clone with origin")"
  i=0
  while read -r first repeat; do
    printf '| %s | %s | %s | %s |\n' "$name" "${labels[i]}" "$first" "$repeat"
    i=$((i + 1))
  done < <(measure "$checkout")
done
printf '\nMedians of %s runs each after one warm-up, the variants taking turns; %s; %s cores; %s.\n' \
  "$runs" "$(git --version)" "$(nproc)" "$(uptime | sed 's/.*load/load/')"
