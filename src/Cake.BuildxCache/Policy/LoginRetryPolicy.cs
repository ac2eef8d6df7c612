namespace Cake.BuildxCache.Policy;

/// <summary>
/// When a failed <c>docker login</c> is worth another try: only for failures a registry recovers from by
/// itself within seconds (a refused or reset connection, a 502/503 from its proxy). Bad credentials and
/// time-outs are not retried, so a wrong password or a hung registry still fails at once or after docker's
/// own time-out, never several times over.
/// </summary>
internal static class LoginRetryPolicy
{
    private static readonly string[] TransientMarkers =
    [
        "connection refused",
        "connection reset",
        "502 Bad Gateway",
        "503 Service Unavailable",
        ": EOF",
    ];

    /// <summary>The pauses before the second and third attempts: three attempts at most, about 3 s in all.</summary>
    public static IReadOnlyList<TimeSpan> Delays { get; } = [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)];

    /// <summary>Whether docker's message describes a failure worth retrying.</summary>
    /// <param name="message">What docker said.</param>
    /// <returns>True for a transient failure.</returns>
    public static bool IsTransient(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return !message.Contains("unauthorized", StringComparison.OrdinalIgnoreCase)
            && TransientMarkers.Any(marker => message.Contains(marker, StringComparison.OrdinalIgnoreCase));
    }
}
