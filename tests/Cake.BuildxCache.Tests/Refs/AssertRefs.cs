using Cake.BuildxCache.Refs;

namespace Cake.BuildxCache.Tests.Refs;

internal static class AssertRefs
{
    /// <summary>Compares every field one by one, so a failure names the field that differs.</summary>
    public static void AreEqual(GitRefInfo actual, GitRefInfo expected)
    {
        Assert.Multiple(() =>
        {
            Assert.That(actual.Provider, Is.EqualTo(expected.Provider), nameof(GitRefInfo.Provider));
            Assert.That(actual.Kind, Is.EqualTo(expected.Kind), nameof(GitRefInfo.Kind));
            Assert.That(actual.RefName, Is.EqualTo(expected.RefName), nameof(GitRefInfo.RefName));
            Assert.That(actual.Slug, Is.EqualTo(expected.Slug), nameof(GitRefInfo.Slug));
            Assert.That(actual.Sha, Is.EqualTo(expected.Sha), nameof(GitRefInfo.Sha));
            Assert.That(actual.ShortSha, Is.EqualTo(expected.ShortSha), nameof(GitRefInfo.ShortSha));
            Assert.That(actual.DefaultBranch, Is.EqualTo(expected.DefaultBranch), nameof(GitRefInfo.DefaultBranch));
            Assert.That(actual.TargetBranch, Is.EqualTo(expected.TargetBranch), nameof(GitRefInfo.TargetBranch));
            Assert.That(actual.IsFork, Is.EqualTo(expected.IsFork), nameof(GitRefInfo.IsFork));
            Assert.That(actual.SourceUrl, Is.EqualTo(expected.SourceUrl), nameof(GitRefInfo.SourceUrl));
        });

        // And the record as a whole, in case a field is added that this helper does not know yet. Whether CI named
        // the default branch is covered by the registry prune's tests (it decides whether the remote is asked); the
        // commit time by CommitTimeTests (git reads it from the test's repository, at its fixed date).
        Assert.That(actual with { DefaultBranchKnown = expected.DefaultBranchKnown, CommitTime = expected.CommitTime, CommitTimeSource = expected.CommitTimeSource, CommitTimeNote = expected.CommitTimeNote }, Is.EqualTo(expected));
    }
}
