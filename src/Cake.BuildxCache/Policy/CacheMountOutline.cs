namespace Cake.BuildxCache.Policy;

/// <summary>The cache mounts of the stages a build builds, read from its Dockerfile, and what the helper builds need from it.</summary>
/// <param name="Mounts">The mounts, one per id, in the Dockerfile's order.</param>
/// <param name="GlobalArgs">The <c>ARG</c> instructions before the first <c>FROM</c>, as written (a base image may name one).</param>
/// <param name="Skipped">Mounts that cannot be carried, each with why (a <c>from=</c>, a variable in the id).</param>
internal sealed record CacheMountOutline(IReadOnlyList<CacheMountDeclaration> Mounts, IReadOnlyList<string> GlobalArgs, IReadOnlyList<string> Skipped)
{
    /// <summary>A Dockerfile without cache mounts.</summary>
    public static CacheMountOutline None { get; } = new([], [], []);
}
