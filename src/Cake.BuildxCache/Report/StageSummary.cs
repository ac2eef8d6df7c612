namespace Cake.BuildxCache.Report;

/// <summary>What one Dockerfile stage did.</summary>
/// <param name="Stage">The stage name as BuildKit printed it (<c>slow</c>, <c>stage-1</c>), empty for the unnamed
/// stage of a single-stage Dockerfile; prefixed with the platform in a multi-platform build (<c>linux/arm64 build</c>).</param>
/// <param name="Steps">Its <see cref="StepKind.Build"/> steps (not its <c>FROM</c>).</param>
/// <param name="Cached">Of those, how many came from cache.</param>
/// <param name="Ran">Of those, how many executed (finished or failed).</param>
/// <param name="Time">The summed durations of all its steps, its base image (<c>FROM</c>) included.</param>
public sealed record StageSummary(string Stage, int Steps, int Cached, int Ran, TimeSpan Time);
