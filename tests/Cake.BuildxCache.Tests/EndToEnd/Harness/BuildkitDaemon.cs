using System.Globalization;
using System.Net.Sockets;
using Cake.BuildxCache.Tests.Support;

namespace Cake.BuildxCache.Tests.EndToEnd.Harness;

/// <summary>
/// A BuildKit daemon of a test's own, started as users run a shared one
/// (<c>docker run --entrypoint buildkitd moby/buildkit:v0.32.2 --addr tcp://127.0.0.1:PORT</c>, host network, privileged),
/// with its own buildkitd.toml marking the test registry plain HTTP: for the remote driver the config belongs to the
/// daemon. Disposing removes the container and its volume.
/// </summary>
internal sealed class BuildkitDaemon : IDisposable
{
    private const string Image = "moby/buildkit:v0.32.2";
    private readonly TemporaryDirectory _config = new();

    private BuildkitDaemon(string name) => Name = name;

    /// <summary>Gets the container's name.</summary>
    public string Name { get; }

    /// <summary>Gets the daemon's address, <c>tcp://127.0.0.1:PORT</c>.</summary>
    public string Endpoint { get; private set; } = string.Empty;

    /// <summary>Starts a daemon and returns once it listens.</summary>
    /// <param name="name">
    /// The container's name: start it with <c>buildx_buildkit_&lt;builder&gt;</c>, so the run's sweep of leftover builder
    /// containers (<see cref="TestBuilders.RemoveLeftovers"/>) removes it too if the test cannot.
    /// </param>
    /// <param name="registryHost">The test registry, plain HTTP.</param>
    /// <returns>The daemon.</returns>
    public static BuildkitDaemon Start(string name, string registryHost)
    {
        var daemon = new BuildkitDaemon(name);
        try
        {
            daemon.Run(registryHost);
            return daemon;
        }
        catch
        {
            daemon.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        // --volumes: the image's /var/lib/buildkit volume goes with it.
        var removed = ProcessRunner.Run(Tools.Docker, ["rm", "--force", "--volumes", Name], timeout: TimeSpan.FromMinutes(1));
        TestContext.Out.WriteLine($"removed the BuildKit daemon {Name}: exit {removed.ExitCode}");
        _config.Dispose();
    }

    private void Run(string registryHost)
    {
        var port = Support.Registry.RegistryServer.FreePort();
        var config = _config.Write("buildkitd.toml", $"""
            [registry."{registryHost}"]
              http = true

            """);
        var started = ProcessRunner.Run(
            Tools.Docker,
            [
                "run", "--detach", "--name", Name, "--network", "host", "--privileged",
                "--volume", config + ":/etc/buildkit/buildkitd.toml:ro",
                "--entrypoint", "buildkitd", Image, "--addr", "tcp://127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture),
            ],
            timeout: TimeSpan.FromMinutes(2));
        Assert.That(started.ExitCode, Is.EqualTo(0), started.Output);

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                client.Connect("127.0.0.1", port);
                break;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(100);
            }
        }

        Endpoint = "tcp://127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture);
    }
}
