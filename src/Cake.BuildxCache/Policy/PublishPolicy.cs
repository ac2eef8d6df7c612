using Cake.BuildxCache.Options;
using Cake.BuildxCache.Refs;

namespace Cake.BuildxCache.Policy;

/// <summary>What Publish changes: it pushes, also on a laptop, unless <c>--push</c> or <c>--load=true</c> says otherwise.</summary>
internal static class PublishPolicy
{
    /// <summary>The options Publish builds with.</summary>
    /// <param name="options">The options as read (and configured).</param>
    /// <param name="refs">Where the build stands.</param>
    /// <returns>The options with <see cref="BuildxCacheOptions.Push"/> set, unless push or load=true was set already or the build is a fork's merge request.</returns>
    public static BuildxCacheOptions Apply(BuildxCacheOptions options, GitRefInfo refs)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(refs);

        // A fork's merge request must not overwrite the upstream's tags: OutputPolicy decides for it.
        return options.Push is null && options.Load != true && !(refs.IsCI && refs.IsFork) ? options with { Push = true } : options;
    }
}
