using System.Text.Json;
using Cake.Core;
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
    /// <summary>
    /// The largest payload read: GitHub caps a webhook event's payload at 25 MB, so a larger file is not an event GitHub
    /// wrote, and reading it whole would only cost memory.
    /// </summary>
    public const long MaxBytes = 25L * 1024 * 1024;

    /// <summary>
    /// Reads a payload file. A missing file gives null and a note (the variables alone still say much). A file that is
    /// not a regular one (a pipe or a device: reading one can block for good or never end), is empty, is larger than
    /// <see cref="MaxBytes"/>, or is not a JSON object is refused: the refs it would fill in (the pull request's commit,
    /// the default branch, whether it comes from a fork) must not be guessed past a broken job.
    /// </summary>
    /// <param name="fileSystem">The file system to read through.</param>
    /// <param name="path">The payload file (GITHUB_EVENT_PATH).</param>
    /// <param name="notes">Receives why the payload could not be used.</param>
    /// <returns>The payload, or null.</returns>
    /// <exception cref="CakeException">The file is there but cannot be used; the message names GITHUB_EVENT_PATH and the fix.</exception>
    public static GitHubEventPayload? Load(IFileSystem fileSystem, FilePath path, ICollection<string> notes)
    {
        ArgumentNullException.ThrowIfNull(fileSystem);
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(notes);
        const string Fix = "point GITHUB_EVENT_PATH at the event's JSON file (GitHub Actions sets it), or unset it";
        var shown = CiInputChecks.Printable(path.FullPath);
        if (fileSystem.Exist(new DirectoryPath(path.FullPath)))
        {
            throw new CakeException($"GITHUB_EVENT_PATH '{shown}' is a directory: {Fix}.");
        }

        var file = fileSystem.GetFile(path);
        if (!file.Exists)
        {
            notes.Add($"The GitHub event payload '{path.FullPath}' does not exist.");
            return null;
        }

        try
        {
            // A pipe, a socket or a device has no size: only a regular file with content is opened (opening a pipe
            // without a writer blocks).
            var length = file.Length;
            if (length == 0)
            {
                throw new CakeException($"GITHUB_EVENT_PATH '{shown}' is empty or not a regular file (a pipe or a device is never read): {Fix}.");
            }

            if (length > MaxBytes)
            {
                throw new CakeException($"GITHUB_EVENT_PATH '{shown}' holds {length} bytes, more than the {MaxBytes / 1024 / 1024} MiB GitHub caps an event payload at: {Fix}.");
            }

            using var stream = file.OpenRead();
            var bytes = new byte[length];
            var read = stream.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false);
            using var document = JsonDocument.Parse(bytes.AsMemory(0, read));
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? From(document.RootElement)
                : throw new CakeException($"GITHUB_EVENT_PATH '{shown}' holds JSON that is not an object (a {document.RootElement.ValueKind.ToString().ToLowerInvariant()}), not an event payload: {Fix}.");
        }
        // InvalidOperationException: a string field that is not UTF-8, found only when it is read.
        catch (Exception exception) when (exception is JsonException or IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException)
        {
            throw new CakeException($"GITHUB_EVENT_PATH '{shown}' could not be read as an event payload ({FirstLine(exception.Message)}): {Fix}.", exception);
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

    private static string FirstLine(string message) => CiInputChecks.Printable(message.Split('\n')[0].Trim());

    // Walks one level down; anything that is not an object yields an Undefined element, so a chain
    // of lookups over a partial payload ends in "absent" instead of an exception.
    private static JsonElement Child(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var child) ? child : default;

    private static string? Text(JsonElement element) =>
        element.ValueKind == JsonValueKind.String ? EnvironmentExtensions.Given(element.GetString()) : null;
}
