using Cake.BuildxCache.Options;
using Cake.Core;
using Cake.Core.Configuration;
using Cake.Core.IO;

namespace Cake.BuildxCache.Hosting.Internal;

/// <summary>
/// Builds the Cake configuration from <c>cake.config</c> in the working directory, <c>CAKE_*</c>
/// environment variables and arguments, in that order of increasing precedence.
/// </summary>
/// <remarks>
/// Cake's own runner lets <c>cake.config</c> override the environment. A CI job must be able to
/// override a committed file without editing it, so here the environment wins over the file; an
/// argument still wins over both. The file is read by <see cref="ConfigFile"/>, which, unlike Cake's
/// reader, takes values holding <c>=</c> and names the line of a malformed entry.
/// </remarks>
internal static class HostConfiguration
{
    private const string EnvironmentPrefix = "CAKE_";
    private const string FileName = "cake.config";

    public static ICakeConfiguration Create(IFileSystem fileSystem, ICakeEnvironment environment, ICakeArguments arguments)
    {
        var overrides = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var file = fileSystem.GetFile(environment.WorkingDirectory.CombineWithFilePath(FileName));
        if (file.Exists)
        {
            using var reader = new StreamReader(file.OpenRead());
            foreach (var entry in ConfigFile.Parse(file.Path.FullPath, reader.ReadToEnd()))
            {
                overrides[entry.Key] = entry.Value;
            }
        }

        foreach (var (name, value) in environment.GetEnvironmentVariables())
        {
            if (name.StartsWith(EnvironmentPrefix, StringComparison.OrdinalIgnoreCase) && name.Length > EnvironmentPrefix.Length)
            {
                overrides[name[EnvironmentPrefix.Length..]] = value;
            }
        }

        foreach (var (name, values) in arguments.GetArguments())
        {
            if (values.Count > 0)
            {
                overrides[name] = values.Last();
            }
        }

        return new CakeConfiguration(overrides);
    }
}
