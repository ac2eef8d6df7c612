using System.Text.RegularExpressions;
using Cake.BuildxCache.Miss;
using Cake.BuildxCache.Options;
using Cake.Core;
using Cake.Core.IO;

namespace Cake.BuildxCache.Flow;

/// <summary>The options that name files: checked against the file system before any docker command runs.</summary>
internal static partial class WorkspaceChecks
{
    /// <summary>Finds missing Dockerfile, build context, buildkitd config and buildx binary.</summary>
    /// <param name="options">The options.</param>
    /// <param name="fileSystem">The file system.</param>
    /// <param name="environment">The environment (working directory).</param>
    /// <returns>One problem per missing path.</returns>
    public static IReadOnlyList<OptionProblem> Check(BuildxCacheOptions options, IFileSystem fileSystem, ICakeEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<OptionProblem>();
        bool FileExists(string path) => fileSystem.Exist(new FilePath(path).MakeAbsolute(environment));

        if (!fileSystem.Exist(new DirectoryPath(options.Context).MakeAbsolute(environment)))
        {
            problems.Add(OptionProblem.For(OptionCatalog.Context, options.Context, options.OriginOf(OptionCatalog.Context), "the build context directory does not exist"));
        }

        // With a bake file, its targets name their own Dockerfiles and contexts (buildx reads them); --dockerfile does not apply.
        foreach (var file in options.BakeFiles.Where(file => !FileExists(file)))
        {
            problems.Add(OptionProblem.For(OptionCatalog.BakeFile, file, options.OriginOf(OptionCatalog.BakeFile), "the bake file does not exist (paths are relative to the working directory)"));
        }

        var ownDockerfile = options.BakeFiles.Count == 0;
        if (ownDockerfile && !FileExists(options.Dockerfile))
        {
            problems.Add(OptionProblem.For(OptionCatalog.Dockerfile, options.Dockerfile, options.OriginOf(OptionCatalog.Dockerfile), "the Dockerfile does not exist (paths are relative to the working directory, not to the context)"));
        }
        else if (ownDockerfile && (options.Stage is not null || options.NoCacheFilters.Count > 0))
        {
            problems.AddRange(StageChecks.Check(options, StageNames(fileSystem.GetFile(new FilePath(options.Dockerfile).MakeAbsolute(environment)))));
        }

        if (options.BuildkitdConfig is { } config && !FileExists(config))
        {
            problems.Add(OptionProblem.For(OptionCatalog.BuildkitdConfig, config, options.OriginOf(OptionCatalog.BuildkitdConfig), "the buildkitd config file does not exist"));
        }

        var buildx = options.BuildxPlugin;
        if (buildx is not (BuildxPluginChoice.Auto or BuildxPluginChoice.Docker) && !FileExists(buildx))
        {
            problems.Add(OptionProblem.For(OptionCatalog.BuildxPlugin, buildx, options.OriginOf(OptionCatalog.BuildxPlugin), $"no such file: give {BuildxPluginChoice.Auto}, {BuildxPluginChoice.Docker} or the path of a docker-buildx binary"));
        }

        problems.AddRange(BuildFeatureSources.Check(options, fileSystem, environment));
        problems.AddRange(ReproducibleChecks.Check(options, environment.GetEnvironmentVariable(ReproducibleChecks.SourceDateEpoch)));
        return problems;
    }

    // The named stages of a Dockerfile the Dockerfile frontend reads; null when another frontend (# syntax=) reads it,
    // or it cannot be read: then buildx is the judge.
    private static IReadOnlyList<string>? StageNames(IFile dockerfile)
    {
        string text;
        try
        {
            using var reader = new StreamReader(dockerfile.OpenRead());
            text = reader.ReadToEnd();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        if (SyntaxDirective().Match(text) is { Success: true } syntax && !syntax.Groups["image"].Value.Contains("dockerfile", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return [.. DockerfileOutline.Parse(text).Stages.Select(stage => stage.Name).OfType<string>()];
    }

    [GeneratedRegex(@"\A(?:[ \t]*#[ \t]*[A-Za-z]+[ \t]*=.*\r?\n)*?[ \t]*#[ \t]*syntax[ \t]*=[ \t]*(?<image>\S+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SyntaxDirective();
}
