using Cake.Core.IO;

namespace Cake.BuildxCache.Docker.Buildx;

/// <summary>
/// Starts <c>docker buildx …</c> as the buildx plugin itself, as docker would start it: one process instead of
/// two (docker also runs the plugin once more to read its metadata first), about 50 ms less per command.
/// Every other process starts as asked. <c>buildx version</c> always goes direct; the other buildx commands only
/// once <paramref name="direct"/> says so (buildx 0.23 and later read docker's TLS environment on their own).
/// </summary>
/// <param name="inner">The process runner that starts the processes.</param>
/// <param name="plugin">The buildx plugin docker would run, asked for when a buildx command starts; null when buildx runs through docker.</param>
/// <param name="direct">Whether commands other than <c>buildx version</c> go direct now.</param>
internal sealed class DirectBuildxProcessRunner(IProcessRunner inner, Func<FilePath?> plugin, Func<bool> direct) : IProcessRunner
{
    /// <summary>The first buildx that, started on its own, reads docker's environment (DOCKER_HOST, DOCKER_TLS_VERIFY, DOCKER_CERT_PATH, …) as it does under docker.</summary>
    public static Version StandaloneSince { get; } = new(0, 23, 0);

    /// <inheritdoc />
    public IProcess Start(FilePath filePath, ProcessSettings settings)
    {
        ArgumentNullException.ThrowIfNull(filePath);
        ArgumentNullException.ThrowIfNull(settings);
        var arguments = settings.Arguments?.ToList() ?? [];
        if (arguments.Count < 2
            || !string.Equals(filePath.GetFilenameWithoutExtension().FullPath, "docker", StringComparison.OrdinalIgnoreCase)
            || arguments[0].Render() != "buildx"
            || (arguments[1].Render() != "version" && !direct())
            || plugin() is not { } buildx)
        {
            return inner.Start(filePath, settings);
        }

        var rest = new ProcessArgumentBuilder();
        foreach (var argument in arguments.Skip(1))
        {
            rest.Append(argument);
        }

        settings.Arguments = rest;
        return inner.Start(buildx, settings);
    }
}
