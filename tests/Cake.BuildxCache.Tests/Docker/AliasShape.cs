using System.Reflection;
using Cake.Core;

namespace Cake.BuildxCache.Tests.Docker;

/// <summary>
/// An alias as a script's generated proxy declares it: its name and the types of its parameters after the context,
/// spelled as C# source spells them (<c>DockerLogin(string, string, string)</c>, <c>BuildxLs(BuildxLsSettings)</c>).
/// Two aliases of one shape make the script's proxies collide. Nullable annotations do not count: they do not make
/// another overload.
/// </summary>
internal static class AliasShape
{
    private static readonly Dictionary<Type, string> Keywords = new()
    {
        [typeof(string)] = "string",
        [typeof(bool)] = "bool",
        [typeof(int)] = "int",
        [typeof(long)] = "long",
        [typeof(double)] = "double",
        [typeof(object)] = "object",
    };

    public static string Of(MethodInfo alias)
    {
        var parameters = alias.GetParameters()
            .Where(parameter => !(parameter.Position == 0 && typeof(ICakeContext).IsAssignableFrom(parameter.ParameterType)))
            .Select(parameter => TypeName(parameter.ParameterType));
        return $"{alias.Name}({string.Join(", ", parameters)})";
    }

    private static string TypeName(Type type)
    {
        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return TypeName(underlying);
        }

        if (type.IsArray)
        {
            return TypeName(type.GetElementType()!) + "[]";
        }

        if (Keywords.TryGetValue(type, out var keyword))
        {
            return keyword;
        }

        return type.IsGenericType
            ? $"{type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)]}<{string.Join(", ", type.GetGenericArguments().Select(TypeName))}>"
            : type.Name;
    }
}
