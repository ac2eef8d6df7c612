using Cake.BuildxCache.Options;
using Cake.BuildxCache.Policy;
using Cake.BuildxCache.Refs;

namespace Cake.BuildxCache.Tasks;

/// <summary>Everything a run resolved once: options, refs, the plan, the builder, and what is wrong.</summary>
/// <param name="Options">The options, read and completed.</param>
/// <param name="Refs">Where the build stands.</param>
/// <param name="Plan">The build plan of the targets asked for.</param>
/// <param name="PublishPlan">The build plan of the Publish target (pushes unless told otherwise), for the Plan printout.</param>
/// <param name="Builder">The builder plan.</param>
/// <param name="Problems">Every problem with the options and the workspace; empty when the run may go on.</param>
/// <param name="RefNotes">What the refs resolver had to fall back on.</param>
public sealed record BuildxCacheState(
    BuildxCacheOptions Options,
    GitRefInfo Refs,
    BuildPlan Plan,
    BuildPlan PublishPlan,
    BuilderPlan Builder,
    IReadOnlyList<OptionProblem> Problems,
    IReadOnlyList<string> RefNotes);
