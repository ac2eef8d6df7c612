using Cake.BuildxCache.Docker.Build;
using Cake.BuildxCache.Miss;
using Cake.BuildxCache.Policy;
using Cake.BuildxCache.Report;
using Cake.Core.IO;

namespace Cake.BuildxCache.Flow;

/// <summary>
/// What the cache mount helpers share: the mounts' plan, made from the build plan, the options and the Dockerfile the
/// build reads (<see cref="CacheMountReader"/>, <see cref="CacheMountPolicy"/>), and a helper's directory (its generated
/// Dockerfile and an empty build context).
/// </summary>
internal static class CacheMountRun
{
    /// <summary>The mounts' plan of <paramref name="plan"/>.</summary>
    /// <param name="run">The run.</param>
    /// <param name="plan">The build plan.</param>
    /// <returns>The mounts' plan.</returns>
    public static CacheMountsPlan Plan(BuildxCacheRun run, BuildPlan plan)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(plan);
        var options = run.BuildxOptions;
        if (Options.CacheMountSelection.Of(options.CacheMounts).IsNone)
        {
            return CacheMountPolicy.Decide(plan, options, CacheMountOutline.None);
        }

        var file = run.FileSystem.GetFile(new FilePath(plan.Dockerfile).MakeAbsolute(run.Environment));
        if (!file.Exists)
        {
            return CacheMountsPlan.Nothing($"the Dockerfile {plan.Dockerfile} is not there to read");
        }

        using var stream = file.OpenRead();
        using var reader = new StreamReader(stream);
        return CacheMountPolicy.Decide(plan, options, CacheMountReader.Read(reader.ReadToEnd(), plan.Target));
    }

    /// <summary>
    /// The Dockerfile line of each build step of <paramref name="report"/> that ran (null for a step the Dockerfile does
    /// not name), or null when the progress output named no build step or the Dockerfile cannot be read.
    /// </summary>
    /// <param name="run">The run.</param>
    /// <param name="plan">The build plan (its Dockerfile).</param>
    /// <param name="report">What the build's progress said.</param>
    /// <returns>The lines.</returns>
    public static IReadOnlyList<int?>? RanLines(BuildxCacheRun run, BuildPlan plan, BuildReport report)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(report);
        var steps = report.Steps.Where(step => step.Kind == StepKind.Build).ToList();
        var file = run.FileSystem.GetFile(new FilePath(plan.Dockerfile).MakeAbsolute(run.Environment));
        if (steps.Count == 0 || !file.Exists)
        {
            return null;
        }

        using var stream = file.OpenRead();
        using var reader = new StreamReader(stream);
        var outline = DockerfileOutline.Parse(reader.ReadToEnd());
        return [.. steps.Where(step => step.Ran).Select(step => outline.InstructionOfStep(step.Name)?.Line)];
    }

    /// <summary>A new helper directory holding <paramref name="dockerfile"/> and an empty <c>context</c> folder; delete it when done.</summary>
    /// <param name="dockerfile">The helper's Dockerfile.</param>
    /// <returns>The directory.</returns>
    public static DirectoryInfo Directory(string dockerfile)
    {
        ArgumentNullException.ThrowIfNull(dockerfile);
        var directory = System.IO.Directory.CreateTempSubdirectory("buildx-cache-mount-");
        directory.CreateSubdirectory("context");
        File.WriteAllText(System.IO.Path.Combine(directory.FullName, "Dockerfile"), dockerfile);
        return directory;
    }

    /// <summary>Runs a helper build, its output in the log's verbose lines; a failure carries the output's last lines.</summary>
    /// <param name="run">The run.</param>
    /// <param name="settings">The helper's settings.</param>
    /// <exception cref="Core.CakeException">When the helper fails.</exception>
    public static void Build(BuildxCacheRun run, BuildxBuildSettings settings)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(settings);
        var output = new List<string>();
        settings.OutputHandler = line =>
        {
            output.Add(line);
            run.Log.Write(Core.Diagnostics.Verbosity.Verbose, Core.Diagnostics.LogLevel.Verbose, "{0}", line);
        };
        try
        {
            run.BuildxBuild(settings);
        }
        catch (Core.CakeException exception)
        {
            // The helper's output is verbose-only: a failure shows its end, where BuildKit says what failed.
            throw new Core.CakeException(exception.Message + Environment.NewLine + string.Join(Environment.NewLine, output.TakeLast(12).Select(line => "  " + line)), exception);
        }
    }

    /// <summary>A value of <see cref="CacheMountHelpers.RunArg"/> no earlier run had.</summary>
    /// <returns>The value.</returns>
    public static string NewRunValue() => Guid.NewGuid().ToString("N");

    /// <summary>Deletes a helper directory, whatever is left in it.</summary>
    /// <param name="directory">The directory.</param>
    public static void Remove(DirectoryInfo directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        try
        {
            directory.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A temporary folder left behind costs nothing the build needs.
        }
    }
}
