using Cake.Core;

namespace Cake.BuildxCache.Options;

/// <summary>Builds <see cref="OptionSources"/> over a Cake context's arguments, environment and configuration.</summary>
public static class CakeOptionSources
{
    /// <summary>The option sources of <paramref name="context"/>.</summary>
    /// <param name="context">The Cake context.</param>
    /// <returns>
    /// Lookups over <see cref="ICakeContext.Arguments"/>, <see cref="ICakeContext.Environment"/> and <see cref="ICakeContext.Configuration"/>,
    /// with the keys of the working directory's cake.config (<see cref="OptionSources.ConfigurationKeys"/>).
    /// </returns>
    /// <exception cref="CakeException">A line of cake.config that Cake's configuration parser would refuse or misread.</exception>
    public static OptionSources From(ICakeContext context)
    {
        ArgumentNullException.ThrowIfNull(context);

        // Values come from Cake's configuration, whichever host built it, so both hosts expand and rank them alike.
        return new OptionSources(
            // A bare flag (--push) reaches Cake as a null value: it reads as "given, empty", which means true for a boolean.
            name => context.Arguments.GetArguments(name) is { } values ? [.. values.Select(value => value ?? string.Empty)] : [],
            name => context.Environment.GetEnvironmentVariable(name),
            key => context.Configuration.GetValue(key))
        {
            ConfigurationKeys = BuildxConfigKeys.ConfigurationKeys(context),
        };
    }

    /// <summary>Reads the options of <paramref name="context"/> (not yet validated: see <see cref="BuildxCacheOptionsValidator"/>).</summary>
    /// <param name="context">The Cake context.</param>
    /// <returns>The options.</returns>
    /// <exception cref="CakeException">A line of cake.config that Cake's configuration parser would refuse or misread.</exception>
    public static BuildxCacheOptions ReadOptions(ICakeContext context) => BuildxCacheOptionsReader.Read(From(context));
}
