namespace Cake.BuildxCache.Hosting;

/// <summary>Lets the build go on when this task fails (the error is logged).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class ContinueOnErrorAttribute : Attribute
{
}
