using System.Collections.Immutable;

namespace Cake.BuildxCache.Options.Images;

/// <summary>One image a run builds: declared in cake.config (a [Buildx.Image.NAME] section) or read from the user's bake file.</summary>
/// <param name="Name">The section / bake target name: <c>[a-z0-9][a-z0-9_-]*</c>.</param>
/// <param name="Dockerfile">The Dockerfile, as the declaration gives it.</param>
/// <param name="Context">The build context, as the declaration gives it.</param>
/// <param name="Target">The Dockerfile stage to build, or null for the last one.</param>
/// <param name="Image">The repository the image is pushed to (no tag).</param>
/// <param name="BuildArgs">The image's build arguments.</param>
/// <param name="Tags">Extra tags; empty: the run's tag rules.</param>
/// <param name="Platforms">The image's platforms; empty: the run's <c>--platform</c>.</param>
/// <param name="Origin">Where it was declared, for error messages: <c>cake.config [Buildx.Image.api]</c> or <c>docker-bake.hcl target api</c>.</param>
internal sealed record ImageDeclaration(
    string Name,
    string Dockerfile,
    string Context,
    string? Target,
    string Image,
    ImmutableSortedDictionary<string, string> BuildArgs,
    ImmutableArray<string> Tags,
    ImmutableArray<string> Platforms,
    string Origin)
{
    /// <summary>
    /// The part of a pipeline variable's name that says which image it is about: <c>API_V2</c> for <c>api-v2</c> (and for
    /// <c>api_v2</c>: two such images are refused). GitLab's dotenv names take letters, digits and <c>_</c>.
    /// </summary>
    /// <param name="name">The image's name.</param>
    /// <returns>The name part.</returns>
    public static string VariablePart(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Replace('-', '_').ToUpperInvariant();
    }
}
