using System.Globalization;

namespace Cake.BuildxCache.Options;

/// <summary>An option value as printed: by its type, so no option can be left out of Plan by a missing case.</summary>
internal static class OptionValueText
{
    public static string? Of<T>(T value) => value switch
    {
        null => null,
        string text => text,
        bool flag => flag ? "true" : "false",
        int number => number.ToString(CultureInfo.InvariantCulture),
        Enum choice => choice.ToString().ToLowerInvariant(),
        Secret secret => secret.ToString(),
        IReadOnlyList<KeyValuePair<string, string>> pairs => string.Join(", ", pairs.Select(pair => pair.Key + "=" + pair.Value)),
        IReadOnlyList<string> items => string.Join(',', items),
        _ => value.ToString(),
    };
}
