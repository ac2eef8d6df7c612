using Cake.BuildxCache.Docker.Buildx;

namespace Cake.BuildxCache.Policy;

/// <summary>The <c>--progress</c> mode to give <c>docker buildx build</c> so that a cache report can be made.</summary>
/// <param name="Mode">The value for <c>--progress</c>.</param>
/// <param name="Reportable">Whether the output of that mode can be read into a report (<c>plain</c> and <c>rawjson</c> only).</param>
/// <param name="Note">Why the mode differs from what was asked, or why no report can be made; null when neither.</param>
internal sealed record ReportProgressMode(string Mode, bool Reportable, string? Note)
{
    /// <summary>Chooses the mode. Unset or <c>auto</c> gives <c>plain</c>: readable in a job log and parseable with
    /// every buildx (<c>auto</c> without a terminal is plain anyway, but says so only implicitly). <c>rawjson</c> is
    /// used only when asked, since it puts JSON in the log, and only on buildx 0.15 or later (else <c>plain</c>).
    /// <c>tty</c> and <c>quiet</c> are kept as asked, without a report.</summary>
    /// <param name="requested">The <c>--progress</c> option as set, or null.</param>
    /// <param name="version">The buildx version, or null when unknown (then <c>rawjson</c> is trusted as asked).</param>
    /// <returns>The choice.</returns>
    public static ReportProgressMode Choose(string? requested, BuildxVersion? version)
    {
        var mode = requested?.Trim().ToLowerInvariant();
        switch (mode)
        {
            case null or "" or "auto" or "plain":
                return new ReportProgressMode("plain", true, null);
            case "rawjson" when version is not null && !version.IsAtLeast(0, 15):
                return new ReportProgressMode("plain", true, $"--progress=rawjson needs buildx 0.15 or later (this is {version.Text}): using plain");
            case "rawjson":
                return new ReportProgressMode("rawjson", true, null);
            default:
                return new ReportProgressMode(mode, false, $"no cache report: --progress={mode} output cannot be read (use plain or rawjson)");
        }
    }
}
