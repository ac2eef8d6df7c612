namespace Cake.BuildxCache.Report;

/// <summary>Where a report's step counts came from.</summary>
public enum StepCountSource
{
    /// <summary>The progress output (plain or rawjson): the fallback when BuildKit's record cannot be read.</summary>
    Progress,

    /// <summary>BuildKit's record of the build, <c>docker buildx history inspect --format json</c> (buildx 0.21 and later).</summary>
    BuildRecord,
}
