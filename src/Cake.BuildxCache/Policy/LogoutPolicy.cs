using Cake.BuildxCache.Options;
using Cake.BuildxCache.Refs;

namespace Cake.BuildxCache.Policy;

/// <summary>
/// Whether the run logs out, at its end, of the registries it logged in to. <c>--logout</c> given wins. Else a CI
/// run logs out: the job's credentials must not stay in <c>~/.docker/config.json</c> for whatever runs next on the
/// runner (as docker/login-action does at the end of a job); a local run keeps the developer's login.
/// </summary>
internal static class LogoutPolicy
{
    /// <summary>Decides the logout.</summary>
    /// <param name="options">The options.</param>
    /// <param name="refs">Where the build stands (whether it runs in CI).</param>
    /// <returns>True to log out, and Plan's line saying why.</returns>
    public static (bool Logout, string Note) Decide(BuildxCacheOptions options, GitRefInfo refs)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(refs);
        if (options.Logout is { } given)
        {
            return (given, given
                ? $"at the end, of the registries this run logged in to (logout=true, {options.OriginOf(OptionCatalog.Logout)})"
                : $"no, the login stays (logout=false, {options.OriginOf(OptionCatalog.Logout)})");
        }

        return refs.IsCI
            ? (true, $"at the end, of the registries this run logged in to ({refs.Provider}: the job's credentials do not outlive the run; --logout=false keeps them)")
            : (false, "no, your docker login stays (local run; --logout=true logs out)");
    }
}
