using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Cake.BuildxCache.Docker;
using Cake.BuildxCache.Options.Images;

namespace Cake.BuildxCache.Options;

/// <summary>
/// The images a user's bake file declares: each target of the printed definition becomes an
/// <see cref="ImageDeclaration"/>, with no I/O. The module owns each image's cache and output, and its tags follow the
/// run's tag rules, so a target is refused (with the file, the target and the fix) when it:
/// <list type="bullet">
/// <item>has a name the module cannot use as an image name and cache scope (<c>[a-z0-9][a-z0-9_-]*</c>);</item>
/// <item>sets <c>cache-from</c>, <c>cache-to</c> or <c>output</c>: the module's override would replace them, so a cache
/// or a push the file names would silently not happen;</item>
/// <item>has no <c>tags</c>, or tags in more than one repository: its first tag's repository is the image the module
/// pushes, and tags it by the run's rules (the file's own tag names are not used);</item>
/// <item>sets <c>dockerfile-inline</c>: the module reads each image's Dockerfile (miss explanation, lint).</item>
/// </list>
/// The Dockerfile of a declaration is the path buildx reads: the target's <c>dockerfile</c> under its <c>context</c>.
/// </summary>
internal static partial class BakeFileImages
{
    /// <summary>Maps the printed definition's targets to images.</summary>
    /// <param name="definition">What <c>docker buildx bake --print</c> printed for the asked targets.</param>
    /// <param name="files">The bake files, as given (for each image's origin).</param>
    /// <returns>The images, in target-name order, and the problems (empty when every target maps), each naming its target.</returns>
    public static BakeFileReadout Map(PrintedBakeDefinition definition, IReadOnlyList<string> files)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(files);
        var source = string.Join(", ", files);
        var images = ImmutableArray.CreateBuilder<ImageDeclaration>();
        var problems = ImmutableArray.CreateBuilder<string>();
        foreach (var target in definition.Targets.Values)
        {
            var where = $"target '{target.Name}'";
            var before = problems.Count;
            if (!ImageNamePattern().IsMatch(target.Name))
            {
                problems.Add($"{where}: the name is the image's name and cache scope, so it must be lower case letters, digits, '_' and '-', starting with a letter or digit; rename the target");
            }

            foreach (var (attribute, values) in new[] { ("cache-from", target.CacheFrom), ("cache-to", target.CacheTo), ("output", target.Output) })
            {
                if (values.Length > 0)
                {
                    problems.Add($"{where} sets {attribute} ({string.Join("; ", values)}): the module sets each image's cache and output itself and would replace it; remove {attribute} from the target (keep it in a file the run is not given, e.g. for local builds)");
                }
            }

            if (target.HasInlineDockerfile)
            {
                problems.Add($"{where} sets dockerfile-inline: the module reads each image's Dockerfile (to explain cache misses and to lint); put it in a file and set dockerfile");
            }

            var repositories = target.Tags.Select(tag => ImageName.Parse(tag).Repository).Distinct(StringComparer.Ordinal).ToList();
            if (repositories.Count == 0)
            {
                problems.Add($"{where} has no tags: its first tag names the repository the module pushes the image to; add tags = [\"registry.example.com/group/{target.Name}\"]");
            }
            else if (repositories.Count > 1)
            {
                problems.Add($"{where} tags {repositories.Count} repositories ({string.Join(", ", repositories)}): the module pushes each image to one repository and tags it by the run's rules; keep the tags of one repository");
            }

            if (problems.Count > before)
            {
                continue;
            }

            images.Add(new ImageDeclaration(
                target.Name,
                DockerfilePath(target.Context, target.Dockerfile),
                target.Context ?? ".",
                target.Stage,
                repositories[0],
                target.Args,
                [],
                target.Platforms,
                $"{source} target {target.Name}"));
        }

        return new(images.ToImmutable(), problems.ToImmutable());
    }

    /// <summary>
    /// The Dockerfile buildx reads for a target: bake takes <c>dockerfile</c> relative to the <c>context</c>
    /// (<c>api</c> + <c>Dockerfile</c> is <c>api/Dockerfile</c>); an absolute one, or any under a remote context, as written.
    /// </summary>
    /// <param name="context">The target's context, or null for <c>.</c>.</param>
    /// <param name="dockerfile">The target's dockerfile, or null for <c>Dockerfile</c>.</param>
    /// <returns>The path, with <c>/</c>.</returns>
    public static string DockerfilePath(string? context, string? dockerfile)
    {
        var file = dockerfile ?? "Dockerfile";
        var root = context ?? ".";
        if (file.StartsWith('/') || Path.IsPathRooted(file) || root.Contains("://", StringComparison.Ordinal) || root.StartsWith("git@", StringComparison.Ordinal))
        {
            return file;
        }

        return root is "." or "./" ? file : root.TrimEnd('/') + "/" + file;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]*$")]
    private static partial Regex ImageNamePattern();
}
