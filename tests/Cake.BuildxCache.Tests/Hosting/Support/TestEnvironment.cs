using Cake.Core;
using Cake.Core.IO;

namespace Cake.BuildxCache.Tests.Hosting.Support;

/// <summary>
/// Cake's real environment with the process's variables replaced by a dictionary, so that tests
/// running in parallel cannot see each other's variables.
/// </summary>
internal sealed class TestEnvironment(IReadOnlyDictionary<string, string> variables) : ICakeEnvironment
{
    private readonly CakeEnvironment _real = new(new CakePlatform(), new CakeRuntime());

    // Kept here rather than in the process, so that a test's --working does not move other tests.
    public DirectoryPath WorkingDirectory { get; set; } = new(Directory.GetCurrentDirectory());

    public DirectoryPath ApplicationRoot => _real.ApplicationRoot;

    public ICakePlatform Platform => _real.Platform;

    public ICakeRuntime Runtime => _real.Runtime;

    public DirectoryPath GetSpecialPath(SpecialPath path) => _real.GetSpecialPath(path);

    public string? GetEnvironmentVariable(string variable) => variables.GetValueOrDefault(variable);

    public IDictionary<string, string> GetEnvironmentVariables() => new Dictionary<string, string>(variables);
}
