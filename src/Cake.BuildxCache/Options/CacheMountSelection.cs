namespace Cake.BuildxCache.Options;

/// <summary>
/// What <c>--cache-mounts</c> picks: every cache mount of the stages built (<c>auto</c>), none, or the mounts with the
/// ids listed (an id as BuildKit keys the mount: <c>id=</c>, else the target path).
/// </summary>
/// <param name="All">True for <c>auto</c>.</param>
/// <param name="Ids">The ids listed; empty with <c>auto</c> and with <c>none</c>.</param>
internal sealed record CacheMountSelection(bool All, IReadOnlyList<string> Ids)
{
    /// <summary>The value that carries every cache mount.</summary>
    public const string Auto = "auto";

    /// <summary>The value that carries none.</summary>
    public const string None = "none";

    /// <summary>True when no mount is carried.</summary>
    public bool IsNone => !All && Ids.Count == 0;

    /// <summary>Reads the option's value (validation has checked it).</summary>
    /// <param name="value">The value.</param>
    /// <returns>The selection.</returns>
    public static CacheMountSelection Of(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var text = value.Trim();
        if (text.Equals(Auto, StringComparison.OrdinalIgnoreCase))
        {
            return new(true, []);
        }

        return text.Equals(None, StringComparison.OrdinalIgnoreCase) || text.Length == 0
            ? new(false, [])
            : new(false, [.. text.Split(',').Select(id => id.Trim()).Where(id => id.Length > 0).Distinct(StringComparer.Ordinal)]);
    }

    /// <summary>True when the mount of <paramref name="id"/> is picked.</summary>
    /// <param name="id">The mount's id.</param>
    /// <returns>Whether it is carried.</returns>
    public bool Picks(string id) => All || Ids.Contains(id, StringComparer.Ordinal);

    /// <summary>What is wrong with a value of <c>--cache-mounts</c>, or null.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The problem.</returns>
    public static string? Problem(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var ids = value.Split(',').Select(id => id.Trim()).ToList();
        if (ids.Count > 1 && ids.Any(id => id.Equals(Auto, StringComparison.OrdinalIgnoreCase) || id.Equals(None, StringComparison.OrdinalIgnoreCase)))
        {
            return $"mixes '{Auto}' or '{None}' with mount ids: give one of them, or the ids alone";
        }

        if (ids.Any(id => id.Length == 0))
        {
            return "has an empty mount id: write auto, none, or ids separated by single commas (nuget,npm)";
        }

        return ids.FirstOrDefault(id => id.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c == '=')) is { } bad
            ? $"has the mount id '{bad}' with a space, a control character or '=': write the id as in the Dockerfile's id= (or its target path)"
            : null;
    }
}
