using Cake.BuildxCache.Options;

namespace Cake.BuildxCache.Tests.Options;

public sealed class OptionsValidatorTests
{
    private const string Image = "registry.example.com/group/app";
    private const string Password = "hunter2-Sup3rSecret";

    // Each case: arguments beyond a valid local baseline (image set), whether in CI, the option the
    // problem must name, and a fragment of the problem.
    private static IEnumerable<TestCaseData> BadInputs()
    {
        TestCaseData Case(string name, string option, string fragment, params string[] arguments) =>
            new TestCaseData(arguments, false, option, fragment).SetName("Bad " + name);

        TestCaseData CiCase(string name, string option, string fragment, params string[] arguments) =>
            new TestCaseData(arguments, true, option, fragment).SetName("Bad in CI " + name);

        yield return Case("image missing", "image", "is not set", "image=");
        yield return Case("image with tag", "image", "must not carry a tag (':1.0')", "image=registry.example.com/group/app:1.0");
        yield return Case("image with digest", "image", "digest", "image=registry.example.com/group/app@sha256:0123abcd");
        yield return Case("image uppercase path", "image", "must be lowercase", "image=registry.example.com/Group/App");
        yield return Case("image uppercase first segment", "image", "must be lowercase", "image=MyGroup/app");
        yield return Case("image whitespace", "image", "whitespace", "image=registry.example.com/group/my app");
        yield return Case("image invalid characters", "image", "path component 'app!'", "image=registry.example.com/group/app!");
        yield return Case("image double separator", "image", "path component 'a..b'", "image=registry.example.com/a..b");
        yield return Case("image port not a number", "image", "bad port 'http'", "image=registry.example.com:http/app");
        yield return Case("image port out of range", "image", "bad port '99999'", "image=registry.example.com:99999/app");
        yield return Case("image scheme", "image", "scheme", "image=https://registry.example.com/app");
        yield return Case("image host underscore", "image", "registry host 'my_registry.example.com'", "image=my_registry.example.com/app");
        yield return Case("image no path", "image", "no repository path", "image=registry.example.com/");
        yield return Case("image too long", "image", "at most 255", "image=registry.example.com/" + new string('a', 250));
        yield return Case("registry port", "registry", "bad port 'abc'", "registry=registry.example.com:abc");
        yield return Case("registry scheme", "registry", "without a scheme", "registry=https://registry.example.com");
        yield return Case("registry path", "registry", "without a path", "registry=registry.example.com/group");
        yield return Case("platform without arch", "platform", "os/arch[/variant]", "platform=linux");
        yield return Case("platform alias", "platform", "docker calls it amd64", "platform=linux/x86_64");
        yield return Case("platform unknown os", "platform", "unknown os 'plan10'", "platform=plan10/amd64");
        yield return Case("platform unknown arch", "platform", "unknown architecture 'z80'", "platform=linux/z80");
        yield return Case("platform bad variant", "platform", "unknown variant 'v9' for arm", "platform=linux/arm/v9");
        yield return Case("platform too many parts", "platform", "os/arch[/variant]", "platform=linux/arm/v7/x");
        yield return Case("platform twice", "platform", "twice", "platform=linux/amd64,linux/amd64");
        yield return Case("cache mode", "cache-mode", "must be one of min, max", "cache-mode=maximum");
        yield return Case("compression", "cache-compression", "must be one of gzip, estargz, zstd, uncompressed", "cache-compression=lz4");
        yield return Case("estargz without oci", "cache-compression", "OCI media types", "cache-compression=estargz", "cache-oci-mediatypes=false");
        yield return Case("push and load", "push", "load=true together", "push=true", "load=true");
        yield return Case("push not bool", "push", "is not a boolean", "push=yes please");
        yield return Case("cache-readonly not bool", "cache-readonly", "is not a boolean", "cache-readonly=maybe");
        yield return Case("cache-ignore-error not bool", "cache-ignore-error", "is not a boolean", "cache-ignore-error=nah");
        yield return Case("tag-latest not bool", "tag-latest", "is not a boolean", "tag-latest=sometimes");
        yield return Case("build-arg without =", "build-arg", "is not key=value", "build-arg=NOVALUE");
        yield return Case("label without key", "label", "is not key=value", "label==value");
        yield return Case("build-arg bad name", "build-arg", "bad name '1BAD'", "build-arg=1BAD=x");
        yield return Case("label twice", "label", "more than once", "label=a=1", "label=a=2");
        yield return Case("label key whitespace", "label", "whitespace", "label=my key=1");
        yield return Case("driver-opt without =", "driver-opt", "is not key=value", "driver-opt=host");
        yield return Case("prune-until days", "prune-until", "72h for 3 days", "prune-until=3d");
        yield return Case("prune-until garbage", "prune-until", "is not a duration", "prune-until=soon");
        yield return Case("prune-until negative", "prune-until", "negative", "prune-until=-5h");
        yield return Case("prune-reserved-space negative", "prune-reserved-space", "negative", "prune-reserved-space=-1GB");
        yield return Case("prune-reserved-space garbage", "prune-reserved-space", "is not a size", "prune-reserved-space=lots");
        yield return Case("prune-keep-storage (its former name) bad unit", "prune-reserved-space", "is not a size", "prune-keep-storage=10XB");
        yield return Case("prune-max-used-space garbage", "prune-max-used-space", "is not a size", "prune-max-used-space=lots");
        yield return Case("prune-min-free-space percent", "prune-min-free-space", "is not a size", "prune-min-free-space=10%");
        yield return Case("tag prefix leading dash", "cache-tag-prefix", "invalid tags", "cache-tag-prefix=-cache");
        yield return Case("tag prefix colon", "cache-tag-prefix", "invalid tags", "cache-tag-prefix=cache:");
        yield return Case("tag prefix too long", "cache-tag-prefix", "at most 65", "cache-tag-prefix=" + new string('c', 66));
        yield return Case("extra tag bad character", "tag", "not a valid tag", "tag=bad!tag");
        yield return Case("extra tag leading dash", "tag", "not a valid tag", "tag=-edge");
        yield return Case("extra tag is a reference", "tag", "give the tag only", "tag=other/repo:x");
        yield return Case("extra tag too long", "tag", "at most 128", "tag=" + new string('t', 129));
        yield return Case("cache-repo with tag", "cache-repo", "must not carry a tag (':latest')", "cache-repo=registry.example.com/group/app/cache:latest");
        yield return Case("cache-repo uppercase", "cache-repo", "lowercase", "cache-repo=registry.example.com/Cache");
        yield return Case("cache-repo is the image", "cache-tag-prefix", "would overwrite image tags", "cache-repo=" + Image);
        yield return Case("builder name", "builder", "not a builder name", "builder=1builder");
        yield return Case("builder driver unknown", "builder-driver", "must be one of", "builder-driver=podman");
        yield return Case("builder driver docker writes cache", "builder-driver", "cannot export a registry cache", "builder-driver=docker");
        yield return Case("progress", "progress", "must be one of auto, plain", "progress=fancy");
        yield return Case("stage", "stage", "not a stage name", "stage=my stage");
        yield return Case("sha", "sha", "not a commit sha", "sha=xyz");
        yield return Case("sha uppercase", "sha", "not a commit sha", "sha=ABCDEF0");
        yield return Case("branch dots", "branch", "not a valid git branch name", "branch=feature..x");
        yield return Case("branch full ref", "branch", "not a full ref", "branch=refs/heads/main");
        yield return Case("default-branch space", "default-branch", "not a valid git branch name", "default-branch=my main");
        yield return Case("user without password", "registry-password", "is missing while registry-user is set", "registry-user=bot");
        yield return Case("password without user", "registry-user", "is missing while registry-password is set", "registry-password=" + Password);
        yield return Case("cache password without user", "cache-registry-user", "is missing", "cache-registry-password=" + Password);
        yield return Case("short record key", "cache-record-key", "is 9 characters: anyone who can pull could find a short key", "cache-record-key=short-key");
        yield return CiCase("no credentials", "registry-user", "no credentials for registry registry.example.com");
        yield return CiCase("no cache credentials", "cache-registry-user", "no credentials for registry cache.example.com (cache)", "registry-user=bot", "registry-password=" + Password, "cache-repo=cache.example.com/app");
        yield return CiCase("ci registry for another host", "registry-user", "no credentials for registry docker.io", "image=me/app", "registry=registry.gitlab.example.com", "registry-user=bot", "registry-password=" + Password);
    }

