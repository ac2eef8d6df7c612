using Cake.BuildxCache.Docker.Login;
using Cake.BuildxCache.Hosting;
using Cake.BuildxCache.Policy;
using Cake.Common.Diagnostics;
using Cake.Core;

namespace Cake.BuildxCache.Tasks;

/// <summary>At teardown, with <c>--logout</c>, logs out of the registries this run logged in to, even after a failure.</summary>
public sealed class LogoutTeardown : FrostingTeardown<BuildxCacheContext>
{
    /// <inheritdoc/>
    public override void Teardown(BuildxCacheContext context, ITeardownContext info)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.LoggedInRegistries.Count == 0 || !context.BuildxOptions.Logout)
        {
            return;
        }

        foreach (var host in context.LoggedInRegistries.ToList())
        {
            context.RegistryLogout(DockerCommands.Logout(host));
            context.Information("Logged out of {0}.", host);
        }
    }
}
