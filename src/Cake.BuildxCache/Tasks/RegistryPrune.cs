using System.Globalization;
using System.Text.RegularExpressions;
using Cake.BuildxCache.Options;
using Cake.BuildxCache.Policy;
using Cake.BuildxCache.Refs;
using Cake.BuildxCache.Registry;
using Cake.Common.Diagnostics;
using Cake.Core;
using Cake.Core.IO;

namespace Cake.BuildxCache.Tasks;

/// <summary>The live branches a registry prune goes by, and where the list came from.</summary>
/// <param name="Names">The branch names.</param>
/// <param name="Source">Where they came from, for the log: <c>--live-branches</c> or the git command.</param>
public sealed record LiveBranchList(IReadOnlyList<string> Names, string Source);

/// <summary>
/// <c>PruneCache --prune-registry</c>: lists the cache repository's tags through the registry API, decides with
/// <see cref="RegistryCachePrunePolicy"/> (never the default branch's cache, never a ref written in the last hour,
/// only tags with the cache tag prefix; caches of branches gone from the live list or older than
/// <c>--cache-max-age</c> go), prints the listing, and deletes only with <c>--confirm</c>. The live branches are
/// <c>--live-branches</c> (plus the default branch), else <c>git ls-remote --heads origin</c> in the working directory.
/// </summary>
public static partial class RegistryPrune
{
    /// <summary>The git command that lists the live branches when <c>--live-branches</c> is not given.</summary>
    public const string LsRemote = "git ls-remote --heads origin";