    [TestCaseSource(nameof(BadInputs))]
    public void Each_bad_input_is_reported_naming_the_option_and_how_to_set_it(string[] arguments, bool isCI, string option, string fragment)
    {
        var problems = BuildxCacheOptionsValidator.Validate(Read(arguments), isCI);

        var problem = problems.FirstOrDefault(item => item.Option == option && item.Message.Contains(fragment, StringComparison.Ordinal));
        Assert.That(problem, Is.Not.Null, "problems were:\n" + string.Join("\n", problems));
        Assert.That(problem!.Message, Does.StartWith(option));
        Assert.That(problem.Message, Does.Contain("set "));
        Assert.That(problem.Message, Does.Not.Contain(Password).And.Not.Contain("short-key"));
    }

    [Test]
    public void A_valid_local_baseline_has_no_problems()
    {
        Assert.That(BuildxCacheOptionsValidator.Validate(Read([]), isCI: false), Is.Empty);
    }

    [Test]
    public void A_full_valid_configuration_has_no_problems()
    {
        var options = Read(
        [
            "cache-repo=" + Image, "cache-tag-prefix=cache-", "platform=linux/amd64,linux/arm64/v8,linux/arm/v7",
            "stage=runtime", "builder=ci.builder_1", "driver-opt=network=host", "cache-mode=min",
            "cache-compression=estargz", "cache-oci-mediatypes=true", "cache-image-manifest=true", "push=true",
            "tag=stable", "label=com.example.team=platform", "build-arg=NODE_VERSION=22", "registry=registry.example.com",
            "registry-user=bot", "registry-password=" + Password, "sha=0123abc", "branch=feature/x", "default-branch=main",
            "progress=plain", "prune-until=1h30m", "prune-reserved-space=1.5GiB", "prune-max-used-space=20GB", "prune-min-free-space=512mb", "builder-driver=docker", "cache-readonly=true",
        ]);

        Assert.That(BuildxCacheOptionsValidator.Validate(options, isCI: true), Is.Empty);
    }

