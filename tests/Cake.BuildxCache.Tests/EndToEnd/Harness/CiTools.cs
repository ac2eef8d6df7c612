using Cake.BuildxCache.Tests.Support;

namespace Cake.BuildxCache.Tests.EndToEnd.Harness;

/// <summary>
/// The runners of the shipped CI building blocks, installed by <c>.ci/setup</c> (<c>npm ci</c> in <c>.ci/tools</c>):
/// <c>gitlab-ci-local</c>, which runs a <c>.gitlab-ci.yml</c>'s jobs with its shell executor, and
/// <c>.ci/tools/read-action.mjs</c>, which reads an <c>action.yml</c> with GitHub's own parser and expressions.
/// </summary>
internal static class CiTools
{
    public static string Folder => Path.Combine(RepositoryRoot.Path, ".ci", "tools");

    public static string GitLabCiLocal => Path.Combine(Folder, "node_modules", ".bin", "gitlab-ci-local");

    public static string ActionReader => Path.Combine(Folder, "read-action.mjs");

    /// <summary>Skips the test, saying what is missing, without node or the installed tools.</summary>
    public static void Require()
    {
        if (ToolPath.Find("node") is null || ToolPath.Find("rsync") is null || !File.Exists(GitLabCiLocal) || !Directory.Exists(Path.Combine(Folder, "node_modules", "@actions", "workflow-parser")))
        {
            Assert.Ignore("CI building-block test: needs node, rsync and .ci/tools/node_modules (run .ci/setup, which installs them).");
        }
    }

    /// <summary>The lines a gitlab-ci-local job printed (<c>&lt;job&gt; &gt; line</c>), without the job's prefix.</summary>
    public static List<string> JobOutput(string output, string job) =>
    [
        .. output.Split('\n')
            .Select(line => line.TrimEnd('\r'))
            .Where(line => line.StartsWith(job, StringComparison.Ordinal) && line.AsSpan(job.Length).TrimStart().StartsWith("> ", StringComparison.Ordinal))
            .Select(line => line[(line.IndexOf("> ", job.Length, StringComparison.Ordinal) + 2)..]),
    ];
}
