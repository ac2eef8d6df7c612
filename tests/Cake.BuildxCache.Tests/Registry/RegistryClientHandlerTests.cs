using System.Net;
using System.Text;
using Cake.BuildxCache.Options;
using Cake.BuildxCache.Registry;

namespace Cake.BuildxCache.Tests.Registry;

/// <summary>
/// The Bearer token flow, pagination, retries and host rules, against a substituted
/// <see cref="HttpMessageHandler"/> that plays a token-auth registry (as GitLab, ghcr.io and Harbor answer)
/// and its token service.
/// </summary>
[TestFixture]
public sealed class RegistryClientHandlerTests
{
    private const string Password = "glpat-Very-Secret-123";
    private const string Realm = "https://gitlab.example.com/jwt/auth";
    private static readonly DateTimeOffset Start = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task Bearer_challenge_fetches_a_token_with_Basic_credentials_and_retries_with_it()
    {
        var registry = new TokenRegistry();
        using var client = registry.Client(withCredentials: true);

        var exists = await client.ExistsAsync(RepositoryReference.Parse("registry.example.com/group/app/cache:main"));

        Assert.That(exists, Is.True);
        var requests = registry.Handler.Requests;
        Assert.That(requests.Select(request => $"{request.Method} {request.Uri}"), Is.EqualTo(new[]
        {
            "HEAD https://registry.example.com/v2/group/app/cache/manifests/main",
            "GET https://gitlab.example.com/jwt/auth?service=container_registry&scope=repository%3Agroup%2Fapp%2Fcache%3Apull",
            "HEAD https://registry.example.com/v2/group/app/cache/manifests/main",
        }));
        Assert.Multiple(() =>
        {
            Assert.That(requests[0].Authorization, Is.Null, "anonymous first");
            Assert.That(requests[1].Authorization, Is.EqualTo("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("gitlab-ci-token:" + Password))));
            Assert.That(requests[2].Authorization, Is.EqualTo("Bearer token-1"));
            Assert.That(requests[0].Accept, Is.EquivalentTo(MediaTypes.ManifestAccept));
        });
    }

    [Test]
    public async Task Tokens_are_cached_per_scope_and_renewed_when_they_expire()
    {
        var registry = new TokenRegistry { ExpiresIn = 300 };
        using var client = registry.Client(withCredentials: true);
        var main = RepositoryReference.Parse("registry.example.com/group/app/cache:main");

        await client.ExistsAsync(main);
        await client.ExistsAsync(main.WithReference("feature-x"));
        await client.ListTagsAsync(main);
        var tokensAfterPulls = registry.TokensIssued;
        await client.DeleteManifestAsync(main, "sha256:" + new string('a', 64));
        await client.ExistsAsync(RepositoryReference.Parse("registry.example.com/group/other:main"));
        var tokensAfterNewScopes = registry.TokensIssued;
        registry.Time.Now = Start.AddSeconds(280);
        await client.ExistsAsync(main);

        Assert.Multiple(() =>
        {
            Assert.That(tokensAfterPulls, Is.EqualTo(1), "one pull token serves every pull of that repository");
            Assert.That(tokensAfterNewScopes, Is.EqualTo(3), "delete and another repository are other scopes");
            Assert.That(registry.TokensIssued, Is.EqualTo(4), "renewed shortly before it expires");
            Assert.That(registry.Scopes, Is.EqualTo(new[] { "repository:group/app/cache:pull", "repository:group/app/cache:delete", "repository:group/other:pull", "repository:group/app/cache:pull" }));
            Assert.That(registry.Handler.Requests.Count(request => request.Authorization is null), Is.EqualTo(1), "only the first request goes without a token");
        });
    }

    [Test]
    public async Task Without_credentials_the_token_is_asked_for_anonymously()
    {
        var registry = new TokenRegistry();
        using var client = registry.Client(withCredentials: false);

        await client.ExistsAsync(RepositoryReference.Parse("registry.example.com/group/app/cache:main"));

        Assert.That(registry.Handler.Requests[1].Uri.Host, Is.EqualTo("gitlab.example.com"));
        Assert.That(registry.Handler.Requests[1].Authorization, Is.Null);
    }

    [Test]
    public void A_token_service_that_refuses_the_credentials_gives_a_message_without_secrets()
    {
        var registry = new TokenRegistry { RefuseToken = true };
        var log = new List<string>();
        using var client = registry.Client(withCredentials: true, log: log.Add);

        var failure = Assert.ThrowsAsync<RegistryException>(() => client.ExistsAsync(RepositoryReference.Parse("registry.example.com/group/app/cache:main")));

        Assert.That(failure!.Failure, Is.EqualTo(RegistryFailure.Unauthorized));
        Assert.That(failure.Message, Does.Contain("gitlab-ci-token").And.Contain("token service of registry.example.com").And.Contain("repository:group/app/cache:pull"));
        var everything = failure + string.Join("\n", log);
        Assert.That(everything, Does.Not.Contain(Password).And.Not.Contain(Convert.ToBase64String(Encoding.UTF8.GetBytes("gitlab-ci-token:" + Password))));
    }

    [Test]
    public void A_token_the_registry_rejects_is_unauthorized_and_never_echoed()
    {
        var registry = new TokenRegistry { RejectTokens = true };
        var log = new List<string>();
        using var client = registry.Client(withCredentials: true, log: log.Add);

        var failure = Assert.ThrowsAsync<RegistryException>(() => client.ListTagsAsync(RepositoryReference.Parse("registry.example.com/group/app/cache")));

        Assert.That(failure!.Failure, Is.EqualTo(RegistryFailure.Unauthorized));
        Assert.That(failure + string.Join("\n", log), Does.Not.Contain("token-1").And.Not.Contain(Password));
    }

    [Test]
    public async Task Tag_lists_follow_Link_pages()
    {
        var handler = new StubHandler((request, _) => request.RequestUri!.PathAndQuery switch
        {
            "/v2/app/cache/tags/list?n=2" => StubHandler.Answer(HttpStatusCode.OK, """{"name":"app/cache","tags":["a","b"]}""", ("Link", "</v2/app/cache/tags/list?n=2&last=b>; rel=\"next\"")),
            "/v2/app/cache/tags/list?n=2&last=b" => StubHandler.Answer(HttpStatusCode.OK, """{"name":"app/cache","tags":["c","d"]}""", ("Link", "<https://registry.example.com/v2/app/cache/tags/list?n=2&last=d>; rel=next")),
            "/v2/app/cache/tags/list?n=2&last=d" => StubHandler.Answer(HttpStatusCode.OK, """{"name":"app/cache","tags":["e"]}"""),
            _ => StubHandler.Answer(HttpStatusCode.NotFound),
        });
        using var client = new RegistryClient(new RegistryClientOptions { TagPageSize = 2 }, handler);

        var tags = await client.ListTagsAsync(RepositoryReference.Parse("registry.example.com/app/cache"));

        Assert.That(tags, Is.EqualTo(new[] { "a", "b", "c", "d", "e" }));
    }

    [Test]
    public async Task Connection_failures_are_retried_a_bounded_number_of_times()
    {
        var handler = new StubHandler((_, count) => count < 3 ? throw new HttpRequestException("Connection refused") : StubHandler.Answer(HttpStatusCode.OK, "{}", ("Docker-Content-Digest", "sha256:" + new string('1', 64))));
        using var client = new RegistryClient(new RegistryClientOptions { MaxRetries = 2, RetryDelay = TimeSpan.FromMilliseconds(1) }, handler);

        var head = await client.HeadManifestAsync(RepositoryReference.Parse("registry.example.com/app/cache:main"));

        Assert.That(head!.Digest, Is.EqualTo("sha256:" + new string('1', 64)));
        Assert.That(handler.Requests, Has.Count.EqualTo(3));
    }

    [Test]
    public void A_registry_that_never_answers_in_time_is_unreachable()
    {
        using var handler = new HangingHandler();
        using var client = new RegistryClient(new RegistryClientOptions { MaxRetries = 1, RetryDelay = TimeSpan.FromMilliseconds(1), RequestTimeout = TimeSpan.FromMilliseconds(100) }, handler);

        var failure = Assert.ThrowsAsync<RegistryException>(() => client.ExistsAsync(RepositoryReference.Parse("registry.example.com/app/cache:main")));

        Assert.That(failure!.Failure, Is.EqualTo(RegistryFailure.Unreachable));
        Assert.That(failure.Message, Does.Contain("no answer within 0.1 s").And.Contain("after 2 attempts"));
        Assert.That(handler.Calls, Is.EqualTo(2));
    }

    [Test]
    public void Delete_answered_405_says_delete_is_disabled()
    {
        var handler = new StubHandler((_, _) => StubHandler.Answer(HttpStatusCode.MethodNotAllowed, """{"errors":[{"code":"UNSUPPORTED","message":"The operation is unsupported."}]}"""));
        using var client = new RegistryClient(null, handler);

        var failure = Assert.ThrowsAsync<RegistryException>(() => client.DeleteManifestAsync(RepositoryReference.Parse("registry.example.com/app/cache"), "sha256:" + new string('b', 64)));

        Assert.That(failure!.Failure, Is.EqualTo(RegistryFailure.DeleteDisabled));
        Assert.That(failure.Message, Does.Contain("does not allow deleting").And.Contain("storage.delete.enabled").And.Contain("UNSUPPORTED"));
        Assert.That(handler.Requests.Single().Uri.ToString(), Is.EqualTo("https://registry.example.com/v2/app/cache/manifests/sha256:" + new string('b', 64)));
    }

    [Test]
    public async Task Docker_Hub_names_go_to_registry_1_with_library_for_official_images()
    {
        var handler = new StubHandler((_, _) => StubHandler.Answer(HttpStatusCode.NotFound));
        using var client = new RegistryClient(null, handler);

        await client.ExistsAsync(RepositoryReference.Parse("alpine:3"));
        await client.ExistsAsync(RepositoryReference.Parse("docker.io/acme/app:main"));

        Assert.That(handler.Requests.Select(request => request.Uri.ToString()), Is.EqualTo(new[]
        {
            "https://registry-1.docker.io/v2/library/alpine/manifests/3",
            "https://registry-1.docker.io/v2/acme/app/manifests/main",
        }));
    }

    [Test]
    public async Task An_insecure_host_is_spoken_to_over_http()
    {
        var handler = new StubHandler((_, _) => StubHandler.Answer(HttpStatusCode.NotFound));
        using var client = new RegistryClient(new RegistryClientOptions { InsecureHosts = ["registry.lan:5000"] }, handler);

        await client.ExistsAsync(RepositoryReference.Parse("registry.lan:5000/app/cache:main"));

        Assert.That(handler.Requests.Single().Uri.ToString(), Is.EqualTo("http://registry.lan:5000/v2/app/cache/manifests/main"));
    }

    /// <summary>A token-auth registry and its token service, as a handler.</summary>
    private sealed class TokenRegistry
    {
        public TokenRegistry()
        {
            Handler = new StubHandler((request, _) => Respond(request));
        }

        public StubHandler Handler { get; }

        public ManualTime Time { get; } = new(Start);

        public int ExpiresIn { get; init; } = 300;

        public bool RefuseToken { get; init; }

        public bool RejectTokens { get; init; }

        public int TokensIssued => Scopes.Count;

        public List<string> Scopes { get; } = [];

        public RegistryClient Client(bool withCredentials, Action<string>? log = null)
        {
            var credentials = new ExplicitRegistryCredentials();
            if (withCredentials)
            {
                credentials.Add("registry.example.com", new RegistryCredentials("gitlab-ci-token", new Secret(Password), "registry-user"));
            }

            return new RegistryClient(new RegistryClientOptions { Credentials = credentials, Log = log }, Handler, Time);
        }

        private HttpResponseMessage Respond(HttpRequestMessage request)
        {
            var uri = request.RequestUri!;
            if (uri.Host == "gitlab.example.com")
            {
                if (RefuseToken)
                {
                    return StubHandler.Answer(HttpStatusCode.Unauthorized, """{"message":"HTTP Basic: Access denied"}""");
                }

                var scope = Uri.UnescapeDataString(uri.Query.Split('&').Single(part => part.StartsWith("scope=", StringComparison.Ordinal))["scope=".Length..]);
                Scopes.Add(scope);
                return StubHandler.Answer(HttpStatusCode.OK, $$"""{"token":"token-{{Scopes.Count}}","expires_in":{{ExpiresIn}}}""");
            }

            var action = request.Method == HttpMethod.Delete ? "delete" : "pull";
            var path = uri.AbsolutePath["/v2/".Length..];
            var name = path[..path.LastIndexOf(path.Contains("/manifests/", StringComparison.Ordinal) ? "/manifests/" : "/tags/", StringComparison.Ordinal)];
            var wanted = $"repository:{name}:{action}";
            var token = request.Headers.Authorization is { Scheme: "Bearer" } bearer ? bearer.Parameter : null;
            var valid = token is not null && !RejectTokens && int.TryParse(token["token-".Length..], out var index) && index <= Scopes.Count && Scopes[index - 1] == wanted;
            if (!valid)
            {
                return StubHandler.Answer(
                    HttpStatusCode.Unauthorized,
                    """{"errors":[{"code":"UNAUTHORIZED","message":"authentication required"}]}""",
                    ("WWW-Authenticate", $"Bearer realm=\"{Realm}\",service=\"container_registry\",scope=\"{wanted}\""));
            }

            return request.Method == HttpMethod.Delete
                ? StubHandler.Answer(HttpStatusCode.Accepted)
                : path.EndsWith("/tags/list", StringComparison.Ordinal) || uri.AbsolutePath.Contains("/tags/list", StringComparison.Ordinal)
                    ? StubHandler.Answer(HttpStatusCode.OK, $$"""{"name":"{{name}}","tags":["main"]}""")
                    : StubHandler.Answer(HttpStatusCode.OK, "{}", ("Docker-Content-Digest", "sha256:" + new string('c', 64)));
        }
    }

    private sealed class HangingHandler : HttpMessageHandler
    {
        public int Calls { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Calls++;
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return new HttpResponseMessage(HttpStatusCode.OK);
        }
    }
}
