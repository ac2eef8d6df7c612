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

    /// <summary>The image annotations (<c>--annotation key=value</c>), in the order given.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Annotations { get; init; } = [];

    /// <summary>The provenance attestation (<c>--provenance</c>), or null for buildx's default.</summary>
    public string? Provenance { get; init; }

    /// <summary>The SBOM attestation (<c>--sbom</c>), or null for none.</summary>
    public string? Sbom { get; init; }

    /// <summary>True to read no cache (<c>--no-cache</c>).</summary>
    public bool NoCache { get; init; }

    /// <summary>The stages built without the cache (<c>--no-cache-filter</c>).</summary>
    public IReadOnlyList<string> NoCacheFilter { get; init; } = [];

    /// <summary>True to always pull the base images (<c>--pull</c>).</summary>
    public bool Pull { get; init; }

    /// <summary>The network of <c>RUN</c> steps (<c>--network</c>), or null for the default.</summary>
    public string? Network { get; init; }

    /// <summary>The <c>/etc/hosts</c> entries of <c>RUN</c> steps (<c>--add-host</c>).</summary>
    public IReadOnlyList<string> AddHosts { get; init; } = [];

    /// <summary>The ulimits of <c>RUN</c> steps (<c>--ulimit name=soft[:hard]</c>).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Ulimits { get; init; } = [];

    /// <summary>The size of <c>/dev/shm</c> of <c>RUN</c> steps (<c>--shm-size</c>), or null.</summary>
    public string? ShmSize { get; init; }

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

        if (Annotations.Count > 0)
        {
            yield return Line("annotations:", Annotations.Select(pair => pair.Key + "=" + pair.Value));
        }

        if (Provenance is not null || Sbom is not null)
        {
            yield return Line("attestations:", [.. Provenance is null ? [] : new[] { "provenance " + Provenance }, .. Sbom is null ? [] : new[] { "sbom " + Sbom }]);
        }

        if (NoCache || NoCacheFilter.Count > 0 || Pull)
        {
            yield return Line("freshness:", [.. NoCache ? new[] { "no cache read" } : [], .. NoCacheFilter.Select(stage => "stage " + stage + " without cache"), .. Pull ? new[] { "pull base images" } : []]);
        }

        if (Network is not null || AddHosts.Count > 0 || Ulimits.Count > 0 || ShmSize is not null)
        {
            yield return Line("RUN steps:", [.. Network is null ? [] : new[] { "network " + Network }, .. AddHosts.Select(host => "host " + host), .. Ulimits.Select(pair => "ulimit " + pair.Key + "=" + pair.Value), .. ShmSize is null ? [] : new[] { "shm " + ShmSize }]);
        }
    }

    private static string Line(string heading, IEnumerable<string> items) => $"  {heading,-16}{string.Join("  ", items)}";
}
