using Cake.BuildxCache.Hosting.BuildxTasks;

namespace Cake.BuildxCache.Hosting;

/// <summary>Adds the buildx registry-cache tasks to a <see cref="CakeHost"/>.</summary>
public static class CakeHostExtensions
{
    /// <summary>
    /// Registers the tasks (Plan, Options, EnsureBuilder, Login, BuildWithCache, Publish, Default, PruneCache),
    /// their context, the logout teardown and the CI log sections.
    /// </summary>
    /// <param name="host">The host.</param>
    /// <returns>The host.</returns>
    public static CakeHost UseBuildxCache(this CakeHost host) => host.UseBuildxCache<BuildxCacheContext>();

    /// <summary>As <see cref="UseBuildxCache(CakeHost)"/>, with a context subclass of your own.</summary>
    /// <typeparam name="TContext">A <see cref="BuildxCacheContext"/> subclass, e.g. overriding <c>ConfigureOptions</c>.</typeparam>
    /// <param name="host">The host.</param>
    /// <returns>The host.</returns>
    public static CakeHost UseBuildxCache<TContext>(this CakeHost host)
        where TContext : BuildxCacheContext
    {
        ArgumentNullException.ThrowIfNull(host);
        return host
            .UseContext<TContext>()
            .UseTeardown<LogoutTeardown>()
            .UseTaskLifetime<LogSectionLifetime>()
            .AddAssembly(typeof(BuildxCacheContext).Assembly);
    }
}
