using Cake.Core;
using Cake.Core.Annotations;

namespace Cake.BuildxCache.Docker.History;

/// <summary>Aliases for <c>docker buildx history</c>: BuildKit's own records of past builds (buildx 0.21 and later).</summary>
[CakeAliasCategory("Docker")]
[CakeNamespaceImport("Cake.BuildxCache.Docker")]
[CakeNamespaceImport("Cake.BuildxCache.Docker.History")]
public static class BuildxHistoryAliases
{
    /// <summary>Runs <c>docker buildx history inspect --format json</c>.</summary>
    /// <param name="context">The context.</param>
    /// <param name="settings">The settings: the builder and the record.</param>
    /// <returns>The record: status, duration, error, and how many steps ran and came from the cache.</returns>
    /// <exception cref="CakeException">buildx failed or printed no record.</exception>
    /// <example>
    /// <code>
    /// var id = BuildxReadMetadata("artifacts/metadata.json").BuildRecordId;
    /// var record = BuildxHistoryInspect(new BuildxHistoryInspectSettings { Builder = "ci", Ref = id });
    /// Information("{0} of {1} steps cached", record.CachedSteps, record.TotalSteps);
    /// </code>
    /// </example>
    [CakeMethodAlias]
    public static BuildRecord BuildxHistoryInspect(this ICakeContext context, BuildxHistoryInspectSettings settings)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new BuildxHistoryInspectRunner(context.FileSystem, context.Environment, context.ProcessRunner, context.Tools).Run(settings);
    }

    /// <summary>Runs <c>docker buildx history inspect --format json REF</c> on the current builder.</summary>
    /// <param name="context">The context.</param>
    /// <param name="reference">The build's id (<see cref="Build.BuildMetadata.BuildRecordId"/>), or <c>^N</c>.</param>
    /// <returns>The record.</returns>
    [CakeMethodAlias]
    public static BuildRecord BuildxHistoryInspect(this ICakeContext context, string reference) =>
        context.BuildxHistoryInspect(new BuildxHistoryInspectSettings { Ref = reference });
}
