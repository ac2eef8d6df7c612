using Cake.BuildxCache.Options;
using Cake.BuildxCache.Policy;
using static Cake.BuildxCache.Tests.Policy.Scenarios;

namespace Cake.BuildxCache.Tests.Policy;

public sealed class OutputAndRegistryPolicyTests
{
    // ci, fork, push, load -> mode
    [TestCase(true, false, null, null, OutputMode.Push)]
    [TestCase(false, false, null, null, OutputMode.Load)]
    [TestCase(true, false, false, null, OutputMode.Load)]
    [TestCase(true, false, null, true, OutputMode.Load)]
    [TestCase(true, false, false, false, OutputMode.None)]
    [TestCase(false, false, true, null, OutputMode.Push)]
    [TestCase(false, false, null, false, OutputMode.None)]
    [TestCase(true, false, true, true, OutputMode.Push)]
    [TestCase(true, true, null, null, OutputMode.Load)]
    [TestCase(true, true, true, null, OutputMode.Push)]
    [TestCase(true, true, null, false, OutputMode.None)]
    public void Output_mode(bool ci, bool fork, bool? push, bool? load, OutputMode expected)
    {
        var refs = ci ? GitLabMergeRequest("feature/x", "main", fork) : LocalBranch("feature/x");
        var options = LocalOptions with { Push = push, Load = load };

        Assert.That(OutputPolicy.Decide(refs, options).Image, Is.EqualTo(expected));
    }

    [Test]
    public void Image_and_cache_on_different_registries_log_in_to_both_with_their_own_credentials()
    {
        var options = CiOptions with
        {
            CacheRepo = "cache.example.com/app",
            CacheRegistryUser = "cache-bot",
            CacheRegistryPassword = new Secret("cache-" + Password),
        };

        var logins = RegistryPolicy.Logins(options);

        Assert.That(logins.Select(login => (login.Host, login.Purpose, login.Username, login.CredentialsOption)), Is.EqualTo(new[]
        {
            ("registry.example.com", "image", (string?)"gitlab-ci-token", (string?)"registry-user"),
            ("cache.example.com", "cache", "cache-bot", "cache-registry-user"),
        }));
        Assert.That(logins[1].Password?.Reveal(), Is.EqualTo("cache-" + Password));
        Assert.That(string.Join(" ", logins), Does.Not.Contain(Password));
    }

    [TestCase("app", "docker.io", true)]
    [TestCase("me/app", "docker.io", false)]
    [TestCase("docker.io/me/app", "docker.io", false)]
    [TestCase("index.docker.io/me/app", "docker.io", false)]
    [TestCase("localhost/app", "localhost", false)]
    [TestCase("localhost:5000/app", "localhost:5000", false)]
    [TestCase("Registry.Example.com/app", "registry.example.com", false)]
    [TestCase("[::1]:5000/app", "[::1]:5000", false)]
    public void Registry_host_detection(string image, string host, bool library)
    {
        var options = new BuildxCacheOptions { Image = image };

        var (logins, notes) = RegistryPolicy.Decide(options, isCI: false);

        Assert.That(logins.Select(login => login.Host), Is.EqualTo(new[] { host }));
        Assert.That(notes.Any(note => note.Contains("library/", StringComparison.Ordinal)), Is.EqualTo(library));
    }

    [Test]
    public void A_registry_option_for_another_host_adds_a_login_with_the_credentials()
    {
        var options = new BuildxCacheOptions
        {
            Image = "docker.io/me/app",
            Registry = "registry.gitlab.example.com",
            RegistryUser = "gitlab-ci-token",
            RegistryPassword = new Secret(Password),
        };

        var logins = RegistryPolicy.Logins(options);

        Assert.That(logins.Select(login => (login.Host, login.Purpose, login.HasCredentials)), Is.EqualTo(new[]
        {
            ("docker.io", "image, cache", false),
            ("registry.gitlab.example.com", "registry", true),
        }));
    }

    [Test]
    public void Missing_credentials_are_noted_differently_in_ci_and_locally()
    {
        var (_, local) = RegistryPolicy.Decide(LocalOptions, isCI: false);
        var (_, ci) = RegistryPolicy.Decide(LocalOptions, isCI: true);

        Assert.That(local, Has.Some.Contains("skipped"));
        Assert.That(ci, Has.Some.Contains("CI needs registry-user and registry-password"));
    }
}
