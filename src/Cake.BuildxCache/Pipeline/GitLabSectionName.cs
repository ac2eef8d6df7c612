using System.Text;

namespace Cake.BuildxCache.Pipeline;

/// <summary>
/// A name GitLab accepts for a collapsible log section. GitLab's log parser matches <c>[a-zA-Z0-9_.-]+</c> and
/// then lowercases the name and turns every other character into <c>-</c>; a marker with any other character is
/// not a marker at all and shows as text. So: lowercase, anything outside <c>a-z 0-9 _ . -</c> becomes <c>-</c>,
/// no <c>-</c> at either end, <c>section</c> when nothing is left.
/// </summary>
internal static class GitLabSectionName
{
    /// <summary>Makes <paramref name="name"/> a valid section name.</summary>
    /// <param name="name">Any text, e.g. a task name.</param>
    /// <returns>The section name.</returns>
    public static string Sanitize(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var text = new StringBuilder(name.Length);
        foreach (var c in name.ToLowerInvariant())
        {
            text.Append(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '_' or '.' or '-' ? c : '-');
        }

        var sanitized = text.ToString().Trim('-');
        return sanitized.Length == 0 ? "section" : sanitized;
    }
}
