using Cake.BuildxCache.Docker.Buildx;
using Cake.BuildxCache.Tests.Support;
using Cake.Core;
using Cake.Core.IO;
using NSubstitute;
using Path = System.IO.Path;

namespace Cake.BuildxCache.Tests.Docker;

/// <summary>The buildx plugin is looked for where docker looks, in docker's order.</summary>
public sealed class BuildxPluginLocatorTests
{
    private static ICakeEnvironment Environment(Dictionary<string, string> variables)
    {
        var environment = Substitute.For<ICakeEnvironment>();
        environment.Platform.Family.Returns(PlatformFamily.Linux);
        environment.GetEnvironmentVariable(Arg.Any<string>()).Returns(call => variables.GetValueOrDefault(call.Arg<string>()));
        environment.WorkingDirectory.Returns(new DirectoryPath("/"));
        return environment;
    }

    private static string Plugin(string folder)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "docker-buildx");
        File.WriteAllText(path, "#!/bin/sh\n");
        return path;
    }

    [Test]
    public void The_config_folder_comes_before_the_system_folders_and_the_config_files_extra_folders_before_both()
    {
        using var temporary = new TemporaryDirectory();
        var config = Path.Combine(temporary.Path, "docker-config");
        var inConfig = Plugin(Path.Combine(config, "cli-plugins"));
        var environment = Environment(new() { ["DOCKER_CONFIG"] = config, ["HOME"] = "/nonexistent-home" });

        Assert.That(BuildxPluginLocator.Find(environment, new FileSystem())?.FullPath, Is.EqualTo(inConfig));

        var inExtra = Plugin(Path.Combine(temporary.Path, "extra"));
        File.WriteAllText(Path.Combine(config, "config.json"), $$"""{ "cliPluginsExtraDirs": ["{{Path.Combine(temporary.Path, "missing")}}", "{{Path.Combine(temporary.Path, "extra")}}"] }""");
        Assert.That(BuildxPluginLocator.Find(environment, new FileSystem())?.FullPath, Is.EqualTo(inExtra));
    }

    [Test]
    public void Without_DOCKER_CONFIG_the_config_folder_is_home_dot_docker()
    {
        using var temporary = new TemporaryDirectory();
        var inHome = Plugin(Path.Combine(temporary.Path, ".docker", "cli-plugins"));
        var environment = Environment(new() { ["HOME"] = temporary.Path });

        Assert.That(BuildxPluginLocator.Find(environment, new FileSystem())?.FullPath, Is.EqualTo(inHome));
    }

    [Test]
    public void A_config_file_docker_cannot_read_adds_no_folder()
    {
        using var temporary = new TemporaryDirectory();
        var config = Path.Combine(temporary.Path, "docker-config");
        var inConfig = Plugin(Path.Combine(config, "cli-plugins"));
        File.WriteAllText(Path.Combine(config, "config.json"), "{ not json");
        var environment = Environment(new() { ["DOCKER_CONFIG"] = config });

        Assert.That(BuildxPluginLocator.Find(environment, new FileSystem())?.FullPath, Is.EqualTo(inConfig));
    }
}
