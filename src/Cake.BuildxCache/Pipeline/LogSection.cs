using System.Globalization;
using Cake.BuildxCache.Refs;

namespace Cake.BuildxCache.Pipeline;

/// <summary>
/// The lines that open and close a collapsible part of the job log: GitLab's section markers
/// (<c>\e[0Ksection_start:&lt;unix time&gt;:&lt;name&gt;[collapsed=true]\r\e[0K&lt;header&gt;</c> …
/// <c>\e[0Ksection_end:&lt;unix time&gt;:&lt;name&gt;\r\e[0K</c>; GitLab shows the section's duration from the two
/// times), GitHub Actions' <c>::group::</c>/<c>::endgroup::</c>, and nothing elsewhere (null: print nothing).
/// Pure: the time is a parameter. Print each line on its own, as it is: it contains escape characters and, for
/// GitLab, a carriage return that hides the marker.
/// </summary>
internal static class LogSection
{
    private const string EraseLine = "\u001b[0K";

    /// <summary>The line that opens a section.</summary>
    /// <param name="provider">Where the build runs.</param>
    /// <param name="name">The section's name (GitLab only; made valid with <see cref="GitLabSectionName.Sanitize"/>).
    /// Do not reuse GitLab's own names (<c>step_script</c>, <c>prepare_script</c>, …): closing ours would close theirs.</param>
    /// <param name="header">The text shown on the section's line, on one line (line breaks become spaces).</param>
    /// <param name="at">When the section starts.</param>
    /// <param name="collapsed">GitLab: shown collapsed until opened (GitHub groups are always collapsed).</param>
    /// <returns>The line to print, or null outside GitLab and GitHub.</returns>
    public static string? Start(CiProvider provider, string name, string header, DateTimeOffset at, bool collapsed = false)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(header);
        var title = OneLine(header);
        return provider switch
        {
            CiProvider.GitLabCI => EraseLine + "section_start:" + UnixSeconds(at) + ":" + GitLabSectionName.Sanitize(name)
                + (collapsed ? "[collapsed=true]" : string.Empty) + "\r" + EraseLine + title,
            CiProvider.GitHubActions => GitHubCommands.Group(title),
            _ => null,
        };
    }

    /// <summary>The line that closes a section.</summary>
    /// <param name="provider">Where the build runs.</param>
    /// <param name="name">The name the section was opened with.</param>
    /// <param name="at">When the section ends.</param>
    /// <returns>The line to print, or null outside GitLab and GitHub.</returns>
    public static string? End(CiProvider provider, string name, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(name);
        return provider switch
        {
            CiProvider.GitLabCI => EraseLine + "section_end:" + UnixSeconds(at) + ":" + GitLabSectionName.Sanitize(name) + "\r" + EraseLine,
            CiProvider.GitHubActions => GitHubCommands.EndGroup,
            _ => null,
        };
    }

    private static string UnixSeconds(DateTimeOffset at) => at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");
}
