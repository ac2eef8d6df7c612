using System.Text;
using System.Text.Json;
using Cake.BuildxCache.Tests.Support;

namespace Cake.BuildxCache.Tests.EndToEnd.Harness;

/// <summary>
/// What one test's docker sees: a temporary <c>DOCKER_CONFIG</c> (credentials, CLI plugins, buildx state),
/// a <c>docker</c> shim first on PATH that records every docker command line and then runs the real docker
/// CLI, an empty HOME, and the buildx of <see cref="BuildxKind"/>. With the real buildx, dispose removes every
/// builder the test created (from this same <c>DOCKER_CONFIG</c>, or their containers would stay in the engine).
/// </summary>
internal sealed class DockerSandbox : IDisposable
{
    private const char ArgumentSeparator = '\u001f';
    private const char StdinSeparator = '\u001e';

    private readonly TemporaryDirectory _directory = new();

    public DockerSandbox(BuildxKind buildx)
    {
        Buildx = buildx;
        ConfigDirectory = Directory.CreateDirectory(Path.Combine(_directory.Path, "docker-config")).FullName;
        BinDirectory = Directory.CreateDirectory(Path.Combine(_directory.Path, "bin")).FullName;
        HomeDirectory = Directory.CreateDirectory(Path.Combine(_directory.Path, "home")).FullName;
        PluginDirectory = Directory.CreateDirectory(Path.Combine(ConfigDirectory, "cli-plugins")).FullName;
        DoubleState = Path.Combine(ConfigDirectory, "buildx-double");
        ShimLog = Path.Combine(_directory.Path, "docker-calls.log");
        File.WriteAllText(ShimLog, string.Empty);
        WriteShim(Tools.Docker);

        string? plugin = null;
        if (buildx == BuildxKind.Double)
        {
            Directory.CreateDirectory(Path.Combine(DoubleState, "builders"));
            File.WriteAllText(Path.Combine(DoubleState, "fixtures"), Tools.FixturesFolder + "\n");
            File.WriteAllText(Path.Combine(DoubleState, "calls.log"), string.Empty);

            // Beside its state: the double finds DOCKER_CONFIG as its own folder's parent.
            plugin = Path.Combine(DoubleState, "docker-buildx");
            File.Copy(Tools.Source("Doubles/docker-buildx"), plugin);
            MakeExecutable(plugin);
        }
        else if (buildx == BuildxKind.Real)
        {
            // The real plugin may live in the user's ~/.docker/cli-plugins, which this DOCKER_CONFIG hides.
            plugin = RealStack.PluginPath;
        }

        WritePluginShim(plugin);
    }

    public BuildxKind Buildx { get; }

    public string ConfigDirectory { get; }

    public string BinDirectory { get; }

    public string HomeDirectory { get; }

    public string PluginDirectory { get; }

    public string DoubleState { get; }

    public string ShimLog { get; }

    /// <summary>The directory holding everything (for files a test needs beside the sandbox).</summary>
    public string Root => _directory.Path;

    /// <summary>Every docker command line, in order, as the shim saw it (arguments after <c>docker</c>).</summary>
    public IReadOnlyList<IReadOnlyList<string>> DockerCalls() =>
        [.. File.ReadAllLines(ShimLog).Where(line => line.Length > 0).Select(SplitArguments)];

    /// <summary>Every call the buildx double got (arguments after <c>buildx</c>) and the stdin it was given.</summary>
    public IReadOnlyList<PluginCall> PluginCalls()
    {
        Assert.That(Buildx, Is.EqualTo(BuildxKind.Double), "only the double records its calls");
        return
        [
            .. File.ReadAllLines(Path.Combine(DoubleState, "calls.log"))
                .Where(line => line.Length > 0)
                .Select(line =>
                {
                    var parts = line.Split(StdinSeparator);
                    var arguments = SplitArguments(parts[0]);
                    var stdin = Encoding.UTF8.GetString(Convert.FromBase64String(parts.Length > 1 ? parts[1] : string.Empty));
                    return new PluginCall(arguments.Count > 0 && arguments[0] == "buildx" ? arguments[1..] : arguments, stdin);
                }),
        ];
    }

    /// <summary>Tells the double to fail as buildx 0.10.5 did: <c>cache-export</c>.</summary>
    public void FailDouble(string what) => File.WriteAllText(Path.Combine(DoubleState, "fail"), what);

