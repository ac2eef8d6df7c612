using Cake.BuildxCache.Refs;

namespace Cake.BuildxCache.Tests.Refs;

public sealed class GitHubEventPayloadTests
{
    [Test]
    public void Reads_the_pull_request_fields()
    {
        const string json = """
            {
              "pull_request": { "head": { "sha": "ABCDEF0123456789ABCDEF0123456789ABCDEF01", "repo": { "full_name": "fork/app", "fork": true } } },
              "repository": { "default_branch": "trunk" }
            }
            """;

        Assert.That(
            GitHubEventPayload.Parse(json),
            Is.EqualTo(new GitHubEventPayload("trunk", true, "ABCDEF0123456789ABCDEF0123456789ABCDEF01", "fork/app", true)));
    }

    [Test]
    public void A_push_payload_has_no_pull_request()
    {
        Assert.That(
            GitHubEventPayload.Parse("""{ "repository": { "default_branch": "main" }, "head_commit": { "id": "x" } }"""),
            Is.EqualTo(new GitHubEventPayload("main", false, null, null, null)));
    }

    [Test]
    public void Fields_of_the_wrong_type_count_as_absent()
    {
        Assert.That(
            GitHubEventPayload.Parse("""{ "pull_request": { "head": { "sha": 12, "repo": { "full_name": [], "fork": "yes" } } }, "repository": { "default_branch": null } }"""),
            Is.EqualTo(new GitHubEventPayload(null, true, null, null, null)));
    }
}
