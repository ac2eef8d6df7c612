using Cake.BuildxCache.Tests.Support.Registry;

namespace Cake.BuildxCache.Tests.EndToEnd.Harness;

/// <summary>
/// A fixture of real-stack tests: each test gets a new <see cref="RealScene"/> of <paramref name="kind"/> (stopping
/// with one line when the stack is missing) and gives it back afterwards, builders and loaded images included.
/// </summary>
/// <param name="kind">The scene's kind, part of its project path (<c>e2e/cache-…</c>).</param>
[Parallelizable(ParallelScope.Self)]
[Category("EndToEnd")]
[Category("RealStack")]
public abstract class RealStackFixture(string kind)
{
    private RealScene? _scene;

    /// <summary>This test's scene.</summary>
    private protected RealScene Scene => _scene ?? throw new InvalidOperationException("No scene outside a test.");

    /// <summary>The run's registry.</summary>
    private protected static RegistryServer Registry => RealScene.Registry;

    [SetUp]
    public void CreateScene() => _scene = RealScene.Create(kind);

    [TearDown]
    public void DisposeScene()
    {
        _scene?.Dispose();
        _scene = null;
    }
}
