using System.Collections.Immutable;

namespace Cake.BuildxCache.Options.Images;

/// <summary>The images a bake file declares, and why any of its targets cannot be one.</summary>
/// <param name="Images">The images, one per target that maps.</param>
/// <param name="Problems">Why the run is refused, one line each, naming the file, the target and the fix; empty when all map.</param>
internal sealed record BakeFileReadout(ImmutableArray<ImageDeclaration> Images, ImmutableArray<string> Problems)
{
    /// <summary>
    /// Why the file could not be read at all because buildx is missing (one line for Plan, which prints what it can), or
    /// null. A run that builds refuses to start with it.
    /// </summary>
    public string? Unavailable { get; init; }

    /// <summary>A readout of a file buildx refused or could not be asked about.</summary>
    /// <param name="problem">Why.</param>
    /// <returns>The readout, with no images.</returns>
    public static BakeFileReadout Refused(string problem) => new([], [problem]);
}
