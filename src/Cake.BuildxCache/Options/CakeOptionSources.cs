using Cake.Core;

namespace Cake.BuildxCache.Options;

/// <summary>Builds <see cref="OptionSources"/> over a Cake context's arguments, environment and configuration.</summary>
public static class CakeOptionSources
{
    /// <summary>The option sources of <paramref name="context"/>.</summary>
    /// <param name="context">The Cake context.</param>
    /// <returns>Lookups over <see cref="ICakeContext.Arguments"/>, <see cref="ICakeContext.Environment"/> and <see cref="ICakeContext.Configuration"/>.</returns>
    public static OptionSources From(ICakeContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new OptionSources(
            // A bare flag (--push) reaches Cake as a null value: it reads as "given, empty", which means true for a boolean.
            name => context.Arguments.GetArguments(name) is { } values ? [.. values.Select(value => value ?? string.Empty)] : [],
            name => context.Environment.GetEnvironmentVariable(name),
            key => context.Configuration.GetValue(key));
    }

    /// <summary>Reads the options of <paramref name="context"/> (not yet validated: see <see cref="BuildxCacheOptionsValidator"/>).</summary>
    /// <param name="context">The Cake context.</param>
    /// <returns>The options.</returns>
    public static BuildxCacheOptions ReadOptions(ICakeContext context) => BuildxCacheOptionsReader.Read(From(context));
}
