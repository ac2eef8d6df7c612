using Cake.Core;

namespace Cake.BuildxCache.Hosting.Internal;

/// <summary>Registers build and task lifetimes with the engine, each bound to the build context.</summary>
internal static class LifetimeRegistrar
{
    public static void Register(
        ICakeEngine engine,
        IFrostingContext context,
        IEnumerable<IFrostingLifetime> lifetimes,
        IEnumerable<IFrostingTaskLifetime> taskLifetimes)
    {
        // Cake keeps one setup and one teardown action: several lifetimes run in registration
        // order for setup and in reverse order for teardown, like nested scopes.
        var builds = lifetimes.ToList();
        if (builds.Count > 0)
        {
            engine.RegisterSetupAction(info => builds.ForEach(lifetime => lifetime.Setup(context, info)));
            engine.RegisterTeardownAction(info => Enumerable.Reverse(builds).ToList().ForEach(lifetime => lifetime.Teardown(context, info)));
        }

        var tasks = taskLifetimes.ToList();
        if (tasks.Count > 0)
        {
            engine.RegisterTaskSetupAction(info => tasks.ForEach(lifetime => lifetime.Setup(context, info)));
            engine.RegisterTaskTeardownAction(info => Enumerable.Reverse(tasks).ToList().ForEach(lifetime => lifetime.Teardown(context, info)));
        }
    }
}
