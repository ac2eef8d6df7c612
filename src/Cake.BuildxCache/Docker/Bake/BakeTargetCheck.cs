using System.Collections.Immutable;

namespace Cake.BuildxCache.Docker.Bake;

/// <summary>What <c>docker buildx bake --call=check</c> said about one target.</summary>
/// <param name="Target">The target.</param>
/// <param name="Warnings">How many check warnings it has, or null when its check did not complete.</param>
/// <param name="Rules">The rules that warned (<c>FromAsCasing</c>), in order, each once.</param>
/// <param name="Error">Why the check did not complete (<c>dockerfile parse error on line 3: …</c>), or null.</param>
internal sealed record BakeTargetCheck(string Target, int? Warnings, ImmutableArray<string> Rules, string? Error);
