using System.Globalization;

namespace Cake.BuildxCache.Registry;

/// <summary>
/// The next page of a tag list from an answer's <c>Link</c> headers (RFC 8288, see <see cref="LinkHeader"/>). A listing
/// that cannot be shown complete is an error, never a shorter list: a Link off RFC 8288's grammar, several different next
/// pages, or a next page on another origin (whose answer the registry does not vouch for, and which gets no credentials).
/// </summary>
internal static class TagListLinks
{
    /// <summary>The <c>rel="next"</c> page of <paramref name="response"/>, or null on the last page.</summary>
    /// <param name="response">A page of the tag list.</param>
    /// <param name="current">That page's URL (a relative link resolves against it).</param>
    /// <param name="registry">The registry's base URL: the next page must be on its origin.</param>
    /// <param name="repository">The repository listed, for the message.</param>
    /// <returns>The next page's URL, or null.</returns>
    /// <exception cref="RegistryException">The links cannot show the list complete.</exception>
    public static Uri? NextPage(HttpResponseMessage response, Uri current, Uri registry, RepositoryReference repository)
    {
        if (!response.Headers.TryGetValues("Link", out var values))
        {
            return null;
        }

        var next = new List<Uri>();
        foreach (var value in values)
        {
            IReadOnlyList<WebLink> links;
            try
            {
                links = LinkHeader.Parse(value);
            }
            catch (FormatException exception)
            {
                throw Incomplete($"sent a Link header that cannot be read ({exception.Message})");
            }

            foreach (var link in links.Where(link => link.Has("next")))
            {
                if (!Uri.TryCreate(current, link.Target, out var target) || (target.Scheme != Uri.UriSchemeHttp && target.Scheme != Uri.UriSchemeHttps))
                {
                    throw Incomplete($"linked to a next page '{link.Target}' that is not an http(s) URL");
                }

                next.Add(target);
            }
        }

        var distinct = next.DistinctBy(uri => uri.AbsoluteUri).ToList();
        if (distinct.Count > 1)
        {
            throw Incomplete($"linked to {distinct.Count.ToString(CultureInfo.InvariantCulture)} different next pages ({string.Join(", ", distinct.Select(Origins.Printable))})");
        }

        if (distinct.Count == 1 && !Origins.Same(distinct[0], registry))
        {
            throw Incomplete($"linked to a next page on another origin ({distinct[0].Scheme}://{distinct[0].Authority})");
        }

        return distinct.Count == 0 ? null : distinct[0];

        RegistryException Incomplete(string what) =>
            new(RegistryFailure.Unexpected, $"{repository.Host} {what} while listing the tags of {repository.Path}; the tag list cannot be shown to be complete", response.StatusCode);
    }
}
