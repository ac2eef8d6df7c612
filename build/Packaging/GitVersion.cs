using System.Text.RegularExpressions;
using LibGit2Sharp;

namespace Build.Packaging;

/// <summary>
/// The package version, from git: on a commit tagged <c>vX.Y.Z</c> (or <c>vX.Y.Z-suffix</c>) that version;
/// otherwise a pre-release of the next patch after the newest reachable version tag (<c>0.1.0</c> when there
/// is none), <c>X.Y.Z-alpha.&lt;height&gt;+&lt;short sha&gt;</c>, height counting the commits since that tag
/// (since the root without one).
/// </summary>
public static partial class GitVersion
{
    /// <summary>The version when no version tag is reachable.</summary>
    public const string Initial = "0.1.0";

    /// <summary>Computes the version of the repository that contains <paramref name="path"/>.</summary>
    /// <param name="path">A directory inside the repository.</param>
    /// <returns>The version and the full sha of HEAD.</returns>
    public static (string Version, string Sha) Compute(string path)
    {
        var root = Repository.Discover(path) ?? throw new InvalidOperationException($"{path} is not in a git repository.");
        using var repository = new Repository(root);
        var head = repository.Head.Tip ?? throw new InvalidOperationException("The repository has no commits.");

        // Version tags by the commit they point at (annotated tags peeled).
        var tags = new Dictionary<ObjectId, List<string>>();
        foreach (var tag in repository.Tags)
        {
            if (tag.PeeledTarget is Commit commit && Parse(tag.FriendlyName) is { } version)
            {
                if (!tags.TryGetValue(commit.Id, out var list))
                {
                    tags[commit.Id] = list = [];
                }

                list.Add(version);
            }
        }

        var filter = new CommitFilter { IncludeReachableFrom = head, SortBy = CommitSortStrategies.Topological };
        var height = 0;
        string? baseVersion = null;
        foreach (var commit in repository.Commits.QueryBy(filter))
        {
            if (tags.TryGetValue(commit.Id, out var versions))
            {
                baseVersion = versions.OrderByDescending(v => v, StringComparer.Ordinal).First();
                break;
            }

            height++;
        }

        return (Format(baseVersion, height, head.Sha), head.Sha);
    }

    /// <summary>The version for a commit <paramref name="height"/> commits after the version tag <paramref name="tagVersion"/>.</summary>
    /// <param name="tagVersion">The newest reachable tag's version without the <c>v</c>, or null when none.</param>
    /// <param name="height">Commits from HEAD back to the tagged commit (0 on it); from HEAD to the root without a tag, HEAD included.</param>
    /// <param name="sha">HEAD's sha.</param>
    /// <returns>The package version.</returns>
    public static string Format(string? tagVersion, int height, string sha)
    {
        var shortSha = sha[..Math.Min(7, sha.Length)];
        if (tagVersion is null)
        {
            return $"{Initial}-alpha.{height}+{shortSha}";
        }

        if (height == 0)
        {
            return tagVersion;
        }

        var core = tagVersion.Split('-', 2)[0].Split('.').Select(int.Parse).ToArray();
        return $"{core[0]}.{core[1]}.{core[2] + 1}-alpha.{height}+{shortSha}";
    }

    /// <summary>The version a tag names, or null when it is no <c>vX.Y.Z[-prerelease]</c> tag.</summary>
    /// <param name="tag">A tag name.</param>
    /// <returns>The version without the <c>v</c>.</returns>
    public static string? Parse(string tag)
    {
        var match = VersionTag().Match(tag);
        return match.Success ? match.Groups[1].Value : null;
    }

    [GeneratedRegex(@"^v((?:0|[1-9]\d*)\.(?:0|[1-9]\d*)\.(?:0|[1-9]\d*)(?:-[0-9A-Za-z.-]+)?)$")]
    private static partial Regex VersionTag();
}
