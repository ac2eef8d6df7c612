namespace Cake.BuildxCache.Hosting;

/// <summary>Names a task; without it the task is named after its type.</summary>
/// <param name="name">The task name used with <c>--target</c>.</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class TaskNameAttribute(string name) : Attribute
{
    /// <summary>Gets the task name.</summary>
    public string Name { get; } = name;
}
