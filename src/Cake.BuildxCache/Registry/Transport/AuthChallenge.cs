using System.Net.Http.Headers;
using System.Text;

namespace Cake.BuildxCache.Registry;

/// <summary>
/// One <c>WWW-Authenticate</c> challenge: <c>Basic realm="…"</c> or
/// <c>Bearer realm="https://auth.example.com/token",service="registry.example.com",scope="repository:app:pull"</c>.
/// </summary>
/// <param name="Scheme">The scheme, <c>Basic</c> or <c>Bearer</c> (compared case-insensitively).</param>
/// <param name="Parameters">The parameters, keys lowercased.</param>
internal sealed record AuthChallenge(string Scheme, IReadOnlyDictionary<string, string> Parameters)
{
    /// <summary>True for the token flow.</summary>
    public bool IsBearer => Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase);

    /// <summary>True for Basic authentication.</summary>
    public bool IsBasic => Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase);

    /// <summary>The <c>realm</c> (the token endpoint for Bearer), or null.</summary>
    public string? Realm => Parameters.GetValueOrDefault("realm");

    /// <summary>The <c>service</c>, or null.</summary>
    public string? Service => Parameters.GetValueOrDefault("service");

    /// <summary>The <c>scope</c>, or null (several scopes are separated by spaces).</summary>
    public string? Scope => Parameters.GetValueOrDefault("scope");

    /// <summary>The first challenge the client can answer: Bearer before Basic.</summary>
    /// <param name="headers">The <c>WWW-Authenticate</c> values of a 401 answer.</param>
    /// <returns>The challenge, or null when there is none the client knows.</returns>
    public static AuthChallenge? Select(HttpHeaderValueCollection<AuthenticationHeaderValue> headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var challenges = headers.Select(header => Parse(header.Scheme, header.Parameter)).ToList();
        return challenges.FirstOrDefault(challenge => challenge.IsBearer) ?? challenges.FirstOrDefault(challenge => challenge.IsBasic);
    }

    /// <summary>Parses the parameters of a challenge: comma-separated <c>key=value</c> or <c>key="quoted, value"</c>.</summary>
    /// <param name="scheme">The scheme.</param>
    /// <param name="parameter">The text after the scheme, or null.</param>
    /// <returns>The challenge.</returns>
    public static AuthChallenge Parse(string scheme, string? parameter)
    {
        ArgumentNullException.ThrowIfNull(scheme);
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        var text = parameter ?? string.Empty;
        var i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && (text[i] == ',' || char.IsWhiteSpace(text[i])))
            {
                i++;
            }

            var keyStart = i;
            while (i < text.Length && text[i] != '=' && text[i] != ',')
            {
                i++;
            }

            var key = text[keyStart..i].Trim().ToLowerInvariant();
            if (i >= text.Length || text[i] != '=')
            {
                continue;
            }

            i++;
            var value = new StringBuilder();
            if (i < text.Length && text[i] == '"')
            {
                i++;
                while (i < text.Length && text[i] != '"')
                {
                    if (text[i] == '\\' && i + 1 < text.Length)
                    {
                        i++;
                    }

                    value.Append(text[i]);
                    i++;
                }

                i++;
            }
            else
            {
                while (i < text.Length && text[i] != ',')
                {
                    value.Append(text[i]);
                    i++;
                }
            }

            if (key.Length > 0)
            {
                parameters[key] = value.ToString().Trim();
            }
        }

        return new(scheme, parameters);
    }
}
