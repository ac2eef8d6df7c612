using System.Text;
using Cake.BuildxCache.Options;
using Cake.BuildxCache.Registry;
using Cake.BuildxCache.Tests.Support;

namespace Cake.BuildxCache.Tests.Registry;

/// <summary>Docker config credentials from a temporary DOCKER_CONFIG, host rules, references and challenges.</summary>
[TestFixture]
public sealed class CredentialsAndHostTests
{
    private const string Secret = "s3cr3t:with:colons";

    private static string Auth(string user, string password) => Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password));

    [TestCase("registry.example.com", "registry.example.com")]
    [TestCase("https://registry.example.com", "registry.example.com")]
    [TestCase("https://registry.example.com/v2/", "registry.example.com")]
    [TestCase("REGISTRY.example.com:5000", "registry.example.com:5000")]
    [TestCase("https://index.docker.io/v1/", "docker.io")]
    [TestCase("registry-1.docker.io", "docker.io")]
    public void Auths_keys_match_by_host(string key, string host) =>
        Assert.That(DockerConfigCredentials.KeyHost(key), Is.EqualTo(host));

    [Test]
    public void The_auth_field_is_base64_of_user_and_password_split_at_the_first_colon()
    {
        using var config = new TemporaryDirectory();
        config.Write("config.json", $$"""
            {
              "auths": {
                "https://index.docker.io/v1/": { "auth": "{{Auth("hubuser", "hubpass")}}" },
                "registry.example.com": { "auth": "{{Auth("gitlab-ci-token", Secret)}}" },
                "old.example.com": { "username": "olduser", "password": "oldpass" },
                "empty.example.com": {}
              }
            }
            """);
        var credentials = new DockerConfigCredentials(config.Path);

        var example = credentials.Find("registry.example.com");
        var hub = credentials.Find("docker.io");

        Assert.Multiple(() =>
        {
            Assert.That(example.Outcome, Is.EqualTo(CredentialLookupOutcome.Found));
            Assert.That(example.Credentials!.Username, Is.EqualTo("gitlab-ci-token"));
            Assert.That(example.Credentials.Password.Reveal(), Is.EqualTo(Secret));
            Assert.That(example.Credentials.Source, Is.EqualTo(Path.Combine(config.Path, "config.json")));
            Assert.That(example.Credentials.ToString(), Does.Not.Contain(Secret));
            Assert.That(hub.Credentials!.Username, Is.EqualTo("hubuser"));
            Assert.That(credentials.Find("registry-1.docker.io").Credentials!.Username, Is.EqualTo("hubuser"));
            Assert.That(credentials.Find("old.example.com").Credentials!.Password.Reveal(), Is.EqualTo("oldpass"));
            Assert.That(credentials.Find("empty.example.com").Outcome, Is.EqualTo(CredentialLookupOutcome.NotFound));
            Assert.That(credentials.Find("other.example.com").Outcome, Is.EqualTo(CredentialLookupOutcome.NotFound));
        });
    }

    [Test]
    public void Credential_helpers_and_stores_are_reported_as_unsupported_with_what_to_do()
    {
        using var config = new TemporaryDirectory();
        config.Write("config.json", $$"""
            {
              "auths": { "registry.example.com": { "auth": "{{Auth("u", "p")}}" }, "ecr.example.com": {} },
              "credHelpers": { "123456789.dkr.ecr.eu-west-1.amazonaws.com": "ecr-login" },
              "credsStore": "desktop"
            }
            """);
        var credentials = new DockerConfigCredentials(config.Path);

        var helper = credentials.Find("123456789.dkr.ecr.eu-west-1.amazonaws.com");
        var store = credentials.Find("ghcr.io");

        Assert.Multiple(() =>
        {
            Assert.That(helper.Outcome, Is.EqualTo(CredentialLookupOutcome.Unsupported));
            Assert.That(helper.Message, Does.Contain("docker-credential-ecr-login").And.Contain("registry-user and registry-password"));
            Assert.That(store.Outcome, Is.EqualTo(CredentialLookupOutcome.Unsupported));
            Assert.That(store.Message, Does.Contain("docker-credential-desktop").And.Contain("credsStore"));
            Assert.That(credentials.Find("registry.example.com").Outcome, Is.EqualTo(CredentialLookupOutcome.Found), "an auth entry still counts");
        });
    }

    [Test]
    public void Unreadable_entries_and_files_are_unsupported_without_quoting_them()
    {
        using var config = new TemporaryDirectory();
        config.Write("config.json", """{"auths":{"a.example.com":{"auth":"!!not-base64!!"},"b.example.com":{"auth":"bm9jb2xvbg=="},"c.example.com":{"identitytoken":"refresh-me"}}}""");
        using var broken = new TemporaryDirectory();
        broken.Write("config.json", "{\"auths\": {\"x\": {\"auth\": \"" + Auth("u", Secret) + "\"");
        var credentials = new DockerConfigCredentials(config.Path);

        Assert.Multiple(() =>
        {
            Assert.That(credentials.Find("a.example.com").Message, Does.Contain("not base64"));
            Assert.That(credentials.Find("b.example.com").Message, Does.Contain("user:password"));
            Assert.That(credentials.Find("c.example.com").Message, Does.Contain("identity token").And.Not.Contain("refresh-me"));
            var lookup = new DockerConfigCredentials(broken.Path).Find("x");
            Assert.That(lookup.Outcome, Is.EqualTo(CredentialLookupOutcome.Unsupported));
            Assert.That(lookup.Message, Does.Not.Contain(Auth("u", Secret)));
            Assert.That(new DockerConfigCredentials(Path.Combine(config.Path, "absent")).Find("x").Outcome, Is.EqualTo(CredentialLookupOutcome.NotFound));
        });
    }

    [Test]
    public void The_config_directory_is_DOCKER_CONFIG_else_home_dot_docker()
    {
        Assert.That(DockerConfigCredentials.DefaultDirectory(name => name == "DOCKER_CONFIG" ? "/tmp/dc" : "/home/me"), Is.EqualTo("/tmp/dc"));
        Assert.That(DockerConfigCredentials.DefaultDirectory(name => name == "HOME" ? "/home/me" : null), Is.EqualTo(Path.Combine("/home/me", ".docker")));
    }

    [Test]
    public void Explicit_credentials_win_over_the_docker_config_and_helpers_are_reported_only_when_nothing_else_is_found()
    {
        using var config = new TemporaryDirectory();
        config.Write("config.json", "{\"auths\":{\"registry.example.com\":{\"auth\":\"" + Auth("from-config", "p") + "\"}},\"credsStore\":\"pass\"}");
        var explicitCredentials = new ExplicitRegistryCredentials().Add("Registry.Example.com", new RegistryCredentials("from-option", new Secret("q"), "registry-user"));
        var chain = new ChainedRegistryCredentials(explicitCredentials, new DockerConfigCredentials(config.Path));

        Assert.That(chain.Find("registry.example.com").Credentials!.Username, Is.EqualTo("from-option"));
        Assert.That(chain.Find("ghcr.io").Outcome, Is.EqualTo(CredentialLookupOutcome.Unsupported));
    }

    [TestCase("docker.io", "docker.io", "https://registry-1.docker.io/")]
    [TestCase("index.docker.io", "docker.io", "https://registry-1.docker.io/")]
    [TestCase("localhost:5000", "localhost:5000", "http://localhost:5000/")]
    [TestCase("localhost", "localhost", "http://localhost/")]
    [TestCase("127.0.0.1:5000", "127.0.0.1:5000", "http://127.0.0.1:5000/")]
    [TestCase("[::1]:5000", "[::1]:5000", "http://[::1]:5000/")]
    [TestCase("registry.gitlab.com", "registry.gitlab.com", "https://registry.gitlab.com/")]
    [TestCase("Registry.Example.com:8443", "registry.example.com:8443", "https://registry.example.com:8443/")]
    public void Host_rules(string host, string normalized, string baseUri)
    {
        var endpoint = RegistryEndpoint.For(host);
        Assert.That(endpoint.Host, Is.EqualTo(normalized));
        Assert.That(endpoint.BaseUri.ToString(), Is.EqualTo(baseUri));
    }

    [Test]
    public void Insecure_means_plain_http_and_bad_hosts_are_refused()
    {
        Assert.That(RegistryEndpoint.For("registry.lan:5000", insecure: true).BaseUri.ToString(), Is.EqualTo("http://registry.lan:5000/"));
        Assert.That(() => RegistryEndpoint.For("https://registry.example.com"), Throws.ArgumentException);
    }

    [TestCase("registry.example.com/group/app/cache:feature-x", "registry.example.com", "group/app/cache", "feature-x")]
    [TestCase("registry.example.com/group/app/cache", "registry.example.com", "group/app/cache", null)]
    [TestCase("localhost:5000/app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "localhost:5000", "app", "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    [TestCase("alpine:3", "docker.io", "library/alpine", "3")]
    [TestCase("acme/app:cache-main", "docker.io", "acme/app", "cache-main")]
    [TestCase("ghcr.io/acme/app:cache-main", "ghcr.io", "acme/app", "cache-main")]
    public void References_split_into_host_path_and_tag(string text, string host, string path, string? reference)
    {
        var parsed = RepositoryReference.Parse(text);
        Assert.That((parsed.Host, parsed.Path, parsed.Reference), Is.EqualTo((host, path, reference)));
    }

    [TestCase("Registry.example.com/Group/App:main")]
    [TestCase("https://registry.example.com/app")]
    [TestCase("")]
    public void Invalid_references_are_refused(string text) =>
        Assert.That(() => RepositoryReference.Parse(text), Throws.ArgumentException);

    [Test]
    public void Challenges_parse_quoted_values_with_commas()
    {
        var challenge = AuthChallenge.Parse("Bearer", "realm=\"https://auth.example.com/token\",service=\"registry.example.com\",scope=\"repository:group/app:pull,push\"");
        var basic = AuthChallenge.Parse("Basic", "realm=basic-realm");

        Assert.Multiple(() =>
        {
            Assert.That(challenge.IsBearer, Is.True);
            Assert.That(challenge.Realm, Is.EqualTo("https://auth.example.com/token"));
            Assert.That(challenge.Service, Is.EqualTo("registry.example.com"));
            Assert.That(challenge.Scope, Is.EqualTo("repository:group/app:pull,push"));
            Assert.That(basic.IsBasic, Is.True);
            Assert.That(basic.Realm, Is.EqualTo("basic-realm"));
        });
    }

    [Test]
    public void Credentials_print_without_the_password()
    {
        var credentials = new RegistryCredentials("user", new Secret(Secret), "registry-user");
        Assert.That(credentials.ToString(), Is.EqualTo("user:[redacted] (from registry-user)"));
        Assert.That($"{credentials}", Does.Not.Contain(Secret));
    }
}
