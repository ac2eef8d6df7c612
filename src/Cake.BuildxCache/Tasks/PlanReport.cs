using Cake.BuildxCache.Tasks.Commands;

namespace Cake.BuildxCache.Tasks;

/// <summary>The text the Plan task prints, built from the resolved state and nothing else.</summary>
public static class PlanReport
{
    /// <summary>The report, line by line.</summary>
    /// <param name="state">The resolved state.</param>
    /// <param name="commands">Renders command lines.</param>
    /// <returns>The lines.</returns>
    public static IEnumerable<string> Lines(BuildxCacheState state, CommandLines commands)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(commands);
        var (options, refs, plan, builder) = (state.Options, state.Refs, state.Plan, state.Builder);

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

        yield return "Plan";
        yield return $"  image:          {Dash(plan.Image)}";
        yield return $"  tags:           {List(plan.Tags)}";
        yield return $"  cache from:     {List(plan.CacheFrom.Select(spec => spec.ToString()))}";
        yield return $"  cache to:       {plan.CacheTo?.ToString() ?? "none (read-only)"}";
        yield return $"  output:         {plan.Output.ToString().ToLowerInvariant()}";
        yield return $"  registries:     {List(plan.Registries.Select(registry => $"{registry.Host} ({registry.Purpose}{(registry.HasCredentials ? ", as " + registry.Username : ", no credentials: login skipped")})"))}";
        foreach (var note in plan.Notes)
        {
            yield return $"  why:            {note}";
        }

        yield return "Commands";
        yield return $"  {EnsureBuilderTask.Name}:";
        yield return $"    {commands.Version()}";
        yield return $"    {commands.Of(DockerCommands.InspectBuilder(builder))}";
        if (DockerCommands.CreateContext(builder) is { } context)
        {
            yield return $"    {commands.Of(new Docker.Context.DockerContextInspectSettings { Name = context.Name })}";
            yield return $"    {commands.Of(context)}    # when the context is missing";
        }

        yield return $"    {commands.Of(DockerCommands.CreateBuilder(builder, Docker.Buildx.BuildxConfigFlag.BuildkitdConfig))}    # when the builder is missing or differs{(builder.BuildkitdConfig is null ? string.Empty : " (--config before buildx 0.13)")}";
        yield return $"  {LoginTask.Name}:";
        foreach (var registry in plan.Registries)
        {
            yield return DockerCommands.Login(registry) is { } login
                ? $"    {commands.Of(login)}    # password on stdin"
                : $"    # {registry.Host}: no credentials, login skipped (your existing docker login is used)";
        }

        yield return $"  {BuildWithCacheTask.Name}:";
        var build = commands.Of(DockerCommands.Build(plan));
        // The existence check runs with the build: a ref the registry lacks is left out of the command then.
        var checkedRefs = options.CheckCacheRefs && plan.CacheFrom.Count > 0 ? "    # a --cache-from ref the registry does not have is left out (--check-cache-refs)" : string.Empty;
        yield return $"    {build}{checkedRefs}";
        var publish = commands.Of(DockerCommands.Build(state.PublishPlan));
        if (publish != build)
        {
            yield return $"  {BuildWithCacheTask.Name}, as part of {PublishTask.Name}:";
            yield return $"    {publish}{checkedRefs}";
        }
        var pruneLimits = options.PruneUntil is not null || options.PruneKeepStorage is not null;
        if (options.PruneRegistry)
        {
            yield return $"  {PruneCacheTask.Name}:";
            foreach (var line in RegistryPrune.PlanLines(state))
            {
                yield return "    " + line;
            }
        }

        if (!options.PruneRegistry || pruneLimits)
        {
            // With --prune-registry, PruneCache prunes the registry; Publish still prunes the builder when a limit is set.
            yield return options.PruneRegistry
                ? $"  {PublishTask.Name}, after the build:"
                : $"  {PruneCacheTask.Name}{(pruneLimits ? $" (also after {PublishTask.Name})" : string.Empty)}:";
            yield return $"    {commands.Of(DockerCommands.Prune(options))}";
            if (options.PruneRemoveBuilder)
            {
                yield return $"    {commands.Of(DockerCommands.RemoveBuilder(builder))}";
            }
        }

        if (options.Logout)
        {
            yield return "  Teardown:";
            foreach (var registry in plan.Registries.Where(registry => registry.HasCredentials))
            {
                yield return $"    {commands.Of(DockerCommands.Logout(registry.Host))}";
            }
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

    private static string Dash(string? text) => string.IsNullOrEmpty(text) ? "-" : text;

    private static string List(IEnumerable<string> items) =>
        string.Join(Environment.NewLine + "                  ", items.DefaultIfEmpty("-"));
}
