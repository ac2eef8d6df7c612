using Cake.Core.Tooling;

namespace Cake.BuildxCache.Policy;

/// <summary>One thing a task does: a docker command and the condition it runs under, or a note where no command runs.</summary>
/// <param name="Settings">The docker wrapper's settings, or null for a note.</param>
/// <param name="When">When the command runs, or what to know about it (<c>when the builder is missing or differs</c>); null when it always runs.</param>
public sealed record PlanStep(ToolSettings? Settings, string? When = null);
