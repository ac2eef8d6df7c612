namespace Cake.BuildxCache.Flow;

/// <summary>One task of the module: what a host or a script registers.</summary>
/// <param name="Name">The task's name.</param>
/// <param name="Description">Its description.</param>
/// <param name="DependsOn">The tasks it depends on, in order.</param>
/// <param name="Run">What it does, on the run shared by every task.</param>
/// <param name="OpenSection">True when its CI log section stays expanded (the build and the plan are what people read).</param>
internal sealed record BuildxCacheTaskDefinition(string Name, string Description, IReadOnlyList<string> DependsOn, Func<BuildxCacheRun, Task> Run, bool OpenSection = false);
