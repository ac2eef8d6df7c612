using Cake.Core;
using Cake.Core.IO;

namespace Cake.BuildxCache.Refs;

/// <summary>
/// Reads the refs of a GitHub Actions job from its GITHUB_* variables and its event payload.
/// For a pull request GITHUB_REF_NAME is <c>N/merge</c>: the ref name is the head branch instead.
/// </summary>
internal static class GitHubRefReader
{
    private const string DefaultServer = "https://github.com";

    /// <summary>Reads the refs from GitHub's variables and the event payload.</summary>
    /// <param name="environment">The job's environment.</param>
    /// <param name="fileSystem">Reads the event payload at GITHUB_EVENT_PATH.</param>
    /// <param name="defaultBranchFallback">Asked only when the payload does not name the default branch.</param>
    /// <returns>The refs (with an empty sha when none is known) and the fallbacks taken.</returns>
    public static GitRefResolution Read(ICakeEnvironment environment, IFileSystem fileSystem, Func<string> defaultBranchFallback)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(fileSystem);
        ArgumentNullException.ThrowIfNull(defaultBranchFallback);

        var notes = new List<string>();
        var payload = environment.Variable("GITHUB_EVENT_PATH") is { } eventPath
            ? GitHubEventPayload.Load(fileSystem, new FilePath(eventPath), notes)
            : null;

        // GITHUB_HEAD_REF is set only for pull_request and pull_request_target events.
        var headRef = environment.Variable("GITHUB_HEAD_REF");
        var isPullRequest = headRef is not null;
        var sha = Sha(environment, payload, isPullRequest, notes);
        var (kind, refName) = isPullRequest ? (RefKind.Branch, headRef!) : RefOf(environment);
        if (refName is null)
        {
            notes.Add("Neither GITHUB_REF_TYPE/GITHUB_REF_NAME nor GITHUB_REF names a branch or tag: building as a detached commit.");
            (kind, refName) = (RefKind.Detached, CommitSha.Short(sha));
        }

        var targetBranch = isPullRequest ? environment.Variable("GITHUB_BASE_REF") : null;
        if (isPullRequest && targetBranch is null)
        {
            notes.Add("A pull request without GITHUB_BASE_REF: no target branch cache.");
        }

        // Every value used is checked like the option that overrides it (CiInputChecks).
        const string Payload = " in GITHUB_EVENT_PATH";
        var inputs = new List<CiInput>();
        if (sha.Length > 0)
        {
            inputs.Add(isPullRequest && payload?.HeadSha is { } headSha
                ? new CiInput(CiInputKind.Sha, "pull_request.head.sha" + Payload, headSha)
                : new CiInput(CiInputKind.Sha, "GITHUB_SHA", environment.Variable("GITHUB_SHA")!));
        }

        if (kind != RefKind.Detached)
        {
            inputs.Add(new CiInput(CiInputKind.RefName, isPullRequest ? "GITHUB_HEAD_REF" : environment.Variable("GITHUB_REF_NAME") is not null ? "GITHUB_REF_NAME" : "GITHUB_REF", refName));
        }

        if (targetBranch is not null)
        {
            inputs.Add(new CiInput(CiInputKind.TargetBranch, "GITHUB_BASE_REF", targetBranch));
        }

        if (payload?.DefaultBranch is { } payloadDefault)
        {
            inputs.Add(new CiInput(CiInputKind.DefaultBranch, "repository.default_branch" + Payload, payloadDefault));
        }

        return new GitRefResolution(
            new GitRefInfo(
                CiProvider.GitHubActions,
                kind,
                refName,
                RefSlug.From(refName),
                sha,
                CommitSha.Short(sha),
                DefaultBranch(payload, defaultBranchFallback, notes),
                targetBranch,
                isPullRequest && IsFork(environment, payload, notes),
                SourceUrl(environment))
            { DefaultBranchKnown = payload?.DefaultBranch is not null },
            notes)
        { Inputs = inputs };
    }

    private static (RefKind Kind, string? Name) RefOf(ICakeEnvironment environment)
    {
        var type = environment.Variable("GITHUB_REF_TYPE");
        var name = environment.Variable("GITHUB_REF_NAME");
        var fullRef = environment.Variable("GITHUB_REF") ?? string.Empty;
        if (type == "tag" || (type is null && fullRef.StartsWith("refs/tags/", StringComparison.Ordinal)))
        {
            return (RefKind.Tag, name ?? EnvironmentExtensions.Given(fullRef["refs/tags/".Length..]));
        }

        if (type == "branch" || (type is null && fullRef.StartsWith("refs/heads/", StringComparison.Ordinal)))
        {
            return (RefKind.Branch, name ?? EnvironmentExtensions.Given(fullRef["refs/heads/".Length..]));
        }

        return (RefKind.Detached, null);
    }

    // For a pull request GITHUB_SHA is the merge commit GitHub made; the image is labelled with the
    // pull request's own head commit when the payload names it.
    private static string Sha(ICakeEnvironment environment, GitHubEventPayload? payload, bool isPullRequest, List<string> notes)
    {
        var sha = environment.Variable("GITHUB_SHA");
        if (isPullRequest)
        {
            if (payload?.HeadSha is { } headSha)
            {
                return headSha.ToLowerInvariant();
            }

            notes.Add("The event payload does not name pull_request.head.sha: using GITHUB_SHA, the merge commit.");
        }

        if (sha is null)
        {
            notes.Add("GITHUB_SHA is not set.");
        }

        return sha?.ToLowerInvariant() ?? string.Empty;
    }

    private static string DefaultBranch(GitHubEventPayload? payload, Func<string> fallback, List<string> notes)
    {
        if (payload?.DefaultBranch is { } defaultBranch)
        {
            return defaultBranch;
        }

        var assumed = fallback();
        notes.Add($"The event payload does not name repository.default_branch: assuming '{assumed}' (pass --default-branch to say otherwise).");
        return assumed;
    }

    // The head repository's name decides when it is known: a fork flag alone would also mark a
    // same-repository pull request inside a repository that is itself a fork. When nothing is known
    // (no payload, deleted head repository) the pull request counts as a fork: a read-only cache is
    // the safe mistake.
    private static bool IsFork(ICakeEnvironment environment, GitHubEventPayload? payload, List<string> notes)
    {
        var repository = environment.Variable("GITHUB_REPOSITORY");
        if (payload?.HeadRepositoryFullName is { } headRepository && repository is not null)
        {
            return !string.Equals(headRepository, repository, StringComparison.OrdinalIgnoreCase);
        }

        if (payload?.HeadRepositoryIsFork is { } isFork)
        {
            return isFork;
        }

        notes.Add("The event payload does not say where the pull request comes from: treating it as a fork (read-only cache).");
        return true;
    }

    private static string? SourceUrl(ICakeEnvironment environment)
    {
        var repository = environment.Variable("GITHUB_REPOSITORY");
        var server = environment.Variable("GITHUB_SERVER_URL") ?? DefaultServer;
        return repository is null ? null : RemoteUrl.ToWebAddress($"{server.TrimEnd('/')}/{repository}");
    }
}
