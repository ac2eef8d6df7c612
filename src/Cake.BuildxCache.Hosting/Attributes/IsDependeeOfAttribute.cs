namespace Cake.BuildxCache.Hosting;

/// <summary>Makes another task type depend on this one: this one runs first.</summary>
/// <param name="task">The task type that depends on this one.</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true)]
public sealed class IsDependeeOfAttribute(Type task) : Attribute
{
    /// <summary>Gets the task type that depends on this one.</summary>
    public Type Task { get; } = task;
}
