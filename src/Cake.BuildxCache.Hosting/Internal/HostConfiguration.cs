using Cake.BuildxCache.Options;
using Cake.Core;
using Cake.Core.Configuration;
using Cake.Core.IO;

namespace Cake.BuildxCache.Hosting.Internal;

/// <summary>
/// Builds the Cake configuration exactly as Cake's own runner does, with Cake.Core's
/// <see cref="CakeConfigurationProvider"/>: <c>CAKE_*</c> environment variables, then <c>cake.config</c> in the
/// working directory, then arguments, each overriding the one before.
/// </summary>
/// <remarks>
/// The same <c>cake.config</c> is read by the official runner (<c>dotnet cake</c>) and by this host, so both
/// must read it alike: the same parser, the same <c>%NAME%</c> expansion, the same order. Hence Cake's own
/// provider, with one step before it: <see cref="ConfigFile"/> checks the file first and refuses, naming the
/// line and the fix, whatever Cake's parser would refuse with a bare "Encountered unexpected token." or
/// silently misread. A CI job that must override a committed file uses an argument, or the options' own
/// <c>BUILDX_*</c> variables, which the option reader ranks above the whole Cake configuration; a
/// <c>CAKE_BUILDX_*</c> variable loses to the file here as under the runner.
/// </remarks>
internal static class HostConfiguration
{
    public static ICakeConfiguration Create(IFileSystem fileSystem, ICakeEnvironment environment, ICakeArguments arguments)
    {
        ConfigFile.Read(fileSystem, environment.WorkingDirectory);

        // As Cake's runner passes them: a repeated argument gives its first value, a bare flag an empty one.
        var values = arguments.GetArguments().ToDictionary(pair => pair.Key, pair => pair.Value?.FirstOrDefault() ?? string.Empty);
        return new CakeConfigurationProvider(fileSystem, environment).CreateConfiguration(environment.WorkingDirectory, values);
    }
}
