using System.Collections.Immutable;
using System.Text.RegularExpressions;

using Cake.BuildxCache.Options.Images;

namespace Cake.BuildxCache.Options;

/// <summary>
/// Reads the images cake.config declares, one <c>[Buildx.Image.NAME]</c> section each. Cake's configuration joins a
/// section and a key with '_' (<c>Buildx.Image.api_Dockerfile</c>), so a section's keys are found through
/// <see cref="OptionSources.ConfigurationKeys"/> and read with the catalog's own options (<see cref="OptionCatalog.PerImage"/>),
/// as if they were set under <c>[Buildx]</c>: the same names, parsers and item keys (<c>BuildArg.NODE_VERSION=22</c>).
/// Pure; never throws: what cannot be read becomes a problem naming the section and the key.
/// </summary>
internal static partial class ImageSections
{
    /// <summary>What every image section's configuration key starts with.</summary>
    public const string Prefix = "Buildx.Image.";

    /// <summary>Reads the declared images, in name order.</summary>
    /// <param name="sources">The option sources.</param>
    /// <param name="runImage">The run's <c>image</c>: an image without <c>Image=</c> is pushed to <c>&lt;image&gt;/&lt;name&gt;</c>.</param>
    /// <returns>The images and the problems.</returns>
    public static (IReadOnlyList<ImageDeclaration> Images, IReadOnlyList<OptionProblem> Problems) Read(OptionSources sources, string? runImage)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var images = new List<ImageDeclaration>();
        var problems = new List<OptionProblem>();
        var sections = sources.ConfigurationKeys
            .Where(key => key.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
            .Select(key => (Key: key, Split: Split(key)))
            .GroupBy(item => item.Split.Name, StringComparer.Ordinal)
            .OrderBy(group => group.Key, StringComparer.Ordinal);
        foreach (var section in sections)
        {
            var name = section.Key;
            var header = SectionOf(name);
            var keys = section.ToDictionary(item => item.Split.Key, item => item.Key, StringComparer.OrdinalIgnoreCase);
            if (!NamePattern().IsMatch(name))
            {
                problems.Add(Problem(header, null, null, "is not an image name: write [Buildx.Image.NAME] with NAME of lowercase letters, digits, '_' and '-', starting with a letter or digit (it names the bake target, the cache scope and the outputs)"));
                continue;
            }

            foreach (var unknown in keys.Where(pair => !PerImageKey(pair.Key)))
            {
                var allowed = string.Join(", ", OptionCatalog.PerImage.Select(option => option.ConfigFileEntry));
                problems.Add(Problem(header, null, pair: unknown.Value, $"has the key '{unknown.Key}', which an image section does not take: an image takes {allowed}; every other option is the run's, under [Buildx]"));
            }

            var declaration = ReadSection(sources, name, header, keys, runImage, problems);
            if (declaration is not null)
            {
                images.Add(declaration);
            }
        }

        return (images, problems);
    }

    /// <summary>The section header an image is declared under, as written in cake.config.</summary>
    /// <param name="name">The image's name.</param>
    /// <returns><c>[Buildx.Image.NAME]</c>.</returns>
    public static string SectionOf(string name) => $"[{Prefix}{name}]";

    private static ImageDeclaration? ReadSection(
        OptionSources sources, string name, string header, Dictionary<string, string> keys, string? runImage, List<OptionProblem> problems)
    {
        // The section's keys, seen as [Buildx] keys: Buildx_Dockerfile is Buildx.Image.api_Dockerfile.
        string? Actual(string configurationKey) =>
            configurationKey.StartsWith("Buildx_", StringComparison.OrdinalIgnoreCase) ? $"{Prefix}{name}_{configurationKey["Buildx_".Length..]}" : null;
        var section = new OptionSources(
            _ => [],
            _ => null,
            key => Actual(key) is { } actual ? sources.Configuration(actual) : null)
        {
            ConfigurationKeys = [.. keys.Keys.Select(key => "Buildx_" + key)],
        };
        var reading = new OptionReading(section);
        var read = new BuildxCacheOptions();
        foreach (var option in OptionCatalog.PerImage)
        {
            read = option.ReadInto(reading, read);
        }

        foreach (var problem in reading.Problems)
        {
            var key = problem.Origin is { } origin ? string.Join(", ", origin.Key.Split(", ").Select(part => Actual(part) ?? part)) : null;
            problems.Add(Problem(header, problem.Value, key, $"{problem.Option} {problem.Problem}"));
        }

        var image = read.Image ?? (string.IsNullOrWhiteSpace(runImage) ? null : $"{runImage.Trim()}/{name}");
        if (image is null)
        {
            problems.Add(Problem(header, null, null, $"has no Image= and the run has no image to put it under: write Image=registry.example.com/group/{name} in the section, or set --image (the image is then <image>/{name})"));
            return null;
        }

        return new ImageDeclaration(
            name,
            read.Dockerfile,
            read.Context,
            read.Stage,
            image,
            read.BuildArgs.ToImmutableSortedDictionary(StringComparer.Ordinal),
            [.. read.ExtraTags],
            [.. read.Platforms],
            $"cake.config {header}");
    }

    // Buildx.Image.my_api_BuildArg.NODE_VERSION: the name ends at the last '_' before the first '.' after the prefix
    // (names and keys hold no '.'; a BuildArg's item key may hold '_' and '.').
    private static (string Name, string Key) Split(string configurationKey)
    {
        var rest = configurationKey[Prefix.Length..];
        var dot = rest.IndexOf('.', StringComparison.Ordinal);
        var head = dot < 0 ? rest : rest[..dot];
        var underscore = head.LastIndexOf('_');
        return underscore < 0
            ? (rest, string.Empty)
            : (head[..underscore], head[(underscore + 1)..] + (dot < 0 ? string.Empty : rest[dot..]));
    }

    private static bool PerImageKey(string key) =>
        OptionCatalog.PerImage.Any(option => option.HasItemKeys
            ? key.StartsWith(option.ConfigFileKey + ".", StringComparison.OrdinalIgnoreCase)
            : string.Equals(key, option.ConfigFileKey, StringComparison.OrdinalIgnoreCase));

    private static OptionProblem Problem(string header, string? value, string? pair, string problem) =>
        new(header, value, pair is null ? null : new OptionOrigin(OptionSource.Configuration, pair), problem, "see docs/several-images.md");

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]*$")]
    private static partial Regex NamePattern();
}
