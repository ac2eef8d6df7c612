using Cake.BuildxCache.Options;

namespace Cake.BuildxCache.Flow;

/// <summary>
/// Plan's lines about the user's bake file: the images its targets declare (name, Dockerfile, stage, repository), or
/// the one line saying it cannot be read without buildx (Plan prints everything else it can), or what refuses it.
/// </summary>
internal static class BakeFilePlan
{
    /// <summary>The lines, none without <c>--bake-file</c>.</summary>
    /// <param name="options">The options.</param>
    /// <param name="readout">What reading the file gave.</param>
    /// <returns>The lines.</returns>
    public static IEnumerable<string> Lines(BuildxCacheOptions options, BakeFileReadout readout)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(readout);
        if (options.BakeFiles.Count == 0)
        {
            yield break;
        }

        var targets = options.BakeTargets.Count == 0 ? "its default group" : string.Join(", ", options.BakeTargets);
        yield return $"Bake file: {string.Join(", ", options.BakeFiles)} ({targets})";
        if (readout.Unavailable is { } unavailable)
        {
            yield return "  " + unavailable;
            yield break;
        }

        foreach (var image in readout.Images)
        {
            var stage = image.Target is null ? string.Empty : $" --target {image.Target}";
            yield return $"  {image.Name}: {image.Dockerfile}{stage} in {image.Context} -> {image.Image}";
        }

        foreach (var problem in readout.Problems)
        {
            yield return "  refused: " + problem;
        }
    }
}
