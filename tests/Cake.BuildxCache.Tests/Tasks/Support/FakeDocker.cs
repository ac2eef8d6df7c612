using System.Text.RegularExpressions;
using Cake.Core.IO;
using NSubstitute;

namespace Cake.BuildxCache.Tests.Tasks.Support;

/// <summary>The state of the one builder the fake docker knows.</summary>
internal enum BuilderState
{
    Missing,
    Running,
    Inactive,
}

/// <summary>
/// An NSubstitute <see cref="IProcessRunner"/> scripted as docker: every start is recorded (rendered
/// arguments, redacted arguments, stdin bytes, order) and answered by the last rule whose pattern
/// matches the rendered arguments. The defaults are the real buildx 0.10.5 outputs: the builder is
/// <see cref="Builder"/> (missing until <c>buildx create</c> makes it running, which buildx refuses for a builder that
/// exists; <c>inspect --bootstrap</c>
/// starts it, <c>buildx rm</c> removes it), docker contexts do not exist, every login succeeds, a build
/// succeeds and writes the captured metadata file. A test adds rules for what differs.
/// A call no rule matches fails with exit code 127 and is listed in <see cref="Unscripted"/>.
/// The buildx plugin started directly is recorded as the <c>buildx …</c> command docker would have run for it.
/// git reading the refs of a local workspace (every git command but <c>ls-remote</c>) goes to the real git
/// through Cake's real process runner: the workspace is a real repository, and those reads are neither
/// scripted nor counted among <see cref="Calls"/>.
/// </summary>
internal sealed partial class FakeDocker
{
    private readonly List<(Regex Pattern, Func<DockerCall, DockerAnswer> Answer)> _rules = [];
    private readonly List<DockerCall> _calls = [];
    private readonly List<DockerCall> _unscripted = [];
    private readonly object _gate = new();
    private readonly Lazy<(IProcessRunner Runner, FilePath? Git)> _realGit =
        new(() => (Refs.CakeProcesses.Runner(), Refs.CakeProcesses.Tools().Resolve(["git", "git.exe"])));

    public FakeDocker()
    {
        Runner.Start(Arg.Any<FilePath>(), Arg.Any<ProcessSettings>())
            .Returns(call => Start(call.Arg<FilePath>(), call.Arg<ProcessSettings>()));

        On("^buildx version$", "buildx-version.txt");
        On("^buildx inspect ", Inspect);
        On("^buildx create ", Create);
        On("^buildx rm ", _ => Then(DockerAnswer.Fixture("buildx-rm.txt"), BuilderState.Missing));
        On("^buildx prune ", "buildx-prune.txt");
        On("^buildx build ", _ => DockerAnswer.Ok() with { SideEffect = WriteMetadata });
        On("^context inspect ", _ => DockerAnswer.Fail(1, "context \"x\": context not found: open /root/.docker/contexts/meta/x/meta.json: no such file or directory"));
        On("^context create ", _ => DockerAnswer.Ok("buildx-cache-context", "Successfully created context \"buildx-cache-context\""));
        On("^login ", "docker-login-ok.txt");
        On("^logout ", "docker-logout.nodaemon.txt");
    }

    /// <summary>Gets or sets the state of the builder <c>buildx inspect</c> describes.</summary>
    public BuilderState Builder { get; set; } = BuilderState.Missing;

    /// <summary>Gets or sets a change to the inspect fixtures' lines, e.g. another driver.</summary>
    public Func<string, string> EditInspect { get; set; } = line => line;

    /// <summary>The substitute to register as the host's <see cref="IProcessRunner"/>.</summary>
    public IProcessRunner Runner { get; } = Substitute.For<IProcessRunner>();

    /// <summary>Every call, in the order the tasks made them.</summary>
    public IReadOnlyList<DockerCall> Calls
    {
        get
        {
            lock (_gate)
            {
                return [.. _calls];
            }
        }
    }

    /// <summary>The rendered arguments of every call, in order.</summary>
    public IReadOnlyList<string> Commands => [.. Calls.Select(call => call.Arguments)];

    /// <summary>Calls no rule answered.</summary>
    public IReadOnlyList<DockerCall> Unscripted
    {
        get
        {
            lock (_gate)
            {
                return [.. _unscripted];
            }
        }
    }

    /// <summary>Answers calls whose rendered arguments match <paramref name="pattern"/> with a captured fixture.</summary>
    public FakeDocker On(string pattern, string fixture) => On(pattern, _ => DockerAnswer.Fixture(fixture));

    /// <summary>Answers calls whose rendered arguments match <paramref name="pattern"/>; later rules win.</summary>
    public FakeDocker On(string pattern, Func<DockerCall, DockerAnswer> answer)
    {
        _rules.Add((new Regex(pattern, RegexOptions.CultureInvariant), answer));
        return this;
    }

