using Cake.Core;
using Cake.Core.IO;
using NSubstitute;

namespace Cake.BuildxCache.Tests.Refs;

/// <summary>An ICakeEnvironment whose variables are exactly the given dictionary.</summary>
internal static class FakeEnvironment
{
    public static ICakeEnvironment With(IReadOnlyDictionary<string, string> variables, string workingDirectory)
    {
        var environment = Substitute.For<ICakeEnvironment>();
        environment.GetEnvironmentVariable(Arg.Any<string>())
            .Returns(call => variables.TryGetValue(call.Arg<string>(), out var value) ? value : null);
        environment.GetEnvironmentVariables().Returns(variables.ToDictionary(pair => pair.Key, pair => pair.Value));
        environment.WorkingDirectory.Returns(new DirectoryPath(workingDirectory));
        return environment;
    }
}
