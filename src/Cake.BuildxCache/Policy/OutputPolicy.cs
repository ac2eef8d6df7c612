using Cake.BuildxCache.Options;
using Cake.BuildxCache.Refs;

namespace Cake.BuildxCache.Policy;

/// <summary>
/// Push or load, and whether the cache may be written, in one decision. A fork's merge request must not overwrite the
/// upstream's tags or cache: it never writes the cache, and it loads unless <c>push=true</c>. Else an explicit
/// <c>push</c> wins; else an explicit <c>load=true</c> loads; else CI pushes, Publish pushes (on a laptop too), and a
/// local run loads; a fan-out job (<c>--fan-out</c>) pushes as Publish does, by digest. <c>load=false</c> where loading was chosen gives <see cref="OutputMode.None"/>. The cache is
/// read-only with <c>cache-readonly=true</c>, and on a local run unless it pushes or <c>cache-readonly=false</c>.
/// </summary>
internal static class OutputPolicy
{
    /// <summary>Decides the output and whether the cache may be written.</summary>
    /// <param name="refs">Where the build stands.</param>
    /// <param name="options">The options.</param>
    /// <param name="publish">True for the build Publish runs, which pushes unless told otherwise.</param>
    /// <returns>The decision.</returns>
    public static OutputDecision Decide(GitRefInfo refs, BuildxCacheOptions options, bool publish = false)
    {
        ArgumentNullException.ThrowIfNull(refs);
        ArgumentNullException.ThrowIfNull(options);
        var fork = refs.IsCI && refs.IsFork;
        var push = options.Push ?? ((publish || options.FanOut) && options.Load != true && !fork ? true : null);
        var (image, why) = Image(refs, options, push, fork);
        return new(image, why, CacheReadOnly(refs, options, push, fork));
    }

    private static (OutputMode Mode, string Why) Image(GitRefInfo refs, BuildxCacheOptions options, bool? push, bool fork)
    {
        if (push == true)
        {
            return (OutputMode.Push, options.Load == true
                ? "push and load are both true; push wins, and validation reports it"
                : options.Push == true ? $"push=true, {options.OriginOf(OptionCatalog.Push)}" : options.FanOut ? "fan-out: by digest, Merge moves the tags" : "Publish");
        }

        if (push == false)
        {
            return LoadUnlessRefused(options, "push=false");
        }

        if (options.Load == true)
        {
            return (OutputMode.Load, $"load=true, {options.OriginOf(OptionCatalog.Load)}");
        }

        if (fork)
        {
            return LoadUnlessRefused(options, "fork merge request: not pushing unless push=true");
        }

        return refs.IsCI
            ? (OutputMode.Push, refs.Provider.ToString())
            : LoadUnlessRefused(options, "local run");
    }

    private static (OutputMode Mode, string Why) LoadUnlessRefused(BuildxCacheOptions options, string why) =>
        options.Load == false
            ? (OutputMode.None, $"{why}, load=false: the image stays in the build cache")
            : (OutputMode.Load, why);

    private static string? CacheReadOnly(GitRefInfo refs, BuildxCacheOptions options, bool? push, bool fork)
    {
        if (fork)
        {
            return options.CacheReadOnly == false
                ? "fork merge request (cache-readonly=false ignored: a fork must not write the upstream cache)"
                : "fork merge request";
        }

        if (options.CacheReadOnly == true)
        {
            return $"cache-readonly=true ({options.OriginOf(OptionCatalog.CacheReadOnly)})";
        }

        return !refs.IsCI && options.CacheReadOnly != false && push != true
            ? "local run (set --cache-readonly=false or --push=true to write it)"
            : null;
    }
}
