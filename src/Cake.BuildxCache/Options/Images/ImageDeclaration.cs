using System.Collections.Immutable;

namespace Cake.BuildxCache.Options.Images;

/// <summary>One image a run builds: declared in cake.config (a [Buildx.Image.NAME] section) or read from the user's bake file.</summary>
/// <param name="Name">The section / bake target name: [a-z0-9][a-z0-9_-]*.</param>
/// <param name="Dockerfile">The Dockerfile.</param>
/// <param name="Context">The build context.</param>
/// <param name="Target">The Dockerfile stage, or null for the last.</param>
/// <param name="Image">The repository the image is pushed to (no tag).</param>
/// <param name="BuildArgs">The build arguments.</param>
/// <param name="Tags">Extra tags; empty: the run's tag rules.</param>
/// <param name="Platforms">The platforms; empty: the run's --platform.</param>
/// <param name="Origin">Where it was declared, for error messages: "cake.config [Buildx.Image.api]" or "docker-bake.hcl target api".</param>
internal sealed record ImageDeclaration(
    string Name,
    string Dockerfile,
    string Context,
    string? Target,
    string Image,
    ImmutableSortedDictionary<string, string> BuildArgs,
    ImmutableArray<string> Tags,
    ImmutableArray<string> Platforms,
    string Origin);
