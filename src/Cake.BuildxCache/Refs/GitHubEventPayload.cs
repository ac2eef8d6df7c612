using System.Text.Json;
using Cake.Core.IO;

namespace Cake.BuildxCache.Refs;

/// <summary>
/// The few fields of a GitHub Actions event payload (the JSON file at GITHUB_EVENT_PATH) that the
/// environment variables do not carry.
/// </summary>
/// <param name="DefaultBranch"><c>repository.default_branch</c>.</param>
/// <param name="HasPullRequest">True when the payload has a <c>pull_request</c> object.</param>
/// <param name="HeadSha"><c>pull_request.head.sha</c>: the pull request's own commit, not the merge commit GITHUB_SHA names.</param>
/// <param name="HeadRepositoryFullName"><c>pull_request.head.repo.full_name</c>; null when the head repository was deleted.</param>
/// <param name="HeadRepositoryIsFork"><c>pull_request.head.repo.fork</c>.</param>
internal sealed record GitHubEventPayload(
    string? DefaultBranch,
    bool HasPullRequest,
    string? HeadSha,
    string? HeadRepositoryFullName,
    bool? HeadRepositoryIsFork)
{
    /// <summary>Reads a payload file; a missing or malformed file gives null and a note, never an exception.</summary>
    /// <param name="fileSystem">The file system to read through.</param>
    /// <param name="path">The payload file (GITHUB_EVENT_PATH).</param>
    /// <param name="notes">Receives why the payload could not be used.</param>
    /// <returns>The payload, or null.</returns>
    public static GitHubEventPayload? Load(IFileSystem fileSystem, FilePath path, ICollection<string> notes)
    {
        ArgumentNullException.ThrowIfNull(fileSystem);
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(notes);
        try
        {
            var file = fileSystem.GetFile(path);
            if (!file.Exists)
            {
                notes.Add($"The GitHub event payload '{path.FullPath}' does not exist.");
                return null;
            }

            using var stream = file.OpenRead();
            using var document = JsonDocument.Parse(stream);
            return From(document.RootElement);
        }
        catch (Exception exception) when (exception is JsonException or IOException or UnauthorizedAccessException)
        {
            notes.Add($"The GitHub event payload '{path.FullPath}' could not be read: {exception.Message}");
            return null;
        }
    }

    /// <summary>Parses payload text. Fields of the wrong JSON type count as absent.</summary>
    /// <param name="json">The payload's JSON text.</param>
    /// <returns>The payload.</returns>
    /// <exception cref="JsonException">The text is not JSON.</exception>
    public static GitHubEventPayload Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        using var document = JsonDocument.Parse(json);
        return From(document.RootElement);
    }

    private static GitHubEventPayload From(JsonElement root)
    {
        var pullRequest = Child(root, "pull_request");
        var headRepository = Child(Child(pullRequest, "head"), "repo");
        return new GitHubEventPayload(
            Text(Child(Child(root, "repository"), "default_branch")),
            pullRequest.ValueKind == JsonValueKind.Object,
            Text(Child(Child(pullRequest, "head"), "sha")),
            Text(Child(headRepository, "full_name")),
            Child(headRepository, "fork").ValueKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                _ => null,
            });
    }

    // Walks one level down; anything that is not an object yields an Undefined element, so a chain
    // of lookups over a partial payload ends in "absent" instead of an exception.
    private static JsonElement Child(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var child) ? child : default;

    private static string? Text(JsonElement element) =>
        element.ValueKind == JsonValueKind.String ? EnvironmentExtensions.Given(element.GetString()) : null;
}
