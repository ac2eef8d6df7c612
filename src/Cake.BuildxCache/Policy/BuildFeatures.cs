using Cake.BuildxCache.Docker.Build;

namespace Cake.BuildxCache.Policy;

/// <summary>
/// The build's pass-through features, decided by <see cref="BuildFeaturesPolicy"/> from the options: what
/// <c>docker buildx build</c> is given besides the cache, tags and labels. Secrets are held by id and source only.
/// </summary>
public sealed record BuildFeatures
{
    /// <summary>No features: a plain build.</summary>
    public static BuildFeatures None { get; } = new();

    /// <summary>The secrets (<c>--secret id=…,env=…|src=…</c>), in the order given.</summary>
    public IReadOnlyList<BuildSecret> Secrets { get; init; } = [];

    /// <summary>The SSH agents or keys (<c>--ssh default|id=path</c>), as given.</summary>
    public IReadOnlyList<string> Ssh { get; init; } = [];

    /// <summary>The named build contexts (<c>--build-context name=value</c>), in the order given.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> BuildContexts { get; init; } = [];

    /// <summary>The lines Plan prints under the plan, one per feature set; none for a plain build.</summary>
    public IEnumerable<string> PlanLines()
    {
        if (Secrets.Count > 0)
        {
            yield return Line("secrets:", Secrets.Select(secret => secret.ToString()));
        }

        if (Ssh.Count > 0)
        {
            yield return Line("ssh:", Ssh);
        }

        if (BuildContexts.Count > 0)
        {
            yield return Line("build contexts:", BuildContexts.Select(pair => pair.Key + "=" + pair.Value));
        }
    }

    /// <summary>True when both give <c>docker buildx build</c> the same flags.</summary>
    /// <param name="other">The other features.</param>
    /// <returns>Whether they are the same.</returns>
    public bool SameAs(BuildFeatures other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return PlanLines().SequenceEqual(other.PlanLines());
    }

    private static string Line(string heading, IEnumerable<string> items) => $"  {heading,-16}{string.Join("  ", items)}";
}
