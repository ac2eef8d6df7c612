namespace Cake.BuildxCache.Docker;

/// <summary>Replaces secret texts by <c>[REDACTED]</c>.</summary>
internal static class Redactor
{
    public const string Mask = "[REDACTED]";

    /// <summary>Redacts <paramref name="text"/>; <c>null</c> passes through (Cake's end-of-stream marker).</summary>
    public static string Redact(string text, IReadOnlyList<string> secrets)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        foreach (var secret in secrets)
        {
            if (!string.IsNullOrEmpty(secret))
            {
                text = text.Replace(secret, Mask, StringComparison.Ordinal);
            }
        }

        return text;
    }
}
