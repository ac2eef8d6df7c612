using Cake.Core;

namespace Cake.BuildxCache.Options;

/// <summary>
/// The keys written under <c>[Buildx]</c> in the working directory's <c>cake.config</c>, for <see cref="OptionSpelling"/>
/// and for the item keys of <c>key=value</c> options (<c>BuildArg.NODE_VERSION</c>): Cake's configuration can
/// look a key up but not list its keys, so the names come from the file itself (under the official runner the
/// working directory is the script's folder, where the runner read the same file).
/// </summary>
public static class BuildxConfigKeys
{
    private const string Prefix = "Buildx_";

    /// <summary>The keys, as written (<c>Image</c>, <c>BuildArg.NODE_VERSION</c>); none without the file.</summary>
    /// <param name="context">Cake's context (its file system and working directory).</param>
    /// <returns>The keys.</returns>
    /// <exception cref="CakeException">A line of the file that Cake's configuration parser would refuse or misread.</exception>
    public static IReadOnlyList<string> Read(ICakeContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return [.. Names(ConfigurationKeys(context))];
    }

    /// <summary>The Cake configuration keys the file sets (<c>Buildx_Image</c>, <c>Settings_Verbosity</c>).</summary>
    internal static IReadOnlyList<string> ConfigurationKeys(ICakeContext context) =>
        [.. ConfigFile.Read(context.FileSystem, context.Environment.WorkingDirectory).Select(entry => entry.Key)];

    /// <summary>The names under <c>[Buildx]</c> among Cake configuration keys: <c>Buildx_Image</c> is <c>Image</c>.</summary>
    private static IEnumerable<string> Names(IEnumerable<string> configurationKeys) =>
        configurationKeys
            .Where(key => key.Length > Prefix.Length && key.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
            .Select(key => key[Prefix.Length..]);
}
