using Cake.BuildxCache.Options;

namespace Cake.BuildxCache.Flow;

/// <summary>
/// What a <see cref="BuildxCacheRun"/> (and every <c>BuildxCache…</c> alias) works from. Left empty, the options are
/// read as the tasks read them: arguments, <c>BUILDX_*</c> environment, <c>cake.config</c>, then CI defaults.
/// </summary>
public sealed class BuildxCacheSettings
{
    /// <summary>
    /// Gets or sets the options to use instead of reading them. Push or load is one of them:
    /// <c>Options = BuildxCacheReadOptions() with { Push = true }</c>.
    /// </summary>
    public BuildxCacheOptions? Options { get; set; }

    /// <summary>Gets or sets a change to the options after they are read (or given) and before they are validated and planned.</summary>
    public Func<BuildxCacheOptions, BuildxCacheOptions>? Configure { get; set; }

    /// <summary>Gets or sets the run's one clock: build time, registry prune ages, token lifetimes and log section times all read it.</summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    /// <summary>
    /// Gets or sets the build time, stamped on the image (<c>org.opencontainers.image.created</c>) when it is not reproducible
    /// (<c>--reproducible=false</c>, or the commit time unknown); null for the clock's now.
    /// </summary>
    public Func<DateTimeOffset>? BuildTime { get; set; }
}
