using System.Globalization;
using Cake.BuildxCache.Docker;
using Cake.BuildxCache.Options;
using Cake.BuildxCache.Refs;

namespace Cake.BuildxCache.Policy;

/// <summary>
/// OCI labels and build arguments. Labels: <c>org.opencontainers.image.revision</c> (sha),
/// <c>.source</c> (when known), <c>.created</c> (the injected time, RFC 3339 UTC to the second),
/// <c>.ref.name</c>, <c>.title</c> (the <c>title</c> option, else the image's last path segment), then the
/// extra labels; an extra label of the same key replaces the OCI one in place. Build arguments:
/// <c>GIT_COMMIT=&lt;sha&gt;</c>, then the extra ones (same rule for the same key).
/// </summary>
internal static class LabelPolicy
{
    /// <summary>The label key prefix of the OCI image annotations.</summary>
    public const string Oci = "org.opencontainers.image.";

    /// <summary>The labels.</summary>
    /// <param name="refs">Where the build stands.</param>
    /// <param name="options">The options.</param>
    /// <param name="created">The build's timestamp (injected: policy reads no clock).</param>
    /// <returns>The labels, in order.</returns>
    public static IReadOnlyList<KeyValuePair<string, string>> Labels(GitRefInfo refs, BuildxCacheOptions options, DateTimeOffset created)
    {
        ArgumentNullException.ThrowIfNull(refs);
        ArgumentNullException.ThrowIfNull(options);
        var labels = new List<KeyValuePair<string, string>> { new(Oci + "revision", refs.Sha) };
        if (!string.IsNullOrEmpty(refs.SourceUrl))
        {
            labels.Add(new(Oci + "source", refs.SourceUrl));
        }

        labels.Add(new(Oci + "created", Rfc3339(created)));
        labels.Add(new(Oci + "ref.name", refs.RefName));
        var title = options.Title ?? (string.IsNullOrWhiteSpace(options.Image) ? null : ImageName.Parse(options.Image.Trim()).LastSegment);
        if (!string.IsNullOrEmpty(title))
        {
            labels.Add(new(Oci + "title", title));
        }

        return Merge(labels, options.Labels);
    }

    /// <summary>The build arguments: <c>GIT_COMMIT</c> then the extra ones.</summary>
    /// <param name="refs">Where the build stands.</param>
    /// <param name="options">The options.</param>
    /// <returns>The build arguments, in order.</returns>
    public static IReadOnlyList<KeyValuePair<string, string>> BuildArgs(GitRefInfo refs, BuildxCacheOptions options)
    {
        ArgumentNullException.ThrowIfNull(refs);
        ArgumentNullException.ThrowIfNull(options);
        return Merge([new("GIT_COMMIT", refs.Sha)], options.BuildArgs);
    }

    /// <summary>RFC 3339 in UTC to the second: <c>2025-01-31T12:34:56Z</c>.</summary>
    /// <param name="time">The time.</param>
    /// <returns>The text.</returns>
    public static string Rfc3339(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'Z'", CultureInfo.InvariantCulture);

    private static List<KeyValuePair<string, string>> Merge(List<KeyValuePair<string, string>> first, IReadOnlyList<KeyValuePair<string, string>> extra)
    {
        foreach (var pair in extra)
        {
            var index = first.FindIndex(item => item.Key == pair.Key);
            if (index >= 0)
            {
                first[index] = pair;
            }
            else
            {
                first.Add(pair);
            }
        }

        return first;
    }
}
