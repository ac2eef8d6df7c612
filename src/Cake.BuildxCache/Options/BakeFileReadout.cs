using System.Collections.Immutable;
using Cake.BuildxCache.Options.Images;

namespace Cake.BuildxCache.Options;

/// <summary>The images a bake file declares, and why any of its targets cannot be one.</summary>
/// <param name="Images">The images, one per target that maps.</param>
/// <param name="Problems">Why the run is refused, one line each, naming the target and the fix (the caller names the option and the files); empty when all map.</param>
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

    /// <summary>
    /// The problems as option problems of <c>--bake-file</c> (its files and where they were set), the buildx that is
    /// missing among them: what refuses a run before anything runs.
    /// </summary>
    /// <param name="options">The options.</param>
    /// <param name="needsBuildx">False for Plan, which prints <see cref="Unavailable"/> and what else it can.</param>
    /// <returns>The problems, empty when the file was read and every target maps.</returns>
    public IReadOnlyList<OptionProblem> OptionProblems(BuildxCacheOptions options, bool needsBuildx = true)
    {
        ArgumentNullException.ThrowIfNull(options);
        var files = string.Join(",", options.BakeFiles);
        var origin = options.OriginOf(OptionCatalog.BakeFile);
        return [.. Problems.Append(needsBuildx ? Unavailable : null).OfType<string>().Select(problem => OptionProblem.For(OptionCatalog.BakeFile, files, origin, problem))];
    }

    /// <summary>
    /// A bake file and image sections both declaring the run's images: refused, naming both (which images the run
    /// builds would otherwise depend on which one the module read last).
    /// </summary>
    /// <param name="options">The options.</param>
    /// <param name="sections">The images cake.config's <c>[Buildx.Image.NAME]</c> sections declare.</param>
    /// <returns>The problem, or none.</returns>
    public static IEnumerable<OptionProblem> BesideImageSections(BuildxCacheOptions options, IReadOnlyList<ImageDeclaration> sections)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(sections);
        if (options.BakeFiles.Count == 0 || sections.Count == 0)
        {
            yield break;
        }

        var headers = string.Join(", ", sections.Select(image => ImageSections.SectionOf(image.Name)));
        yield return OptionProblem.For(
            OptionCatalog.BakeFile,
            string.Join(",", options.BakeFiles),
            options.OriginOf(OptionCatalog.BakeFile),
            $"declares the run's images, and so do the cake.config sections {headers}: declare them in one place (the bake file's targets, or the sections), not both");
    }
}
