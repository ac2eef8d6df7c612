using System.Net;
using System.Text.Json;

namespace Cake.BuildxCache.Registry;

/// <summary>Reads a registry's answer: a header, a JSON string field, and a failure as a <see cref="RegistryException"/> with the registry's own error codes.</summary>
internal static class RegistryResponses
{
    /// <summary>The first value of header <paramref name="name"/>, or null.</summary>
    /// <param name="response">The answer.</param>
    /// <param name="name">The header.</param>
    /// <returns>Its value, or null.</returns>
    public static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    /// <summary>The string field <paramref name="name"/> of a JSON object, or null.</summary>
    /// <param name="element">The object.</param>
    /// <param name="name">The field.</param>
    /// <returns>Its value, or null when absent or not a string.</returns>
    public static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>Throws unless the answer is a success: 401 is unauthorized, 403 denied, anything else unexpected.</summary>
    /// <param name="response">The answer.</param>
    /// <param name="reference">What was asked about, for the message.</param>
    /// <param name="what">What was asked (<c>read</c>, <c>delete</c>…), for the message.</param>
    /// <param name="cancellationToken">Cancels reading the error body.</param>
    /// <returns>A task that completes when the answer is a success.</returns>
    /// <exception cref="RegistryException">It is not.</exception>
    public static async Task EnsureSuccessAsync(HttpResponseMessage response, RepositoryReference reference, string what, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var detail = await ErrorDetail(response, cancellationToken).ConfigureAwait(false);
        var status = (int)response.StatusCode + " " + response.ReasonPhrase;
        throw response.StatusCode switch
        {
            HttpStatusCode.Unauthorized => new RegistryException(RegistryFailure.Unauthorized, $"{reference.Host} refused to {what} {reference} ({status}{detail})", response.StatusCode),
            HttpStatusCode.Forbidden => new RegistryException(RegistryFailure.Denied, $"{reference.Host} denied access to {what} {reference} ({status}{detail})", response.StatusCode),
            _ => new RegistryException(RegistryFailure.Unexpected, $"{reference.Host} could not {what} {reference} ({status}{detail})", response.StatusCode),
        };
    }

    /// <summary>The registry's error codes and messages (its <c>errors</c> array, three at most) as <c>; CODE: message</c>, or empty.</summary>
    /// <param name="response">A failed answer.</param>
    /// <param name="cancellationToken">Cancels reading the body.</param>
    /// <returns>The detail, or an empty string.</returns>
    public static async Task<string> ErrorDetail(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array)
            {
                var parts = errors.EnumerateArray()
                    .Select(error => $"{Text(error, "code")}: {Text(error, "message")}".Trim(' ', ':'))
                    .Where(part => part.Length > 0)
                    .Take(3)
                    .ToList();
                return parts.Count > 0 ? "; " + string.Join("; ", parts) : string.Empty;
            }
        }
        catch (Exception exception) when (exception is JsonException or HttpRequestException or IOException)
        {
            // No structured error body: the status says enough.
        }

        return string.Empty;
    }
}
