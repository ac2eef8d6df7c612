using Cake.BuildxCache.Hosting.Internal;
using Cake.BuildxCache.Options;
using Cake.BuildxCache.Tests.Hosting.Support;
using Cake.Core;
using Cake.Core.Configuration;
using Cake.Core.IO;
using NSubstitute;

namespace Cake.BuildxCache.Tests.Support;

/// <summary>
/// One folder holding a cake.config, read as each host reads it: the official runner (Cake 7's own
/// <see cref="CakeConfigurationProvider"/>, the real assembly, called as Cake's runner calls it) and our host
/// (<see cref="HostConfiguration"/>); then the options the module reads from a context over either.
/// </summary>
internal sealed class ConfigHosts(string directory, IReadOnlyDictionary<string, string>? environment = null, IEnumerable<KeyValuePair<string, string>>? arguments = null)
{
    private readonly TestEnvironment _environment = new(environment ?? new Dictionary<string, string>()) { WorkingDirectory = new DirectoryPath(directory) };
    private readonly CakeArguments _arguments = new((arguments ?? []).ToLookup(pair => pair.Key, pair => pair.Value, StringComparer.OrdinalIgnoreCase));
    private readonly FileSystem _fileSystem = new();

    /// <summary>The configuration as <c>dotnet cake</c> builds it (Cake's CakeFeature.ReadConfiguration, verbatim).</summary>
    public ICakeConfiguration OfficialRunner()
    {
        var args = _arguments.GetArguments().ToDictionary(x => x.Key, x => x.Value?.FirstOrDefault() ?? string.Empty);
        return new CakeConfigurationProvider(_fileSystem, _environment).CreateConfiguration(_environment.WorkingDirectory, args);
    }

    /// <summary>The configuration as our host builds it.</summary>
    public ICakeConfiguration OurHost() => HostConfiguration.Create(_fileSystem, _environment, _arguments);

    /// <summary>A context over <paramref name="configuration"/> with this folder's file system, environment and arguments.</summary>
    public ICakeContext Context(ICakeConfiguration configuration)
    {
        var context = Substitute.For<ICakeContext>();
        context.FileSystem.Returns(_fileSystem);
        context.Environment.Returns(_environment);
        context.Arguments.Returns(_arguments);
        context.Configuration.Returns(configuration);
        return context;
    }

    /// <summary>The options the module reads under <paramref name="configuration"/>.</summary>
    public BuildxCacheOptions ReadOptions(ICakeConfiguration configuration) => CakeOptionSources.ReadOptions(Context(configuration));
}