    private static readonly TimeSpan GitTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Runs the registry prune; a dry run unless <c>--confirm</c>.</summary>
    /// <param name="context">The build context.</param>
    /// <exception cref="CakeException">
    /// When the options are wrong, the registry cannot be reached or refuses the listing, the prune would touch image
    /// tags, or any tag could not be read or deleted (after the whole listing is printed).
    /// </exception>
    public static void Run(BuildxCacheContext context)
    {
        ArgumentNullException.ThrowIfNull(context);

        // The options only: the registry prune reads no Dockerfile, context or buildkitd.toml, so the workspace checks do not apply.
        var options = BuildxCacheOptionsValidator.ThrowIfInvalid(context.BuildxOptions, context.Refs.IsCI);
        var repository = context.Plan.CacheRepo
            ?? throw new CakeException("registry prune: there is no cache repository (set --image or --cache-repo)");

        var live = LiveBranches(context);
        if (live is not null)
        {
            context.Information("registry prune: {0} live branches from {1}: {2}", live.Names.Count, live.Source, string.Join(", ", live.Names));
        }

        var rules = Rules(options, context.Refs, live, DateTimeOffset.UtcNow);
        var request = new RegistryPruneRequest(repository, rules, options.Confirm) { ImageRepository = context.Plan.Image };
        RegistryPruneResult result;
        using (var client = RegistryAccess.Client(context))
        {
            try
            {
                result = new RegistryCachePruner(client).PruneAsync(request).GetAwaiter().GetResult();
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

        context.Information(options.Confirm
            ? $"registry prune: deleted {result.Deleted.Count} manifest{(result.Deleted.Count == 1 ? string.Empty : "s")} from {repository}; the registry frees their blobs in its garbage collection."
            : "registry prune: dry run, nothing was deleted; add --confirm to delete.");
    }

    /// <summary>The rules of the prune: prefix, default branch, live branches (null when unknown), max age, now.</summary>
    /// <param name="options">The options.</param>
    /// <param name="refs">Where the build stands (for the default branch).</param>
    /// <param name="live">The live branches, or null when unknown.</param>
    /// <param name="now">The current time.</param>
    /// <returns>The rules.</returns>
    public static CachePruneRules Rules(BuildxCacheOptions options, GitRefInfo refs, LiveBranchList? live, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(refs);
        return new(
            options.CacheTagPrefix,
            RefSlug.From(refs.DefaultBranch),
            live is null ? null : RemoteBranches.Slugs(live.Names),
            options.CacheMaxAgeSpan,
            now);
    }

    /// <summary>
    /// The live branches: <c>--live-branches</c> with the default branch added, else the heads of
    /// <c>git ls-remote --heads origin</c> run in the working directory through Cake's process runner, or null (with a
    /// warning) when git is missing or fails: then no cache is deleted for its branch being gone.
    /// </summary>
    /// <param name="context">The build context.</param>
    /// <returns>The list, or null when unknown.</returns>
    public static LiveBranchList? LiveBranches(BuildxCacheContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var options = context.BuildxOptions;
        if (options.LiveBranches.Count > 0)
        {
            var names = options.LiveBranches.Append(context.Refs.DefaultBranch).Distinct(StringComparer.Ordinal).ToList();
            return new(names, OptionCatalog.LiveBranches.Argument + " and the default branch");
        }

        var git = context.Tools.Resolve(["git", "git.exe"]);
        if (git is null)
        {
            context.Warning("registry prune: git is not on PATH, so the live branches are unknown and no cache is deleted for its branch being gone (give --live-branches)");
            return null;
        }

        var settings = new ProcessSettings
        {
            Arguments = new ProcessArgumentBuilder().Append("ls-remote").Append("--heads").Append("origin"),
            WorkingDirectory = context.Environment.WorkingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            EnvironmentVariables = new Dictionary<string, string> { ["GIT_TERMINAL_PROMPT"] = "0" },
        };
        using var process = context.ProcessRunner.Start(git, settings);
        if (!process.WaitForExit((int)GitTimeout.TotalMilliseconds))
        {
            process.Kill();
            context.Warning("registry prune: {0} did not answer within {1} s, so the live branches are unknown and no cache is deleted for its branch being gone", LsRemote, GitTimeout.TotalSeconds);
            return null;
        }

        // It has exited; the untimed wait also waits until its redirected output is read to the end.
        process.WaitForExit();
        var output = process.GetStandardOutput().ToList();
        var error = process.GetStandardError().ToList();
        var exitCode = process.GetExitCode();
        if (exitCode != 0)
        {
            var said = string.Join(" ", error.Select(line => line.Trim()).Where(line => line.Length > 0).Select(Redact));
            context.Warning("registry prune: {0} failed (exit code {1}{2}), so the live branches are unknown and no cache is deleted for its branch being gone (give --live-branches)", LsRemote, exitCode, said.Length == 0 ? string.Empty : ": " + said);
            return null;
        }

        return new(RemoteBranches.ParseLsRemote(string.Join('\n', output)), LsRemote);
    }

    /// <summary>What the Plan prints for PruneCache with <c>--prune-registry</c>: no network, only what it would do.</summary>
    /// <param name="state">The resolved state.</param>
    /// <returns>The lines, unindented.</returns>
    public static IEnumerable<string> PlanLines(BuildxCacheState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var options = state.Options;
        var repository = state.Plan.CacheRepo ?? "-";
        yield return options.Confirm
            ? $"registry prune: deletes stale cache tags from {repository} (--confirm)"
            : $"registry prune: dry run of {repository} (add --confirm to delete)";
        var window = RegistryCachePrunePolicy.FormatAge(Rules(options, state.Refs, null, default).RecentWindow);
        var untouched = options.CacheTagPrefix.Length == 0 ? string.Empty : $"; tags not starting '{options.CacheTagPrefix}' are never touched";
        yield return $"  keeps:   the default branch's cache ({options.CacheTagPrefix}{RefSlug.From(state.Refs.DefaultBranch)}) and any cache written in the last {window}{untouched}";
        var gone = options.LiveBranches.Count > 0
            ? $"caches of branches other than {string.Join(", ", options.LiveBranches)} (--live-branches)"
            : $"caches of branches missing from `{LsRemote}`";
        var old = options.CacheMaxAge is { } age ? $"; caches written more than {age} ago (--cache-max-age)" : string.Empty;
        yield return $"  deletes: {gone}{old}";
        if (options.LiveBranches.Count == 0)
        {
            yield return $"  {LsRemote}    # the live branches";
        }
    }

    // A git error may quote the remote's URL, and a CI checkout's URL carries the job token.
    private static string Redact(string line) => UrlCredentials().Replace(line, "://[redacted]@");

    [GeneratedRegex(@"://[^/\s@]+@", RegexOptions.CultureInvariant)]
    private static partial Regex UrlCredentials();
}