    [TestCase("localhost/app")]
    [TestCase("localhost:5000/group/app")]
    [TestCase("127.0.0.1:5000/app")]
    [TestCase("[::1]:5000/app")]
    [TestCase("group/app")]
    [TestCase("Registry.Example.COM/group/sub-group/my_app__x")]
    public void Valid_images_pass(string image)
    {
        Assert.That(BuildxCacheOptionsValidator.Validate(Read(["image=" + image]), isCI: false), Is.Empty);
    }

    [Test]
    public void Missing_credentials_are_no_problem_locally()
    {
        var problems = BuildxCacheOptionsValidator.Validate(Read(["cache-repo=cache.example.com/app"]), isCI: false);

        Assert.That(problems, Is.Empty);
    }

    [Test]
    public void Ci_credentials_satisfy_the_ci_check()
    {
        var options = new OptionSourcesBuilder()
            .Env("CI_REGISTRY_IMAGE", Image)
            .Env("CI_REGISTRY", "registry.example.com")
            .Env("CI_REGISTRY_USER", "gitlab-ci-token")
            .Env("CI_REGISTRY_PASSWORD", Password)
            .Read();

        Assert.That(BuildxCacheOptionsValidator.Validate(options, isCI: true), Is.Empty);
    }

    [Test]
    public void All_problems_are_reported_together()
    {
        var options = Read(["image=Registry.example.com:x/App:1", "platform=linux", "cache-mode=huge", "push=true", "load=true", "prune-until=3d", "build-arg=oops", "registry-user=bot"]);

        var problems = BuildxCacheOptionsValidator.Validate(options, isCI: true);

        Assert.That(
            problems.Select(problem => problem.Option).Distinct(),
            Is.SupersetOf(new[] { "image", "platform", "cache-mode", "push", "prune-until", "build-arg", "registry-password" }));
        var exception = Assert.Throws<BuildxCacheOptionsException>(() => BuildxCacheOptionsValidator.ThrowIfInvalid(options, isCI: true));
        Assert.That(exception!.Problems, Has.Count.EqualTo(problems.Count));
        Assert.That(exception.Message, Does.Contain($"{problems.Count} problems"));
        foreach (var problem in problems)
        {
            Assert.That(exception.Message, Does.Contain(problem.Message));
        }
    }

    [Test]
    public void ThrowIfInvalid_returns_valid_options()
    {
        var options = Read([]);

        Assert.That(BuildxCacheOptionsValidator.ThrowIfInvalid(options, isCI: false), Is.SameAs(options));
    }