    /// <summary>The build's metadata file as buildx writes it: the real captured one, at <c>--metadata-file</c>.</summary>
    public static void WriteMetadata(DockerCall call)
    {
        if (MetadataFile().Match(call.Arguments) is not { Success: true } match)
        {
            return;
        }

        var path = new FilePath(match.Groups["path"].Value);
        var absolute = call.WorkingDirectory is { } directory ? path.MakeAbsolute(directory) : path;
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(absolute.FullPath)!);
        File.Copy(Docker.Fixtures.PathOf("build-metadata.json"), absolute.FullPath, overwrite: true);
    }

    private DockerAnswer Then(DockerAnswer answer, BuilderState state) => answer with { SideEffect = _ => Builder = state };

    // buildx refuses a name that exists, as captured (for the builder "fixture-b"), and leaves that builder as it is.
    private DockerAnswer Create(DockerCall call)
    {
        if (Builder == BuilderState.Missing)
        {
            return Then(DockerAnswer.Fixture("buildx-create.txt"), BuilderState.Running);
        }

        var name = CreatedBuilder().Match(call.Arguments).Groups["name"].Value;
        var refusal = DockerAnswer.Fixture("buildx-create-exists.txt");
        return refusal with { Error = [.. refusal.Error.Select(line => line.Replace("\"fixture-b\"", $"\"{name}\"", StringComparison.Ordinal))] };
    }

    // The captured inspect outputs, renamed to the builder asked about: "rig" (running), "fixture-b"
    // (inactive, bootstrap) and "no-such-builder" (missing) were the names when they were captured.
    private DockerAnswer Inspect(DockerCall call)
    {
        var name = InspectedBuilder().Match(call.Arguments).Groups["name"].Value;
        var bootstrap = call.Arguments.Contains("--bootstrap", StringComparison.Ordinal);
        var (fixture, captured, after) = Builder switch
        {
            BuilderState.Missing => ("buildx-inspect-missing.txt", "no-such-builder", BuilderState.Missing),
            BuilderState.Inactive when bootstrap => ("buildx-inspect-bootstrap.txt", "fixture-b", BuilderState.Running),
            BuilderState.Inactive => ("buildx-inspect-inactive.txt", "fixture-b", BuilderState.Inactive),
            _ => ("buildx-inspect-running.txt", "rig", BuilderState.Running),
        };
        var answer = DockerAnswer.Fixture(fixture);
        string Rename(string line) => EditInspect(Regex.Replace(line, $@"\b{Regex.Escape(captured)}(?=0?\b)", name));
        return Then(answer with { Output = [.. answer.Output.Select(Rename)], Error = [.. answer.Error.Select(Rename)] }, after);
    }

    private IProcess Start(FilePath path, ProcessSettings settings)
    {
        if (IsRefRead(path, settings) && _realGit.Value is (var runner, { } git))
        {
            return runner.Start(git, settings);
        }

        DockerCall call;
        lock (_gate)
        {
            call = new DockerCall(
                _calls.Count,
                path,
                AsTyped(path, settings.Arguments?.Render() ?? string.Empty),
                AsTyped(path, settings.Arguments?.RenderSafe() ?? string.Empty),
                settings.StandardInput is { } input ? input.Memory.ToArray() : null,
                settings.WorkingDirectory);
            _calls.Add(call);
        }

        var rule = _rules.LastOrDefault(rule => rule.Pattern.IsMatch(call.Arguments));
        DockerAnswer answer;
        if (rule.Answer is null)
        {
            lock (_gate)
            {
                _unscripted.Add(call);
            }

            answer = DockerAnswer.Fail(127, "fake docker: no answer scripted for: " + call.SafeArguments);
        }
        else
        {
            answer = rule.Answer(call);
        }

        answer.SideEffect?.Invoke(call);

        // As Cake's runner does: redirected lines pass through the settings' handlers before they are kept.
        var output = settings.RedirectStandardOutput ? Handle(answer.Output, settings.RedirectedStandardOutputHandler) : [];
        var error = settings.RedirectStandardError ? Handle(answer.Error, settings.RedirectedStandardErrorHandler) : [];
        var process = Substitute.For<IProcess>();
        process.WaitForExit(Arg.Any<int>()).Returns(true);
        process.GetExitCode().Returns(answer.ExitCode);
        process.GetStandardOutput().Returns(_ => output);
        process.GetStandardError().Returns(_ => error);
        return process;
    }

    private static bool IsRefRead(FilePath path, ProcessSettings settings) =>
        IsGit(path) && !WithoutGitPrefix(path, settings.Arguments?.Render() ?? string.Empty).StartsWith("ls-remote", StringComparison.Ordinal);

    private static bool IsGit(FilePath path) => path.GetFilenameWithoutExtension().FullPath == "git";

    // The command as a user types it: the buildx plugin started directly gets the arguments of `docker buildx`.
    private static string AsTyped(FilePath path, string arguments) =>
        path.GetFilenameWithoutExtension().FullPath == "docker-buildx" ? "buildx " + arguments : WithoutGitPrefix(path, arguments);

    // Every git command goes through GitCli, which puts --no-pager first; the scripts and assertions name the command.
    private static string WithoutGitPrefix(FilePath path, string arguments) =>
        IsGit(path) && arguments.StartsWith("--no-pager ", StringComparison.Ordinal) ? arguments["--no-pager ".Length..] : arguments;

    private static List<string> Handle(IEnumerable<string> lines, Func<string, string>? handler) =>
        [.. lines.Select(line => handler is null ? line : handler(line))];

    [GeneratedRegex("inspect (--bootstrap )?\"(?<name>[^\"]+)\"")]
    private static partial Regex InspectedBuilder();

    [GeneratedRegex("create --name \"(?<name>[^\"]+)\"")]
    private static partial Regex CreatedBuilder();

    [GeneratedRegex("--metadata-file \"(?<path>[^\"]+)\"")]
    private static partial Regex MetadataFile();
}
