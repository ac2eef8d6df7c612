using System.Globalization;
using Cake.BuildxCache.Options;
using Cake.BuildxCache.Policy;
using Cake.BuildxCache.Refs;
using Cake.BuildxCache.Registry;
using Cake.Common.Diagnostics;
using Cake.Core;

namespace Cake.BuildxCache.Flow;

/// <summary>
/// <c>PruneCache --prune-registry</c>: lists the cache repository's tags through the registry API, decides with
/// <see cref="RegistryCachePrunePolicy"/> (never the default branch's cache, never a ref written in the last hour,
/// only tags with the cache tag prefix; caches of branches gone from the live list or older than
/// <c>--cache-max-age</c> go), prints the listing, and deletes only with <c>--confirm</c>. The live branches are
/// <c>--live-branches</c> (plus the default branch), else <c>git ls-remote --heads origin</c> in the working directory.
/// </summary>
internal static class RegistryPrune
{
    /// <summary>Runs the registry prune; a dry run unless <c>--confirm</c>.</summary>
    /// <param name="context">The build context.</param>
    /// <exception cref="CakeException">
    /// When the options are wrong, the registry cannot be reached or refuses the listing, the prune would touch image
    /// tags, or any tag could not be read or deleted (after the whole listing is printed).
    /// </exception>
    /// <returns>A task that completes when the prune is done.</returns>
    public static async Task RunAsync(BuildxCacheRun context)
    {
        ArgumentNullException.ThrowIfNull(context);

        // Everything a build is refused for, but what only a build reads (the Dockerfile, the context, buildkitd.toml):
        // a misspelt option or two images sharing a cache ref stop the prune before anything is listed or deleted.
        context.EnsureValidWithoutBuild();
        var plan = context.Plan.RegistryPrune ?? throw new InvalidOperationException("registry prune: the plan has no registry prune (--prune-registry)");

        // The plan has every image: a bake file's too, read through buildx when the run was resolved.
        await RunAsync(context, plan).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs the prune <paramref name="plan"/> describes: its one repository, or, with several images, each image's tags in
    /// its cache repository, one after the other. A repository that fails does not stop the others; the task fails after
    /// all, naming each problem.
    /// </summary>
    /// <param name="context">The build context.</param>
    /// <param name="plan">The prune's plan.</param>
    /// <exception cref="CakeException">As <see cref="RunAsync(BuildxCacheRun)"/>.</exception>
    /// <returns>A task that completes when the prune is done.</returns>
    public static async Task RunAsync(BuildxCacheRun context, RegistryPrunePlan plan)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(plan);
        var parts = plan.Parts();
        if (parts.Count == 0)
        {
            throw new CakeException("registry prune: there is no cache repository (set --image or --cache-repo)");
        }

        var defaultBranch = DefaultBranch(context);
        var live = LiveBranches(context, defaultBranch.Name);
        if (live is not null)
        {
            context.Information("registry prune: {0} live branches from {1}: {2}", live.Names.Count, live.Source, string.Join(", ", live.Names));
        }

        var rules = plan.Rules(defaultBranch.Name, defaultBranch.Guess, live?.Names, context.Clock.GetUtcNow());
        var problems = new List<string>();
        foreach (var part in parts)
        {
            try
            {
                await PruneAsync(context, plan with { Repository = part.Repository, Image = part.ImageRepository }, live, rules with { Image = part.Scopes }).ConfigureAwait(false);
            }
            catch (CakeException exception) when (parts.Count > 1)
            {
                context.Error("registry prune of image {0}: {1}", part.Name, exception.Message);
                problems.Add($"image {part.Name}: {exception.Message}");
            }
        }

        if (problems.Count > 0)
        {
            throw new CakeException($"registry prune: {problems.Count} of {parts.Count} images failed: {string.Join("; ", problems)}");
        }
    }

