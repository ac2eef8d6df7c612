using System.Globalization;
using System.Text.Json.Nodes;
using System.Web;

namespace Cake.BuildxCache.Tests.Support.Registry;

/// <summary>
/// Pages a tag list in a <see cref="RegistryProxy"/>'s <see cref="RegistryProxy.After"/>, as the OCI distribution spec
/// describes it (<c>?n=</c> tags per page in lexical order, <c>&amp;last=</c> the tag the page starts after, a <c>Link</c>
/// to the next page), with the <c>Link</c> written in a form the test chooses. A test double for what the real registry
/// cannot produce: Debian's registry (distribution 2.8.2) ignores <c>n</c> and sends every tag in one answer without a
/// <c>Link</c>.
/// </summary>
internal static class TagListPages
{
    /// <summary>Replaces a tag list answer by the page the request asked for.</summary>
    /// <param name="request">The request as the proxy received it.</param>
    /// <param name="response">The registry's answer; its body and <c>Link</c> header are replaced.</param>
    /// <param name="link">Makes the <c>Link</c> header's value from the next page's path and query.</param>
    /// <returns>True when the request was a tag list that was paged.</returns>
    public static bool Apply(ProxiedRequest request, HttpResponseMessage response, Func<string, string> link)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(link);
        var question = request.PathAndQuery.IndexOf('?', StringComparison.Ordinal);
        var path = question < 0 ? request.PathAndQuery : request.PathAndQuery[..question];
        if (request.Method != "GET" || !path.EndsWith("/tags/list", StringComparison.Ordinal) || !response.IsSuccessStatusCode)
        {
            return false;
        }

        var query = HttpUtility.ParseQueryString(question < 0 ? string.Empty : request.PathAndQuery[(question + 1)..]);
        var size = int.TryParse(query["n"], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : int.MaxValue;
        var last = query["last"];
        var body = JsonNode.Parse(response.Content.ReadAsStringAsync().GetAwaiter().GetResult())!.AsObject();
        var all = (body["tags"] as JsonArray ?? []).Select(tag => tag!.GetValue<string>()).Order(StringComparer.Ordinal).ToList();
        var rest = all.Where(tag => last is null || string.CompareOrdinal(tag, last) > 0).ToList();
        var page = rest.Take(size).ToList();
        body["tags"] = new JsonArray([.. page.Select(tag => (JsonNode)tag)]);
        response.Content = new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
        response.Headers.Remove("Link");
        if (rest.Count > page.Count)
        {
            var next = $"{path}?n={size.ToString(CultureInfo.InvariantCulture)}&last={Uri.EscapeDataString(page[^1])}";
            response.Headers.TryAddWithoutValidation("Link", link(next));
        }

        return true;
    }
}
