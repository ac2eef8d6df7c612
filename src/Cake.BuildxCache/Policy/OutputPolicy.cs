using Cake.BuildxCache.Options;
using Cake.BuildxCache.Refs;

namespace Cake.BuildxCache.Policy;

/// <summary>
/// Push or load: an explicit <c>push</c> wins; else an explicit <c>load=true</c> loads; else CI pushes,
/// except fork merge requests (they load: a fork must not overwrite the upstream's tags), and a local run
/// loads. <c>load=false</c> where loading was chosen gives <see cref="OutputMode.None"/>.
/// </summary>
internal static class OutputPolicy
{
    /// <summary>Decides the output mode.</summary>
    /// <param name="refs">Where the build stands.</param>
    /// <param name="options">The options.</param>
    /// <returns>The mode and why.</returns>
    public static (OutputMode Mode, string Note) Decide(GitRefInfo refs, BuildxCacheOptions options)
    {
        ArgumentNullException.ThrowIfNull(refs);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Push == true)
        {
            return (OutputMode.Push, options.Load == true
                ? "output: push (push and load are both true; push wins, and validation reports it)"
                : $"output: push (push=true, {options.OriginOf(OptionCatalog.Push)})");
        }

        if (options.Push == false)
        {
            return LoadUnlessRefused(options, "push=false");
        }

        if (options.Load == true)
        {
            return (OutputMode.Load, $"output: load (load=true, {options.OriginOf(OptionCatalog.Load)})");
        }

        if (refs.IsCI && refs.IsFork)
        {
            return LoadUnlessRefused(options, "fork merge request: not pushing unless push=true");
        }

        return refs.IsCI
            ? (OutputMode.Push, $"output: push ({refs.Provider})")
            : LoadUnlessRefused(options, "local run");
    }

    private static (OutputMode Mode, string Note) LoadUnlessRefused(BuildxCacheOptions options, string why) =>
        options.Load == false
            ? (OutputMode.None, $"output: none, the image stays in the build cache ({why}, load=false)")
            : (OutputMode.Load, $"output: load ({why})");
}
