using System.Diagnostics;
using Cake.BuildxCache.Tests.EndToEnd.Harness;
using Cake.BuildxCache.Tests.Support;
using Cake.BuildxCache.Tests.Support.Registry;

namespace Cake.BuildxCache.Tests.EndToEnd;

/// <summary>
/// Once for every end-to-end test: builds the build app (so no test pays for it, and no test runs with a
/// half-built app), starts one registry shared by the run (each test uses its own repositories in it), pushes
/// the base image that real builds start from, and at the end removes whatever builder a failed test left and
/// the packages a test packed (<see cref="PackedPackages"/>).
/// </summary>
[SetUpFixture]
public sealed class EndToEndSetUp
{
    private static readonly Lazy<RegistryServer> SharedRegistry = new(
        () => RegistryServer.Start(user: "e2e-user", password: "e2e-" + Guid.NewGuid().ToString("N")[..20]));

    private static readonly Lazy<string> SharedBaseImage = new(
        () => Support.Registry.BaseImage.PushAsync(Registry, RealStack.StaticBusybox).GetAwaiter().GetResult());

    private static readonly Lazy<string> SharedBaseImageWithHistory = new(
        () => Support.Registry.BaseImage.PushAsync(Registry, RealStack.StaticBusybox, "base/busybox-history", history: true).GetAwaiter().GetResult());

    private static readonly Lazy<string> SharedTwoPlatformBaseImage = new(
        () => MultiPlatformBaseImage.PushAsync(Registry, BaseImage, "amd64", "386").GetAwaiter().GetResult());

    private static readonly Lazy<string> SharedTwoPlatformBaseImageWithHistory = new(
        () => MultiPlatformBaseImage.PushAsync(Registry, BaseImageWithHistory, "amd64", "386").GetAwaiter().GetResult());

    /// <summary>The registry of this run, started on first use.</summary>
    internal static RegistryServer Registry => SharedRegistry.Value;

    /// <summary>
    /// <c>&lt;registry&gt;/base/busybox:1</c>: the one-layer busybox image every real build starts from, pushed to
    /// <see cref="Registry"/> on first use (its credentials are the run's, so a build must log in first).
    /// </summary>
    internal static string BaseImage => SharedBaseImage.Value;

    /// <summary>
    /// <c>&lt;registry&gt;/base/busybox-history:1</c>: <see cref="BaseImage"/> with a history entry for its layer, as real
    /// base images have; what reproducible builds start from.
    /// </summary>
    internal static string BaseImageWithHistory => SharedBaseImageWithHistory.Value;

    /// <summary><see cref="BaseImage"/> as an index for <c>linux/amd64</c> and <c>linux/386</c>, both native here.</summary>
    internal static string TwoPlatformBaseImage => SharedTwoPlatformBaseImage.Value;

    /// <summary><see cref="BaseImageWithHistory"/> as an index for <c>linux/amd64</c> and <c>linux/386</c>.</summary>
    internal static string TwoPlatformBaseImageWithHistory => SharedTwoPlatformBaseImageWithHistory.Value;

    [OneTimeSetUp]
    public void BuildTheBuildApp()
    {
        // The real environment: a first build needs the user's NuGet cache, which the tests' HOME hides.
        var clock = Stopwatch.StartNew();
        var result = ProcessRunner.Run(Tools.BuildSh, ["--version"], RepositoryRoot.Path, timeout: TimeSpan.FromMinutes(10));
        Assert.That(result.ExitCode, Is.EqualTo(0), "./build.sh --version failed:\n" + result.Output);
        TestContext.Progress.WriteLine($"end-to-end: build app ready in {clock.Elapsed.TotalSeconds:0.0} s");
        TestContext.Progress.WriteLine(RealStack.Missing is { } missing
            ? "end-to-end: real-stack tests will not run: " + missing
            : "end-to-end: real stack: " + RealStack.BuildxVersion);
    }

    [OneTimeTearDown]
    public void StopTheRegistryAndRemoveLeftovers()
    {
        foreach (var leftover in TestBuilders.RemoveLeftovers())
        {
            TestContext.Progress.WriteLine("end-to-end: removed a builder's leftover " + leftover);
        }

        if (SharedRegistry.IsValueCreated)
        {
            SharedRegistry.Value.Dispose();
        }

        if (PackedPackages.Created)
        {
            PackedPackages.Shared.Dispose();
        }
    }
}
