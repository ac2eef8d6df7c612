using System.Reflection;
using Cake.Core;

namespace Cake.BuildxCache.Hosting.Internal;

/// <summary>Turns task instances into Cake engine tasks: action, criteria, dependencies, error and finally handlers.</summary>
internal static class EngineTaskRegistrar
{
    public static void Register(ICakeEngine engine, IEnumerable<IFrostingTask> tasks)
    {
        foreach (var task in tasks)
        {
            var type = task.GetType();
            var builder = engine.RegisterTask(TaskNaming.NameOf(type)).Does(task.RunAsync);

            if (type.GetCustomAttribute<TaskDescriptionAttribute>() is { } description)
            {
                builder.Description(description.Description);
            }

            foreach (var dependency in type.GetCustomAttributes<IsDependentOnAttribute>())
            {
                builder.IsDependentOn(TaskNaming.NameOf(dependency.Task));
            }

            foreach (var dependee in type.GetCustomAttributes<IsDependeeOfAttribute>())
            {
                builder.IsDependeeOf(TaskNaming.NameOf(dependee.Task));
            }

            if (MethodOverrides.Overrides(type, nameof(IFrostingTask.ShouldRun)))
            {
                builder.WithCriteria(task.ShouldRun);
            }

            if (MethodOverrides.Overrides(type, nameof(IFrostingTask.OnError)))
            {
                builder.OnError(task.OnError);
            }

            if (MethodOverrides.Overrides(type, nameof(IFrostingTask.Finally)))
            {
                builder.Finally(task.Finally);
            }

            if (type.IsDefined(typeof(ContinueOnErrorAttribute)))
            {
                builder.ContinueOnError();
            }
        }
    }
}
