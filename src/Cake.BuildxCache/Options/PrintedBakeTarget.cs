using System.Collections.Immutable;

namespace Cake.BuildxCache.Options;

/// <summary>
/// One target of a bake definition as <c>docker buildx bake --print</c> shows it (inheritance, variables and functions
/// already resolved by buildx): the attributes the module maps to an image, and those it owns itself.
/// </summary>
/// <param name="Name">The target's name.</param>
/// <param name="Context">Its <c>context</c>, or null (bake's default is <c>.</c>).</param>
/// <param name="Dockerfile">Its <c>dockerfile</c>, relative to the context, or null (bake's default is <c>Dockerfile</c>).</param>
/// <param name="HasInlineDockerfile">True when it sets <c>dockerfile-inline</c>.</param>
/// <param name="Stage">Its <c>target</c> (the Dockerfile stage), or null.</param>
/// <param name="Args">Its <c>args</c> (an argument declared without a value is left out).</param>
/// <param name="Tags">Its <c>tags</c>.</param>
/// <param name="Platforms">Its <c>platforms</c>.</param>
/// <param name="CacheFrom">Its <c>cache-from</c> entries, as <c>key=value,…</c> text.</param>
/// <param name="CacheTo">Its <c>cache-to</c> entries, as <c>key=value,…</c> text.</param>
/// <param name="Output">Its <c>output</c> entries, as <c>key=value,…</c> text.</param>
internal sealed record PrintedBakeTarget(
    string Name,
    string? Context,
    string? Dockerfile,
    bool HasInlineDockerfile,
    string? Stage,
    ImmutableSortedDictionary<string, string> Args,
    ImmutableArray<string> Tags,
    ImmutableArray<string> Platforms,
    ImmutableArray<string> CacheFrom,
    ImmutableArray<string> CacheTo,
    ImmutableArray<string> Output);
