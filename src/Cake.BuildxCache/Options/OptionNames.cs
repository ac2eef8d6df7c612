using System.Globalization;

namespace Cake.BuildxCache.Options;

/// <summary>
/// How an option's kebab-case name becomes the names it is looked up by: <c>cache-repo</c> gives the argument
/// <c>--cache-repo</c>, the environment variable <c>BUILDX_CACHE_REPO</c>, the key <c>CacheRepo</c> under
/// <c>[Buildx]</c> in cake.config and the Cake configuration key <c>Buildx_CacheRepo</c>. One place, so that an
/// option's current name and its former names (<see cref="OptionDescriptor.Aliases"/>) derive alike.
/// </summary>
internal static class OptionNames
{
    public static string Argument(string name) => "--" + name;

    public static string EnvironmentVariable(string name) => "BUILDX_" + name.ToUpperInvariant().Replace('-', '_');

    public static string ConfigFileKey(string name) =>
        string.Concat(name.Split('-').Select(part => part.Length == 0 ? part : char.ToUpper(part[0], CultureInfo.InvariantCulture) + part[1..]));

    public static string ConfigurationKey(string name) => "Buildx_" + ConfigFileKey(name);
}
