using System.Globalization;

namespace Cake.BuildxCache.Registry;

/// <summary>
/// Reads one value of an HTTP <c>Link</c> header by the grammar of RFC 8288 section 3: a comma-separated list (empty
/// elements allowed) of <c>&lt;target&gt;</c> each followed by <c>;</c> parameters, whitespace allowed around every
/// <c>;</c>, <c>,</c> and <c>=</c>, a parameter value a token or a quoted string (with <c>\</c> escapes), <c>rel</c> a
/// space-separated list of relation types of which only the first <c>rel</c> of a link counts. Registries page tag
/// lists with it, and a page missed is a tag the prune does not see, so anything off the grammar is an error rather than
/// a guess. The .NET libraries and the packages the feed serves have no parser of it.
/// </summary>
internal static class LinkHeader
{
    /// <summary>The links of one header value.</summary>
    /// <param name="value">The header value.</param>
    /// <returns>The links, in order.</returns>
    /// <exception cref="FormatException">When the value does not follow the grammar (the message says where).</exception>
    public static IReadOnlyList<WebLink> Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var links = new List<WebLink>();
        var at = 0;
        while (true)
        {
            SkipWhitespace(value, ref at);
            if (at == value.Length)
            {
                return links;
            }

            if (value[at] == ',')
            {
                at++;
                continue;
            }

            links.Add(ReadLink(value, ref at));
            SkipWhitespace(value, ref at);
            if (at < value.Length && value[at] != ',')
            {
                throw Malformed(value, at, "',' between links");
            }
        }
    }

    private static WebLink ReadLink(string value, ref int at)
    {
        if (value[at] != '<')
        {
            throw Malformed(value, at, "'<' opening a link's target");
        }

        var close = value.IndexOf('>', at + 1);
        if (close < 0)
        {
            throw Malformed(value, at, "'>' closing the link's target");
        }

        var target = value[(at + 1)..close];
        if (target.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            throw Malformed(value, at + 1, "a target without whitespace");
        }

        at = close + 1;
        IReadOnlyList<string>? relations = null;
        while (true)
        {
            SkipWhitespace(value, ref at);
            if (at == value.Length || value[at] == ',')
            {
                return new(target, relations ?? []);
            }

            if (value[at] != ';')
            {
                throw Malformed(value, at, "';' before a parameter");
            }

            at++;
            SkipWhitespace(value, ref at);
            var name = ReadToken(value, ref at) ?? throw Malformed(value, at, "a parameter name");
            SkipWhitespace(value, ref at);
            string? parameter = null;
            if (at < value.Length && value[at] == '=')
            {
                at++;
                SkipWhitespace(value, ref at);
                parameter = at < value.Length && value[at] == '"'
                    ? ReadQuoted(value, ref at)
                    : ReadToken(value, ref at) ?? throw Malformed(value, at, "a parameter value (a token or a quoted string)");
            }

            // RFC 8288 3.3: a second rel of the same link is ignored.
            if (relations is null && name.Equals("rel", StringComparison.OrdinalIgnoreCase))
            {
                relations = [.. (parameter ?? string.Empty).Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries).Select(relation => relation.ToLowerInvariant())];
            }
        }
    }

    private static string? ReadToken(string value, ref int at)
    {
        var start = at;
        while (at < value.Length && IsTokenChar(value[at]))
        {
            at++;
        }

        return at > start ? value[start..at] : null;
    }

    private static string ReadQuoted(string value, ref int at)
    {
        var start = at;
        var text = new System.Text.StringBuilder();
        for (at++; at < value.Length; at++)
        {
            var c = value[at];
            if (c == '"')
            {
                at++;
                return text.ToString();
            }

            if (c == '\\')
            {
                if (++at == value.Length)
                {
                    break;
                }

                c = value[at];
            }

            if (char.IsControl(c) && c != '\t')
            {
                throw Malformed(value, at, "no control character in a quoted string");
            }

            text.Append(c);
        }

        throw Malformed(value, start, "'\"' closing the quoted string");
    }

    private static void SkipWhitespace(string value, ref int at)
    {
        while (at < value.Length && value[at] is ' ' or '\t')
        {
            at++;
        }
    }

    // RFC 9110's tchar.
    private static bool IsTokenChar(char c) =>
        char.IsAsciiLetterOrDigit(c) || c is '!' or '#' or '$' or '%' or '&' or '\'' or '*' or '+' or '-' or '.' or '^' or '_' or '`' or '|' or '~';

    private static FormatException Malformed(string value, int at, string expected) =>
        new(string.Create(CultureInfo.InvariantCulture, $"expected {expected} at character {at + 1} of '{(value.Length > 200 ? value[..200] + "…" : value)}'"));
}