    private static async Task PruneAsync(BuildxCacheRun context, RegistryPrunePlan plan, LiveBranchList? live, CachePruneRules rules)
    {
        var repository = plan.Repository!;
        RefuseTagPrefixCollisions(context, plan, live);
        var request = new RegistryPruneRequest(repository, rules, plan.Confirm) { ImageRepository = plan.Image };
        RegistryPruneResult result;
        using (var client = RegistryAccess.Client(context))
        {
            try
            {
                result = await new RegistryCachePruner(client).PruneAsync(request).ConfigureAwait(false);
            }
            catch (RegistryException exception)
            {
                throw new CakeException($"registry prune of {repository} failed, nothing was deleted: {exception.Message}");
            }
            catch (InvalidOperationException exception)
            {
                throw new CakeException(exception.Message);
            }
        }

        foreach (var line in result.Lines)
        {
            context.Information("{0}", line);
        }

        if (!result.Succeeded)
        {
            throw new CakeException(string.Create(
                CultureInfo.InvariantCulture,
                $"registry prune of {repository}: {result.Failures.Count} problem{(result.Failures.Count == 1 ? string.Empty : "s")} ({result.Deleted.Count} manifests deleted): {string.Join("; ", result.Failures)}"));
        }

        context.Information(plan.Confirm
            ? $"registry prune: deleted {result.Deleted.Count} manifest{(result.Deleted.Count == 1 ? string.Empty : "s")} from {repository}; the registry frees their blobs in its garbage collection."
            : "registry prune: dry run, nothing was deleted; add --confirm to delete.");
    }

    /// <summary>
    /// The default branch: as CI or <c>--default-branch</c> named it, else as the remote names it
    /// (<c>git ls-remote --symref origin HEAD</c>); when neither can tell, the assumed one with the reason it is a guess.
    /// </summary>
    /// <param name="context">The build context.</param>
    /// <returns>The finding.</returns>
    public static DefaultBranchFinding DefaultBranch(BuildxCacheRun context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var refs = context.Refs;
        if (refs.DefaultBranchKnown)
        {
            return new(refs.DefaultBranch, null);
        }

        var (output, failure) = Remote(context).SymrefHead();
        if (output is not null && RemoteBranches.ParseSymrefHead(output) is { } remote)
        {
            context.Information("registry prune: the default branch is '{0}' ({1})", remote, RegistryPrunePlan.SymrefHead);
            return new(remote, null);
        }

        var why = failure ?? "it named no branch";
        return new(refs.DefaultBranch, $"the default branch is only assumed to be '{refs.DefaultBranch}': CI did not name it, --default-branch is not given, and `{RegistryPrunePlan.SymrefHead}` could not tell ({why})");
    }

    /// <summary>
    /// The live branches: <c>--live-branches</c> with the default branch added, else the heads of
    /// <c>git ls-remote --heads origin</c> run in the working directory through Cake's process runner, or null (with a
    /// warning) when git is missing or fails: then no cache is deleted for its branch being gone.
    /// </summary>
    /// <param name="context">The build context.</param>
    /// <returns>The list, or null when unknown.</returns>
    /// <param name="defaultBranch">The default branch, added to <c>--live-branches</c>.</param>
    public static LiveBranchList? LiveBranches(BuildxCacheRun context, string defaultBranch)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Plan.RegistryPrune?.GivenLiveBranches(defaultBranch) is { } names)
        {
            return new(names, OptionCatalog.LiveBranches.Argument + " and the default branch");
        }

        var (output, failure) = Remote(context).Heads();
        if (output is null)
        {
            context.Warning("registry prune: {0} failed ({1}), so the live branches are unknown and no cache is deleted for its branch being gone (give --live-branches)", RegistryPrunePlan.LsRemote, failure);
            return null;
        }

        return new(RemoteBranches.ParseLsRemote(output), RegistryPrunePlan.LsRemote);
    }

    // The tag-prefix style keeps images and caches in one repository: a ref whose slug starts with the prefix would
    // make an image tag look like a cache tag (and a cache-to overwrite it), so the prune refuses to run.
    private static void RefuseTagPrefixCollisions(BuildxCacheRun context, RegistryPrunePlan plan, LiveBranchList? live)
    {
        if (!plan.IsTagPrefixStyle)
        {
            return;
        }

        var names = new List<string>(live?.Names ?? []);
        var (tags, _) = Remote(context).Tags();
        if (tags is not null)
        {
            names.AddRange(RemoteBranches.ParseLsRemote(tags, includeTags: true));
        }

        if (plan.TagPrefixCollision(names) is { } problem)
        {
            throw new CakeException($"registry prune refused, nothing was deleted: {problem}");
        }
    }

    private static RemoteRefReader Remote(BuildxCacheRun context) =>
        new(context.ProcessRunner, context.Tools, context.Environment.WorkingDirectory.FullPath);
}
