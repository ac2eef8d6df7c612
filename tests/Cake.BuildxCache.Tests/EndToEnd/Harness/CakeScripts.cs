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

    /// <summary>
    /// Aliases only, the example of docs/tasks.md: <c>Release</c> plans, ensures the builder, logs in, builds with push as an
    /// option, prints the outcome and logs out.
    /// </summary>
    public static string Aliases(string version) => AddinLine(version) + "\n\n" + AliasesBody + "\nRunTarget(Argument(\"target\", \"Release\"));\n";

    /// <summary>The aliases script without its loading and run lines, as docs/tasks.md shows it.</summary>
    public const string AliasesBody = """
        Task("Release").Does(() =>
        {
            var settings = new BuildxCacheSettings { Options = BuildxCacheReadOptions() with { Push = true } };
            BuildxCachePlan(settings);                           // RunPlan; prints it
            BuildxCacheEnsureBuilder(settings);
            BuildxCacheLogin(settings);
            var outcome = BuildxCacheBuild(settings);            // BuildOutcome: Digest, Tags, Report (cached/ran per stage)
            Information("Released {0}: {1} of {2} steps cached", outcome.Digest, outcome.Report.Cached, outcome.Report.BuildSteps);
            BuildxCacheLogout(settings);
        });

        """;

    /// <summary>The task-registration script of README.md and docs/tasks.md without its loading line.</summary>
    public const string TasksBody = """
        BuildxCacheTasks(Task, Teardown);                       // Plan, Options, EnsureBuilder, Login, BuildWithCache, Publish, PruneCache, Lint
        Task("Default").IsDependentOn("BuildWithCache");       // scripts keep their own Default
        Task("Release").IsDependentOn("Publish");               // pushes: Publish runs its own pushing build

        RunTarget(Argument("target", "Default"));

        """;

    /// <summary>The task-registration script: the module's tasks in one line, the script's own Default, and its own Release depending on Publish.</summary>
    public static string Tasks(string version) => AddinLine(version) + "\n\n" + TasksBody;

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
