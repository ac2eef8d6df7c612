using Cake.BuildxCache.Options;

namespace Cake.BuildxCache.Tests.Options;

/// <summary>Builds <see cref="OptionSources"/> for a test, one source at a time.</summary>
internal sealed class OptionSourcesBuilder
{
    private readonly List<KeyValuePair<string, string>> arguments = [];
    private readonly Dictionary<string, string> environment = [];
    private readonly Dictionary<string, string> configuration = [];

    public OptionSourcesBuilder Arg(string name, string value)
    {
        arguments.Add(new(name, value));
        return this;
    }

    public OptionSourcesBuilder Env(string name, string value)
    {
        environment[name] = value;
        return this;
    }

    public OptionSourcesBuilder Config(string key, string value)
    {
        configuration[key] = value;
        return this;
    }

    public OptionSources Build() => OptionSources.From(arguments, environment, configuration);

    public static BuildxCacheOptions Empty() => new OptionSourcesBuilder().Read();

    public BuildxCacheOptions Read() => BuildxCacheOptionsReader.Read(Build());
}