    /// <summary>Makes the docker shim wait before it runs docker login, so that a scan of /proc sees the login.</summary>
    public void SlowDownLogin(TimeSpan delay) =>
        File.WriteAllText(Path.Combine(Root, "login-delay"), delay.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>The registries <c>config.json</c> holds credentials for.</summary>
    public IReadOnlyList<string> StoredLogins()
    {
        var file = Path.Combine(ConfigDirectory, "config.json");
        if (!File.Exists(file))
        {
            return [];
        }

        using var json = JsonDocument.Parse(File.ReadAllText(file));
        return json.RootElement.TryGetProperty("auths", out var auths)
            ? [.. auths.EnumerateObject().Where(entry => entry.Value.TryGetProperty("auth", out _)).Select(entry => entry.Name)]
            : [];
    }

    /// <summary>The variables every run in this sandbox gets (before the scenario's).</summary>
    public Dictionary<string, string> Environment()
    {
        var variables = new Dictionary<string, string>
        {
            ["PATH"] = BinDirectory + Path.PathSeparator + (System.Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin"),
            ["HOME"] = HomeDirectory,
            ["DOCKER_CONFIG"] = ConfigDirectory,
            ["NO_COLOR"] = "1",
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
        };
        if (Buildx != BuildxKind.Real)
        {
            // No engine is needed without the real buildx; pointing at none keeps a developer's engine out of it.
            variables["DOCKER_HOST"] = "unix://" + Path.Combine(Root, "no-daemon.sock");
        }

        foreach (var name in new[] { "DOTNET_ROOT", "TMPDIR", "LANG", "DOCKER_HOST", "DOCKER_CONTEXT" })
        {
            if (System.Environment.GetEnvironmentVariable(name) is { Length: > 0 } value)
            {
                variables.TryAdd(name, value);
            }
        }

        return variables;
    }

    public void Dispose()
    {
        if (Buildx == BuildxKind.Real)
        {
            TestBuilders.RemoveAll(this);
        }

        _directory.Dispose();
    }

    private static void MakeExecutable(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Ignore("The end-to-end tests need a Unix: bash, /proc and Debian's docker-registry.");
            return;
        }

        File.SetUnixFileMode(path, (UnixFileMode)0b111_101_101);
    }

    private static List<string> SplitArguments(string line) =>
        [.. line.Split(ArgumentSeparator).SkipLast(1)];

    private void WriteShim(string realDocker)
    {
        var shim = Path.Combine(BinDirectory, "docker");
        var delay = Path.Combine(Root, "login-delay");
        File.WriteAllText(shim, $$"""
            #!/usr/bin/env bash
            # Test shim: records the docker command line (never stdin), then runs the real docker CLI.
            printf '%s\x1f' "$@" >> '{{ShimLog}}'
            printf '\n' >> '{{ShimLog}}'
            if [[ "${1:-}" == login && -f '{{delay}}' ]]; then sleep "$(cat '{{delay}}')"; fi
            if [[ "${1:-}" == buildx && '{{Buildx}}' == None ]]; then echo "test sandbox: this test runs no buildx" >&2; exit 127; fi
            exec '{{realDocker}}' "$@"

            """);
        MakeExecutable(shim);
    }

    // The build app starts the plugin in DOCKER_CONFIG/cli-plugins directly, as `docker-buildx <command> …`; docker
    // starts it as `docker-buildx buildx <command> …` (the docker shim recorded that one) after asking for its
    // metadata. A direct start is recorded as the `buildx …` command docker would have run.
    private void WritePluginShim(string? plugin)
    {
        var shim = Path.Combine(PluginDirectory, "docker-buildx");
        File.WriteAllText(shim, $$"""
            #!/usr/bin/env bash
            # Test shim for the buildx plugin: records a direct start, then runs the plugin.
            if [[ "${1:-}" != buildx && "${1:-}" != docker-cli-plugin-metadata ]]; then
              printf '%s\x1f' buildx "$@" >> '{{ShimLog}}'
              printf '\n' >> '{{ShimLog}}'
            fi
            if [[ -z '{{plugin}}' ]]; then echo "test sandbox: this test runs no buildx" >&2; exit 127; fi
            exec '{{plugin}}' "$@"

            """);
        MakeExecutable(shim);
    }
}

/// <summary>Which buildx the docker CLI dispatches to.</summary>
public enum BuildxKind
{
    /// <summary>None: the shim refuses <c>docker buildx</c> (for tests of what runs before, or without, any build).</summary>
    None,

    /// <summary>The recording test double in <c>Doubles/docker-buildx</c>: buildx 0.10.5, which no engine here runs.</summary>
    Double,

    /// <summary>The real buildx plugin, with a real Docker engine.</summary>
    Real,
}

/// <summary>One call of the buildx double.</summary>
internal sealed record PluginCall(IReadOnlyList<string> Arguments, string Stdin)
{
    public string Command => Arguments.Count > 0 ? Arguments[0] : string.Empty;

    public override string ToString() => string.Join(' ', Arguments);
}
