using System.Reflection;

namespace Cake.BuildxCache.Hosting.Internal;

/// <summary>Finds the task types of assemblies: public, concrete classes implementing <see cref="IFrostingTask"/>.</summary>
internal static class TaskDiscovery
{
    public static IEnumerable<Type> FindTaskTypes(IEnumerable<Assembly> assemblies) =>
        assemblies
            .Distinct()
            .SelectMany(assembly => assembly.GetExportedTypes())
            .Where(type => type is { IsClass: true, IsAbstract: false, ContainsGenericParameters: false }
                && typeof(IFrostingTask).IsAssignableFrom(type))
            .OrderBy(type => type.FullName, StringComparer.Ordinal);
}
