using Cake.BuildxCache.Miss;

namespace Cake.BuildxCache.Tests.Miss;

/// <summary>Which build arguments a cache record may keep a keyed digest of, and which are warned about as secrets.</summary>
public sealed class RecordedBuildArgsTests
{
    private const string Dockerfile = """
        ARG GLOBAL
        FROM 127.0.0.1:5000/base/busybox:1 AS deps
        ARG NPM_TOKEN
        ARG DEPS_VERSION=1
        RUN echo deps > /deps

        FROM 127.0.0.1:5000/base/busybox:1 AS tools
        ARG TOOLS_VERSION
        RUN echo tools > /tools

        FROM 127.0.0.1:5000/base/busybox:1 AS unused
        ARG UNUSED_VERSION

        FROM deps AS final
        ARG VERSION
        COPY --from=tools /tools /tools
        RUN echo built > /built
        """;

    private static readonly KeyValuePair<string, string>[] Given =
        [.. new[] { "GLOBAL", "NPM_TOKEN", "DEPS_VERSION", "TOOLS_VERSION", "UNUSED_VERSION", "VERSION", "UNDECLARED", "GIT_COMMIT" }.Select(name => new KeyValuePair<string, string>(name, "v"))];

    [Test]
    public void Only_the_non_secret_arguments_the_built_stages_declare()
    {
        var names = RecordedBuildArgs.Names(Given, DockerfileOutline.Parse(Dockerfile), null);

        Assert.That(names, Is.EquivalentTo(new[] { "DEPS_VERSION", "TOOLS_VERSION", "VERSION" }));
    }

    [Test]
    public void A_target_stage_limits_them_to_its_own_chain()
    {
        Assert.That(RecordedBuildArgs.Names(Given, DockerfileOutline.Parse(Dockerfile), "tools"), Is.EquivalentTo(new[] { "TOOLS_VERSION" }));
        Assert.That(RecordedBuildArgs.Names(Given, DockerfileOutline.Parse(Dockerfile + "\nFROM final\nRUN --mount=type=bind,from=unused,target=/u true\n"), null), Does.Contain("UNUSED_VERSION"));
        Assert.That(RecordedBuildArgs.Names(Given, null, null), Is.Empty, "an unreadable Dockerfile: nothing is known to be declared");
    }

    [TestCase("NPM_TOKEN", true)]
    [TestCase("GHTOKEN", true)]
    [TestCase("DB_PASSWORD", true)]
    [TestCase("api-key", true)]
    [TestCase("APIKEY", true)]
    [TestCase("AWS_SECRET_ACCESS_KEY", true)]
    [TestCase("GITHUB_PAT", true)]
    [TestCase("BASIC_AUTH", true)]
    [TestCase("VERSION", false)]
    [TestCase("GIT_COMMIT", false)]
    [TestCase("PATH_PREFIX", false)]
    [TestCase("AUTHOR", false)]
    public void A_name_that_says_secret(string name, bool secret) =>
        Assert.That(RecordedBuildArgs.LooksSecret(name), Is.EqualTo(secret));

    [Test]
    public void A_secret_named_argument_is_warned_about_once_pointing_to_secret()
    {
        var warnings = RecordedBuildArgs.SecretWarnings([new("NPM_TOKEN", "hunter2"), new("VERSION", "1"), new("NPM_TOKEN", "again")]).ToList();

        Assert.That(warnings, Has.Count.EqualTo(1));
        Assert.That(warnings[0], Does.StartWith("build argument NPM_TOKEN looks like a secret").And.Contain("--secret=id=npm_token,env=NPM_TOKEN").And.Not.Contain("hunter2"));
    }
}
