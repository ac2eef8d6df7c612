using Cake.BuildxCache.Refs;
using Cake.Core.IO;
using NSubstitute;

namespace Cake.BuildxCache.Tests.Refs;

/// <summary>Cake's real process runner, counting the commands it starts; optionally with git blind to the user's and system's configuration.</summary>
internal sealed class CountingGit(bool isolateFromUserConfig = false)
{
    private readonly IProcessRunner _real = CakeProcesses.Runner();

    public List<string> Commands { get; } = [];

    public GitCli Git()
    {
        var runner = Substitute.For<IProcessRunner>();
        runner.Start(Arg.Any<FilePath>(), Arg.Any<ProcessSettings>()).Returns(call =>
        {
            var settings = call.Arg<ProcessSettings>();
            Commands.Add(settings.Arguments.Render());
            if (isolateFromUserConfig)
            {
                // A safe.directory entry in this machine's configuration must not hide a refusal, nor sudo's
                // SUDO_UID make git take another user for the one running it.
                settings.EnvironmentVariables["GIT_CONFIG_GLOBAL"] = "/dev/null";
                settings.EnvironmentVariables["GIT_CONFIG_NOSYSTEM"] = "1";
                settings.EnvironmentVariables["SUDO_UID"] = null!;
            }

            return _real.Start(call.Arg<FilePath>(), settings);
        });
        return new GitCli(runner, CakeProcesses.Tools());
    }
}
