using System.Text;

namespace Cake.BuildxCache.Docker;

/// <summary>
/// One <c>--cache-from</c>/<c>--cache-to</c> value as a typed record, rendered in one place
/// (<see cref="ToString"/>) as buildx expects it: <c>type=registry,ref=…,mode=max,…</c>.
/// </summary>
/// <param name="Type">The cache backend: <c>registry</c>, <c>inline</c>, <c>local</c>, <c>gha</c>, ….</param>
public sealed record CacheSpec(string Type)
{
    /// <summary>The cache image reference (<c>ref=</c>), for the registry backend.</summary>
    public string? Ref { get; init; }

    /// <summary><c>min</c> or <c>max</c> (<c>mode=</c>); cache-to only.</summary>
    public string? Mode { get; init; }

    /// <summary>Whether a failed cache export is ignored (<c>ignore-error=</c>); cache-to only.</summary>
    public bool? IgnoreError { get; init; }

    /// <summary>Write the cache as an OCI image manifest (<c>image-manifest=</c>); needs BuildKit 0.12+.</summary>
    public bool? ImageManifest { get; init; }

    /// <summary>Use OCI media types (<c>oci-mediatypes=</c>).</summary>
    public bool? OciMediaTypes { get; init; }

    /// <summary>Layer compression: <c>gzip</c>, <c>estargz</c> or <c>zstd</c> (<c>compression=</c>).</summary>
    public string? Compression { get; init; }

    /// <summary>Any other attribute buildx knows, rendered after the typed ones in the given order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Extra { get; init; } = [];

    /// <summary>A registry cache at <paramref name="reference"/>.</summary>
    public static CacheSpec Registry(string reference) => new("registry") { Ref = reference };

    /// <summary>Renders the value of <c>--cache-from</c>/<c>--cache-to</c>.</summary>
    public override string ToString()
    {
        var text = new StringBuilder("type=").Append(Type);
        Append(text, "ref", Ref);
        Append(text, "mode", Mode);
        Append(text, "ignore-error", Flag(IgnoreError));
        Append(text, "image-manifest", Flag(ImageManifest));
        Append(text, "oci-mediatypes", Flag(OciMediaTypes));
        Append(text, "compression", Compression);
        foreach (var (key, value) in Extra)
        {
            Append(text, key, value);
        }

        return text.ToString();
    }

    private static string? Flag(bool? value) => value switch
    {
        true => "true",
        false => "false",
        null => null,
    };

    private static void Append(StringBuilder text, string key, string? value)
    {
        if (value is not null)
        {
            text.Append(',').Append(key).Append('=').Append(value);
        }
    }
}
