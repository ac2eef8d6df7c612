namespace Cake.BuildxCache.Hosting;

/// <summary>Makes the task depend on another task type: that one runs first.</summary>
/// <param name="task">The task type depended on.</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true)]
public sealed class IsDependentOnAttribute(Type task) : Attribute
{
    /// <summary>Gets the task type depended on.</summary>
    public Type Task { get; } = task;
}
