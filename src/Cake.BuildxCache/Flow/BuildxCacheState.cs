using Cake.BuildxCache.Options;
using Cake.BuildxCache.Policy;
using Cake.BuildxCache.Refs;

namespace Cake.BuildxCache.Flow;

/// <summary>Everything a run resolved once: options, refs, the run plan, and what is wrong.</summary>
/// <param name="Options">The options, read and completed (Publish's when Publish runs).</param>
/// <param name="Refs">Where the build stands.</param>
/// <param name="Run">The run plan: the build, the builder and every task's steps.</param>
/// <param name="Problems">Every problem with the options and the workspace; empty when the run may go on.</param>
/// <param name="RefNotes">What the refs resolver had to fall back on.</param>
public sealed record BuildxCacheState(
    BuildxCacheOptions Options,
    GitRefInfo Refs,
    RunPlan Run,
    IReadOnlyList<OptionProblem> Problems,
    IReadOnlyList<string> RefNotes)
{
    /// <summary>
    /// The problems of what only a build uses, among <see cref="Problems"/>: the files it reads (Dockerfile, context,
    /// buildkitd config, secrets' sources) and whether the builder reaches the registry. A task that builds nothing (the
    /// registry prune) is not stopped by them.
    /// </summary>
    internal IReadOnlyList<OptionProblem> BuildProblems { get; init; } = [];

    /// <summary>The build plan of the tasks that run.</summary>
    public BuildPlan Plan => Run.Build;

    /// <summary>The builder plan.</summary>
    public BuilderPlan Builder => Run.Builder;
}
