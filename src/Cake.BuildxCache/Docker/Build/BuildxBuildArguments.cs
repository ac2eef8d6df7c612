using Cake.Core;
using Cake.Core.IO;

namespace Cake.BuildxCache.Docker.Build;

/// <summary>
/// The arguments of <c>docker buildx build</c>, built in one place: the runner starts them, and "build once"
/// compares two builds by them, so a flag added here takes part in both.
/// </summary>
internal static class BuildxBuildArguments
{
    /// <summary>The arguments of <paramref name="settings"/>, starting with <c>buildx build</c>.</summary>
    /// <param name="settings">The settings.</param>
    /// <returns>The arguments.</returns>
    public static ProcessArgumentBuilder Of(BuildxBuildSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var arguments = new ProcessArgumentBuilder();
        Append(arguments, settings);
        return arguments;
    }

    /// <summary>Appends the arguments of <paramref name="settings"/> to <paramref name="arguments"/>.</summary>
    /// <param name="arguments">The builder to append to.</param>
    /// <param name="settings">The settings.</param>
    public static void Append(ProcessArgumentBuilder arguments, BuildxBuildSettings settings) =>
        arguments.Append("buildx").Append("build")
            .AppendOption("--builder", settings.Builder)
            .AppendOption("--file", settings.File)
            .AppendOption("--target", settings.Target)
            .AppendJoined("--platform", settings.Platforms)
            .AppendEach("--tag", settings.Tags)
            .AppendSorted("--label", settings.Labels)
            .AppendSorted("--annotation", settings.Annotations)
            .AppendSorted("--build-arg", settings.BuildArgs)
            .AppendSorted("--build-context", settings.BuildContexts)
            .AppendEach("--secret", settings.Secrets)
            .AppendEach("--ssh", settings.Ssh)
            .AppendEach("--cache-from", settings.CacheFrom)
            .AppendEach("--cache-to", settings.CacheTo)
            .AppendEach("--output", settings.Outputs)
            .AppendFlag("--push", settings.Push)
            .AppendFlag("--load", settings.Load)
            .AppendOption("--metadata-file", settings.MetadataFile)
            .AppendOption("--iidfile", settings.ImageIdFile)
            .AppendOption("--provenance", settings.Provenance)
            .AppendOption("--sbom", settings.Sbom)
            .AppendEach("--attest", settings.Attestations)
            .AppendEach("--allow", settings.Allow)
            .AppendOption("--network", settings.Network)
            .AppendEach("--add-host", settings.AddHosts)
            .AppendEach("--ulimit", settings.Ulimits)
            .AppendOption("--shm-size", settings.ShmSize)
            .AppendFlag("--pull", settings.Pull)
            .AppendFlag("--no-cache", settings.NoCache)
            .AppendEach("--no-cache-filter", settings.NoCacheFilter)
            .AppendOption("--call", settings.Call)
            .AppendOption("--progress", settings.Progress)
            .AppendPositional(string.IsNullOrEmpty(settings.ContextPath) ? "." : settings.ContextPath);
}
