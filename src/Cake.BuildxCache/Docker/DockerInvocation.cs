using Cake.Core.IO;

namespace Cake.BuildxCache.Docker;

/// <summary>
/// How a runner wants one docker command run: whether its output is captured, what goes to its
/// standard input, which non-zero exits are data rather than failures, and which texts must never
/// appear in a captured line or an error message. A class, not a record, so it never prints its secrets.
/// </summary>
public sealed class DockerInvocation
{
    /// <summary>
    /// Initializes a new instance of the <see cref="DockerInvocation"/> class.
    /// </summary>
    /// <param name="description">What is being done, for error messages: <c>docker login to registry.example.com</c>.</param>
    public DockerInvocation(string description)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(description);
        Description = description;
    }

    /// <summary>Gets what is being done, used as the subject of error messages.</summary>
    public string Description { get; }

    /// <summary>
    /// Gets a value indicating whether standard output and standard error are redirected and returned
    /// (<see cref="DockerCommandResult.Output"/>/<see cref="DockerCommandResult.Error"/>). When <c>false</c>
    /// docker writes straight to the console, which suits long commands such as a build.
    /// </summary>
    public bool CaptureOutput { get; init; }

    /// <summary>Gets the payload written to docker's standard input, or <c>null</c> to leave it alone.</summary>
    public ProcessStandardInput? StandardInput { get; init; }

    /// <summary>
    /// Gets which failures are data: a non-zero exit this predicate accepts is returned in the
    /// <see cref="DockerCommandResult"/> (e.g. "no builder found"); any other throws a
    /// <see cref="Cake.Core.CakeException"/>. <c>null</c> (the default) accepts none.
    /// </summary>
    public Func<DockerCommandResult, bool>? AcceptsFailure { get; init; }

    /// <summary>Gets texts replaced by <c>[REDACTED]</c> in captured lines and error messages.</summary>
    public IReadOnlyList<string> Secrets { get; init; } = [];

    /// <summary>
    /// Receives every output line (stdout and stderr, secrets redacted) as it arrives, for a command
    /// whose output is both shown live and read afterwards (a build's progress). Setting it captures the output.
    /// </summary>
    public Action<string>? OnOutputLine { get; init; }
}
