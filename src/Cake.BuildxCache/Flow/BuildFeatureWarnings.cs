using Cake.BuildxCache.Docker.Buildx;
using Cake.BuildxCache.Policy;
using Cake.Common.Diagnostics;
using Cake.Core;

namespace Cake.BuildxCache.Flow;

/// <summary>Logs what this buildx cannot be given of the build's features, before the build runs.</summary>
internal static class BuildFeatureWarnings
{
    /// <summary>Writes one warning per feature left out.</summary>
    /// <param name="context">Cake's context.</param>
    /// <param name="features">The build's features.</param>
    /// <param name="version">The builder's buildx version, or null when unknown.</param>
    public static void Log(ICakeContext context, BuildFeatures features, BuildxVersion? version)
    {
        foreach (var warning in BuildFeatureArguments.Warnings(features, version))
        {
            context.Warning("{0}", warning);
        }
    }
}