    [Test]
    public void A_problem_message_names_the_option_value_origin_and_every_way_to_set_it()
    {
        var options = new OptionSourcesBuilder().Env("BUILDX_IMAGE", "registry.example.com/app:1").Read();

        var problem = BuildxCacheOptionsValidator.Validate(options, isCI: false).Single();

        Assert.That(problem.Message, Is.EqualTo(
            "image 'registry.example.com/app:1' (from BUILDX_IMAGE): must not carry a tag (':1'): tags come from the git ref; add more with --tag; "
            + "set --image=registry.example.com/group/app, BUILDX_IMAGE, or Image= under [Buildx] in cake.config"));
    }

    [Test]
    public void A_password_never_appears_in_messages_or_printouts()
    {
        var options = new OptionSourcesBuilder()
            .Arg("image", "Bad/Image:tag")
            .Env("BUILDX_REGISTRY_PASSWORD", Password)
            .Env("BUILDX_CACHE_REGISTRY_PASSWORD", Password)
            .Read();

        var problems = BuildxCacheOptionsValidator.Validate(options, isCI: true);
        var exception = new BuildxCacheOptionsException(problems);

        Assert.Multiple(() =>
        {
            Assert.That(options.RegistryPassword?.Reveal(), Is.EqualTo(Password), "the value is kept for docker login");
            Assert.That(problems, Is.Not.Empty);
            Assert.That(problems.Where(problem => problem.Option.EndsWith("password", StringComparison.Ordinal)).Select(problem => problem.Value), Has.All.Null);
            Assert.That(string.Join("\n", problems), Does.Not.Contain(Password));
            Assert.That(exception.Message, Does.Not.Contain(Password));
            Assert.That(options.ToString(), Does.Not.Contain(Password).And.Contain("registry-password = [redacted] (from BUILDX_REGISTRY_PASSWORD)"));
            Assert.That(string.Join("\n", options.Describe()), Does.Not.Contain(Password));
            Assert.That(options.RegistryPassword!.ToString(), Is.EqualTo(Secret.Redacted));
            Assert.That($"{options.RegistryPassword}", Does.Not.Contain(Password));
        });
    }

    [Test]
    public void A_secret_given_a_bad_boolean_like_value_still_is_not_echoed()
    {
        var problem = OptionProblem.For(OptionCatalog.RegistryPassword, Password, new OptionOrigin(OptionSource.Argument, "--registry-password"), "is wrong");

        Assert.That(problem.Value, Is.Null);
        Assert.That(problem.Message, Does.Not.Contain(Password));
        Assert.That(problem.Message, Does.Contain("BUILDX_REGISTRY_PASSWORD").And.Contain("CI_REGISTRY_PASSWORD"));
    }

    [Test]
    public void Secrets_compare_by_value()
    {
        var value = new Secret("a");
        var same = new Secret("a");
        Assert.That(value, Is.EqualTo(same));
        Assert.That(value, Is.Not.EqualTo(new Secret("b")));
    }

    private static BuildxCacheOptions Read(string[] arguments)
    {
        var sources = new OptionSourcesBuilder().Arg("image", Image);
        foreach (var argument in arguments)
        {
            var equals = argument.IndexOf('=', StringComparison.Ordinal);
            var (name, value) = (argument[..equals], argument[(equals + 1)..]);
            if (name.EndsWith("password", StringComparison.Ordinal) || name.EndsWith("key", StringComparison.Ordinal))
            {
                // Secrets are refused on the command line: they come from the environment.
                sources.Env("BUILDX_" + name.ToUpperInvariant().Replace('-', '_'), value);
            }
            else
            {
                sources.Arg(name, value);
            }
        }

        return sources.Read();
    }

    [TestCase("registry-password")]
    [TestCase("cache-registry-password")]
    public void A_secret_given_as_an_argument_is_refused_and_not_used(string option)
    {
        var options = new OptionSourcesBuilder().Arg("image", Image).Arg(option, Password).Read();

        var problem = BuildxCacheOptionsValidator.Validate(options, isCI: false).Single(item => item.Option == option);

        Assert.That(problem.Message, Does.Contain("command line").And.Contain("BUILDX_" + option.ToUpperInvariant().Replace('-', '_')));
        Assert.That(problem.Message, Does.Not.Contain(Password));
        Assert.That(options.RegistryPassword, Is.Null);
        Assert.That(options.CacheRegistryPassword, Is.Null);
    }
}
