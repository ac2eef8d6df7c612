using Cake.BuildxCache.Miss;
using Cake.BuildxCache.Options;
using Cake.BuildxCache.Policy;

namespace Cake.BuildxCache.Flow;

/// <summary>The text the Plan task prints, built from the resolved state and nothing else.</summary>
internal static class PlanReport
{
    /// <summary>The report, line by line.</summary>
    /// <param name="state">The resolved state.</param>
    /// <param name="commands">Renders command lines.</param>
    /// <param name="mounts">The cache mounts' plan (read from the Dockerfile), or null to leave its block out.</param>
    /// <returns>The lines.</returns>
    public static IEnumerable<string> Lines(BuildxCacheState state, CommandLines commands, Policy.CacheMountsPlan? mounts = null)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(commands);
        var (options, refs) = (state.Options, state.Refs);

        yield return "Refs";
        yield return $"  ci:             {refs.Provider}";
        yield return $"  ref:            {refs.Kind.ToString().ToLowerInvariant()} {refs.RefName} (slug {Dash(refs.Slug)})";
        yield return $"  commit:         {refs.Sha} (short {refs.ShortSha})";
        yield return $"  default branch: {refs.DefaultBranch}";
        yield return $"  merge request:  {(refs.IsMergeRequest ? $"into {refs.TargetBranch}{(refs.IsFork ? " from a fork" : string.Empty)}" : "no")}";
        yield return $"  source:         {refs.SourceUrl ?? "unknown"}";
        foreach (var note in state.RefNotes)
        {
            yield return $"  note:           {note}";
        }

        yield return "Options";
        foreach (var line in options.Describe())
        {
            yield return "  " + line;
        }

        yield return $"Images ({state.Run.Images.Count})";
        foreach (var image in state.Run.Images)
        {
            yield return $"  {image.Name}";
            foreach (var line in ImageLines(image.Build, options))
            {
                // One level deeper than a section's lines, the lists' continuation lines with them.
                yield return "  " + line.Replace(Environment.NewLine, Environment.NewLine + "  ", StringComparison.Ordinal);
            }
        }

        yield return "Plan";
        yield return $"  logout:         {state.Run.LogoutNote}";
        foreach (var line in BuilderPlanReport.Lines(state.Builder, options))
        {
            yield return line;
        }

        yield return "Commands";
        foreach (var task in state.Run.Tasks)
        {
            yield return $"  {task.Heading}:";
            foreach (var step in task.Steps)
            {
                yield return step.Settings is null
                    ? $"    {step.When}"
                    : $"    {commands.Of(step.Settings)}{(step.When is null ? string.Empty : "    # " + step.When)}";
            }
        }

        foreach (var line in mounts is null ? [] : CacheMountPlanReport.Lines(mounts, commands))
        {
            yield return line;
        }

        if (state.Problems.Count > 0)
        {
            yield return "Problems";
            foreach (var problem in state.Problems)
            {
                yield return "  - " + problem.Message;
            }
        }
    }

    // The image's lines as a section's (two spaces in), from the build every task but Publish runs.
    private static IEnumerable<string> ImageLines(BuildPlan plan, BuildxCacheOptions options)
    {
        yield return $"  image:          {Dash(plan.Image)}";
        yield return $"  tags:           {List(plan.Tags)}";
        yield return $"  cache from:     {List(plan.CacheFrom.Select(spec => spec.ToString()))}";
        yield return $"  cache to:       {plan.CacheTo?.ToString() ?? "none (read-only)" + (plan.CacheReadOnlyReason is { } readOnly ? ": " + readOnly : string.Empty)}";
        if (plan.CacheScope.Value is not null || plan.CacheScope.IsExplicit || plan.Platforms.Count > 1)
        {
            yield return $"  cache scope:    {plan.CacheScope.Value ?? "none"} ({plan.CacheScope.Reason})";
        }

        if (plan.Promotion is { } promotion)
        {
            yield return $"  cache promote:  {promotion.Describe()}";
        }
        else if (options.CachePromote)
        {
            yield return $"  cache promote:  none: {(plan.CacheTo is null ? "the cache is read-only" : "this build writes its own ref directly (see why)")}";
        }

        yield return $"  cache miss:     {CacheMissPlan.Describe(plan, options.CacheRecordKey is { IsEmpty: false })}";
        foreach (var warning in RecordedBuildArgs.SecretWarnings(plan.BuildArgs))
        {
            yield return $"  warning:        {warning}";
        }

        yield return $"  output:         {plan.Output.ToString().ToLowerInvariant()}{(plan.OutputReason.Length == 0 ? string.Empty : $" ({plan.OutputReason})")}";
        yield return $"  image time:     {plan.Time?.Description ?? "-"}";
        yield return $"  registries:     {List(plan.Registries.Select(registry => $"{registry.Host} ({registry.Purpose}{(registry.HasCredentials ? ", as " + registry.Username : ", no credentials: login skipped")})"))}";
        foreach (var line in plan.Features.PlanLines())
        {
            yield return line;
        }

        foreach (var note in plan.Notes)
        {
            yield return $"  why:            {note}";
        }
    }

    private static string Dash(string? text) => string.IsNullOrEmpty(text) ? "-" : text;

    private static string List(IEnumerable<string> items) =>
        string.Join(Environment.NewLine + "                  ", items.DefaultIfEmpty("-"));
}
