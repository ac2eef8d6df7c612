namespace Cake.BuildxCache.Policy;

/// <summary>A task's steps in the order it runs them, under the heading Plan prints them with.</summary>
/// <param name="Heading">The task, and when it runs (<c>PruneCache (also after Publish)</c>).</param>
/// <param name="Steps">The steps, in order.</param>
public sealed record TaskSteps(string Heading, IReadOnlyList<PlanStep> Steps);
