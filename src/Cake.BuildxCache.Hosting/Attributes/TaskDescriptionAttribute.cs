namespace Cake.BuildxCache.Hosting;

/// <summary>Describes a task for <c>--description</c>.</summary>
/// <param name="description">The description.</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class TaskDescriptionAttribute(string description) : Attribute
{
    /// <summary>Gets the description.</summary>
    public string Description { get; } = description;
}
