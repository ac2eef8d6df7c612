namespace Cake.BuildxCache.Flow;

/// <summary>
/// One optional feature of a build, around the <c>docker buildx build</c>: it starts its own background reads before
/// the builder is up, may prepare the build, and adds what it found to the build's outcome afterwards.
/// <see cref="BuildHooks.For"/> chooses a build's hooks from its plan; <see cref="CacheBuild"/> runs them in order
/// without knowing which exist. The hooks sit in <c>Flow/Hooks/</c> but in the flow's namespace: they call the flow's
/// runs and the flow calls them, which two namespaces would make a cycle.
/// </summary>
internal abstract class BuildHook
{
    /// <summary>Starts the hook's background reads (registry questions): called while the builder comes up, or just before the build.</summary>
    public virtual void Start()
    {
    }

    /// <summary>Before the build: waits for what <see cref="Start"/> asked and prepares the build with it.</summary>
    /// <param name="build">The build.</param>
    /// <returns>A task that completes when the build may start.</returns>
    public virtual Task BeforeBuildAsync(BuildInProgress build) => Task.CompletedTask;

    /// <summary>After a successful build: adds the hook's part of the outcome to <paramref name="build"/>.</summary>
    /// <param name="build">The build, with its metadata and progress report.</param>
    /// <returns>A task that completes when the hook's part is there.</returns>
    public virtual Task AfterBuildAsync(BuildInProgress build) => Task.CompletedTask;
}
