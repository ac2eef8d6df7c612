using Cake.Core;

namespace Cake.BuildxCache.Hosting.BuildxTasks;

/// <summary>At teardown, with <c>--logout</c>, logs out of the registries this run logged in to, even after a failure.</summary>
public sealed class LogoutTeardown : FrostingTeardown<BuildxCacheContext>
{
    /// <inheritdoc/>
    public override void Teardown(BuildxCacheContext context, ITeardownContext info)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Buildx.LoggedInRegistries.Count > 0)
        {
            context.Buildx.Logout();
        }
    }
}
