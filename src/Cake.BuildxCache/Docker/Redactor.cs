namespace Cake.BuildxCache.Docker;

/// <summary>Replaces secret texts by <c>[REDACTED]</c>.</summary>
internal static class Redactor
{
    public const string Mask = "[REDACTED]";

    public static string Redact(string text, IReadOnlyList<string> secrets)
    {
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
