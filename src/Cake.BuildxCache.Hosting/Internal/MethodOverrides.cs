using System.Reflection;

namespace Cake.BuildxCache.Hosting.Internal;

/// <summary>
/// Whether a task overrides one of its virtual hooks. Only overridden hooks are registered with the
/// engine: an error handler that exists counts as handling the error in Cake, so a default one must not.
/// </summary>
internal static class MethodOverrides
{
    public static bool Overrides(Type type, string methodName)
    {
        return type
            .GetMethods(BindingFlags.Instance | BindingFlags.Public)
            .Where(method => method.Name == methodName)
            .Any(method => method.GetBaseDefinition().DeclaringType != method.DeclaringType);
    }
}
