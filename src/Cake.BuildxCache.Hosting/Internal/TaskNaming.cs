using System.Reflection;
using Cake.Core;

namespace Cake.BuildxCache.Hosting.Internal;

/// <summary>The name of a task type: its <see cref="TaskNameAttribute"/>, else the type's name.</summary>
internal static class TaskNaming
{
    public static string NameOf(Type taskType)
    {
        if (!typeof(IFrostingTask).IsAssignableFrom(taskType))
        {
            throw new CakeException($"'{taskType.FullName}' is used as a task dependency but is not a task (it does not implement {nameof(IFrostingTask)}).");
        }

        return taskType.GetCustomAttribute<TaskNameAttribute>()?.Name ?? taskType.Name;
    }
}
