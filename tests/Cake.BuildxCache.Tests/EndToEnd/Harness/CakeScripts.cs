namespace Cake.BuildxCache.Tests.EndToEnd.Harness;

/// <summary>
/// What a repository that builds with a Cake script commits, as a user writes it: each script's only loading line is a
/// plain <c>#addin</c> of the package (no <c>loaddependencies</c>, no other workaround), and cake.config holds only
/// where the Dockerfile is.
/// </summary>
internal static class CakeScripts
{
    /// <summary>The folder, relative to the repository, that cake.config names as the Dockerfile's and the build context.</summary>
    public const string ImageFolder = "image";

    /// <summary>The script that uses the aliases only: its own Release task runs the flow's steps and prints the outcome.</summary>
    public const string AliasesScript = "aliases.cake";

    /// <summary>The script that registers the module's tasks; <c>build.cake</c>, which the runner runs when no script is named.</summary>
    public const string TasksScript = "build.cake";

    public static string AddinLine(string version) => $"#addin nuget:?package=Cake.BuildxCache&version={version}";

    /// <summary>Aliases only: <c>Release</c> ensures the builder, logs in, publishes and prints the digest.</summary>
    public static string Aliases(string version) => $$"""
        {{AddinLine(version)}}

        Task("Release").Does(() =>
        {
            BuildxCacheEnsureBuilder();
            BuildxCacheLogin();
            var outcome = BuildxCachePublish();
            Information("Released {0}", outcome.Digest);
        });

        RunTarget(Argument("target", "Release"));

        """;

    /// <summary>The README's script: the module's tasks in one line, the script's own Default, and its own Release depending on Publish.</summary>
    public static string Tasks(string version) => $$"""
        {{AddinLine(version)}}

        BuildxCacheTasks(Task, Teardown);
        Task("Default").IsDependentOn("BuildWithCache");
        Task("Release").IsDependentOn("Publish");

        RunTarget(Argument("target", "Default"));

        """;

    /// <summary>cake.config: the Dockerfile and context, simple keys only.</summary>
    public static string CakeConfig => $"""
        [Buildx]
        Dockerfile={ImageFolder}/Dockerfile
        Context={ImageFolder}

        """;

    /// <summary>nuget.config: the folder feed with the packages, and nuget.org for the runner (cake.tool).</summary>
    public static string NuGetConfig(string feed) => $"""
        <?xml version="1.0" encoding="utf-8"?>
        <configuration>
          <packageSources>
            <clear />
            <add key="local" value="{feed}" />
            <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
          </packageSources>
        </configuration>

        """;

    /// <summary>.gitignore: what the runner and the build write.</summary>
    public static string GitIgnore => """
        tools/
        artifacts/

        """;
}
