using System.Globalization;
using Cake.Core;
using Cake.Core.IO;
using Cake.Core.Tooling;

namespace Cake.BuildxCache.Docker;

/// <summary>
/// The one runner every docker command shares. <c>docker</c> is found by Cake's tool locator
/// (<c>docker</c>, <c>docker.exe</c>) unless <see cref="ToolSettings.ToolPath"/> says where it is.
/// A subclass only contributes its arguments (<see cref="AppendArguments"/>) and says how its command
/// is run (<see cref="DockerInvocation"/>); running, capturing, exit codes and error messages live here.
/// </summary>
/// <typeparam name="TSettings">The settings of the command.</typeparam>
public abstract class DockerCliTool<TSettings> : Tool<TSettings>
    where TSettings : ToolSettings
{
    /// <summary>
    /// Initializes a new instance of the <see cref="DockerCliTool{TSettings}"/> class.
    /// </summary>
    /// <param name="fileSystem">The file system.</param>
    /// <param name="environment">The environment.</param>
    /// <param name="processRunner">The process runner.</param>
    /// <param name="tools">The tool locator.</param>
    protected DockerCliTool(IFileSystem fileSystem, ICakeEnvironment environment, IProcessRunner processRunner, IToolLocator tools)
        : base(fileSystem, environment, processRunner, tools)
    {
    }

    /// <summary>
    /// The arguments docker would get for <paramref name="settings"/>, without running anything
    /// (before <see cref="ToolSettings.ArgumentCustomization"/>). <c>RenderSafe()</c> of the result is what
    /// a plan prints.
    /// </summary>
    /// <param name="settings">The settings.</param>
    /// <returns>The arguments, starting with the docker command (<c>buildx build</c>, <c>login</c>, …).</returns>
    public ProcessArgumentBuilder GetArguments(TSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var arguments = new ProcessArgumentBuilder();
        AppendArguments(arguments, settings);
        return arguments;
    }

    /// <summary>Appends the command and its arguments for <paramref name="settings"/>: the only place they are built.</summary>
    /// <param name="arguments">The builder to append to.</param>
    /// <param name="settings">The settings.</param>
    protected abstract void AppendArguments(ProcessArgumentBuilder arguments, TSettings settings);

    /// <inheritdoc />
    protected sealed override string GetToolName() => "docker";

    /// <inheritdoc />
    protected sealed override IEnumerable<string> GetToolExecutableNames() => ["docker", "docker.exe"];

    /// <summary>
    /// Runs docker with the arguments of <paramref name="settings"/> as <paramref name="invocation"/> says.
    /// Honours <see cref="ToolSettings.ToolTimeout"/>, <see cref="ToolSettings.PostAction"/> (called after
    /// the output was read) and <see cref="ToolSettings.HandleExitCode"/> (returning <c>true</c> suppresses the exception).
    /// </summary>
    /// <param name="settings">The settings.</param>
    /// <param name="invocation">How to run the command.</param>
    /// <returns>The exit code and captured lines.</returns>
    /// <exception cref="CakeException">docker exited non-zero in a way <see cref="DockerInvocation.AcceptsFailure"/> does not accept;
    /// the message names the command, the exit code and what docker said, with secrets redacted.</exception>
    protected DockerCommandResult Execute(TSettings settings, DockerInvocation invocation)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(invocation);

        var arguments = GetArguments(settings);
        string Redact(string line) => Redactor.Redact(line, invocation.Secrets);
        string Forward(string line)
        {
            // Cake passes null at the end of each stream; Redact passes it through.
            var shown = Redact(line);
            if (shown is not null)
            {
                invocation.OnOutputLine!(shown);
            }

            return shown!;
        }

        var capture = invocation.CaptureOutput || invocation.OnOutputLine is not null;
        Func<string, string>? handler = invocation.OnOutputLine is not null ? Forward : invocation.Secrets.Count > 0 ? Redact : null;
        var processSettings = new ProcessSettings
        {
            RedirectStandardOutput = capture,
            RedirectStandardError = capture,
            RedirectedStandardOutputHandler = handler,
            RedirectedStandardErrorHandler = handler,
            StandardInput = invocation.StandardInput,
        };

        using var process = RunProcess(settings, arguments, processSettings);
        WaitForExit(process, settings, invocation);

        IReadOnlyList<string> output = capture ? [.. process.GetStandardOutput()] : [];
        IReadOnlyList<string> error = capture ? [.. process.GetStandardError()] : [];
        settings.PostAction?.Invoke(process);

        var result = new DockerCommandResult(process.GetExitCode(), output, error);
        if (!result.Succeeded
            && invocation.AcceptsFailure?.Invoke(result) != true
            && settings.HandleExitCode?.Invoke(result.ExitCode) != true)
        {
            var filter = processSettings.Arguments ?? arguments;
            throw new CakeException(result.ExitCode, DockerFailure.Describe(invocation, result, filter.FilterUnsafe));
        }

        return result;
    }

    private static void WaitForExit(IProcess process, TSettings settings, DockerInvocation invocation)
    {
        if (settings.ToolTimeout is not { } timeout)
        {
            process.WaitForExit();
            return;
        }

        if (!process.WaitForExit((int)timeout.TotalMilliseconds))
        {
            throw new TimeoutException(string.Format(
                CultureInfo.InvariantCulture,
                "{0} did not finish within {1}.",
                invocation.Description,
                timeout));
        }
    }
}
