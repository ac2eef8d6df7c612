using Cake.Core;

namespace Cake.BuildxCache.Hosting.Internal;

/// <summary>Registers setups, teardowns and task lifetimes with the engine, each bound to the build context.</summary>
internal static class LifetimeRegistrar
{
    public static void Register(
        ICakeEngine engine,
        IFrostingContext context,
        IEnumerable<IFrostingSetup> setups,
        IEnumerable<IFrostingTeardown> teardowns,
        IEnumerable<IFrostingTaskLifetime> taskLifetimes)
    {
        // Cake keeps one setup and one teardown action: several run in registration order for setup
        // and in reverse order for teardown, like nested scopes.
        var before = setups.ToList();
        if (before.Count > 0)
        {
            engine.RegisterSetupAction(info => before.ForEach(setup => setup.Setup(context, info)));
        }

        var after = teardowns.Reverse().ToList();
        if (after.Count > 0)
        {
            engine.RegisterTeardownAction(info => after.ForEach(teardown => teardown.Teardown(context, info)));
        }

        var tasks = taskLifetimes.ToList();
        if (tasks.Count > 0)
        {
            engine.RegisterTaskSetupAction(info => tasks.ForEach(lifetime => lifetime.Setup(context, info)));
            engine.RegisterTaskTeardownAction(info => Enumerable.Reverse(tasks).ToList().ForEach(lifetime => lifetime.Teardown(context, info)));
        }
    }
}
