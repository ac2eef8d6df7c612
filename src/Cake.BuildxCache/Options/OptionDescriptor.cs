using System.Globalization;

namespace Cake.BuildxCache.Options;

/// <summary>
/// One option's name and where it is read from. The names derive from <see cref="Name"/>:
/// argument <c>--cache-repo</c>, environment <c>BUILDX_CACHE_REPO</c>, configuration key
/// <c>Buildx_CacheRepo</c> (that is <c>CacheRepo=</c> under <c>[Buildx]</c> in cake.config, or
/// <c>CAKE_BUILDX_CACHEREPO</c> in the environment).
/// </summary>
/// <param name="Name">The kebab-case name, e.g. <c>cache-repo</c>.</param>
/// <param name="Example">An example value used in "how to set it" messages.</param>
/// <param name="DefaultText">The default, as documentation (empty when none).</param>
/// <param name="Summary">What the option does.</param>
public sealed record OptionDescriptor(string Name, string Example, string DefaultText, string Summary)
{
    /// <summary>A CI variable read as the lowest-precedence value (<c>CI_REGISTRY_IMAGE</c> for the image).</summary>
    public string? CiVariable { get; init; }

    /// <summary>True for passwords: their values never appear in messages, logs or printouts.</summary>
    public bool IsSecret { get; init; }

    /// <summary>True when the option takes several values (repeat the argument, or separate values).</summary>
    public bool IsList { get; init; }

    /// <summary>The argument, <c>--cache-repo</c>.</summary>
    public string Argument => "--" + Name;

    /// <summary>The environment variable, <c>BUILDX_CACHE_REPO</c>.</summary>
    public string EnvironmentVariable => "BUILDX_" + Name.ToUpperInvariant().Replace('-', '_');

    /// <summary>The key under <c>[Buildx]</c> in cake.config, <c>CacheRepo</c>.</summary>
    public string ConfigFileKey => string.Concat(Name.Split('-').Select(part => part.Length == 0 ? part : char.ToUpper(part[0], CultureInfo.InvariantCulture) + part[1..]));

    /// <summary>The Cake configuration key, <c>Buildx_CacheRepo</c>.</summary>
    public string ConfigurationKey => "Buildx_" + ConfigFileKey;

    /// <summary>How to set the option, for error messages. Secrets are advised through the environment only.</summary>
    public string HowToSet => IsSecret
        ? $"set {EnvironmentVariable}{(CiVariable is null ? string.Empty : $" (or {CiVariable} in GitLab CI)")} in the environment; avoid passing secrets as arguments or in cake.config"
        : $"set {Argument}={Example}, {EnvironmentVariable}, or {ConfigFileKey}= under [Buildx] in cake.config";
}
