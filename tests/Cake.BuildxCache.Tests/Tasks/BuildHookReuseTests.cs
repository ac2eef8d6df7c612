using Cake.BuildxCache.Tests.Support.Registry;
using Cake.BuildxCache.Tests.Tasks.Support;

namespace Cake.BuildxCache.Tests.Tasks;

/// <summary>
/// The build's hooks start their registry reads while EnsureBuilder brings the builder up, and the build uses those
/// reads when it renders the same command line: through the real host in-process (docker answered by the scripted
/// process runner), against a real registry behind <see cref="RegistryProxy"/>, which counts the requests.
/// </summary>
[TestFixture]
[Category("Registry")]
[NonParallelizable]
public sealed class BuildHookReuseTests : RealRegistryTests
{
    private string project = null!;

    [SetUp]
    public void NewProject() => project = "group/app-" + Guid.NewGuid().ToString("N")[..8];

    [Test]
    public void In_CI_BuildWithCache_asks_the_registry_once_for_the_cache_ref_EnsureBuilder_already_asked_about()
    {
        Content.PushCacheIndexAsync(project + "/cache", "main", [DateTimeOffset.UtcNow]).GetAwaiter().GetResult();
        using var proxy = RegistryProxy.Start(Server);
        var answered = 0;

        // The registry's answers, not the requests: an unauthenticated HEAD is challenged and sent again with credentials.
        proxy.After = (request, response) =>
        {
            if (request.Method == "HEAD" && request.PathAndQuery == $"/v2/{project}/cache/manifests/main" && response.IsSuccessStatusCode)
            {
                Interlocked.Increment(ref answered);
            }

            return Task.FromResult<System.Net.HttpStatusCode?>(null);
        };
        using var workspace = Workspace.Plain();
        var host = Host(workspace, proxy.Host);

        var run = host.Run("--target=BuildWithCache", "--check-cache-refs=true");

        Assert.That(run.ExitCode, Is.Zero, run.ToString);
        Assert.That(answered, Is.EqualTo(1), string.Join('\n', proxy.Requests));
        Assert.That(run.Commands.Single(command => command.StartsWith("buildx build", StringComparison.Ordinal)), Does.Contain($"--cache-from \"type=registry,ref={proxy.Host}/{project}/cache:main\""));
    }

    private BuildxHost Host(Workspace workspace, string registryHost) =>
        new(workspace, Jobs.With(
            Jobs.GitLabDefaultBranch(),
            ("CI_REGISTRY", registryHost),
            ("CI_REGISTRY_IMAGE", registryHost + "/" + project),
            ("CI_REGISTRY_USER", Server.User),
            ("CI_REGISTRY_PASSWORD", Server.Password),
            ("DOCKER_CONFIG", System.IO.Path.Combine(workspace.Path, "docker-config"))));
}
