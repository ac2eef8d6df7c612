using Cake.BuildxCache.Docker.Bake;
using Cake.BuildxCache.Docker.Build;
using Cake.BuildxCache.Policy;
using Cake.Core;
using Cake.Core.IO;

namespace Cake.BuildxCache.Flow;

/// <summary>
/// Plan's lines about a baking run's builds: each <c>docker buildx bake</c> the tasks run (Publish's, and
/// BuildWithCache's when it differs) and its definition. For image sections the definition is the JSON the module writes
/// (secrets as references); for the user's bake file, the command is the user's files then the generated override,
/// and the definition the merged one buildx itself prints (<c>--print</c>: there is no HCL parser without buildx).
/// Cache-from lists each image's whole chain here; the build passes the refs the registry has. None for one image, or
/// without a readable bake file (<see cref="BakeFilePlan"/> says why), or with problems.
/// </summary>
internal static class BakeCommandsPlan
{
    /// <summary>What stands for the generated override's temporary path in the printed command.</summary>
    public const string OverridePlaceholder = "<override.json>";

    /// <summary>The lines.</summary>
    /// <param name="run">The run (its options are valid and its bake file read).</param>
    /// <returns>The lines.</returns>
    public static IEnumerable<string> Lines(BuildxCacheRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var userFile = run.BuildxOptions.BakeFiles.Count > 0;
        if (!run.Plan.Bakes || run.State.Problems.Count > 0 || (userFile && (run.BakeFile.Images.IsEmpty || !run.BakeFile.Problems.IsEmpty)))
        {
            return [];
        }

        var bakes = new List<(string Heading, Func<ImageBuild, BuildSteps> Steps)> { ("Publish", image => image.PublishSteps) };
        if (!run.Plan.BakesAreTheSame)
        {
            bakes.Insert(0, ("BuildWithCache", image => image.BuildWithCache));
        }

        var lines = new List<string>();
        foreach (var (heading, steps) in bakes)
        {
            var targets = run.Plan.Images.Select(image => new KeyValuePair<string, BuildxBuildSettings>(image.Name, steps(image).Build())).ToList();
            var bake = Bake(run, heading, targets, userFile);
            lines.AddRange(bake);
            if (bake.Count > 0 && bake[^1].StartsWith("Merged definition: needs buildx", StringComparison.Ordinal))
            {
                break;
            }
        }

        return lines;
    }

    private static List<string> Bake(BuildxCacheRun run, string heading, List<KeyValuePair<string, BuildxBuildSettings>> targets, bool userFile)
    {
        var placeholder = userFile ? OverridePlaceholder : RunPlan.BakeDefinitionPlaceholder;
        var definitionFile = new FilePath(System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"buildx-cache-bake-{Guid.NewGuid():N}.json"));
        try
        {
            var bake = BakeBuild.Command(run, targets, definitionFile);
            var first = targets[0].Value;
            bake.Builder = first.Builder;
            bake.MetadataFile = first.MetadataFile;
            bake.Progress = first.Progress;
            var lines = new List<string>
            {
                $"Bake ({heading}):",
                "  " + new CommandLines(run).Of(bake).Replace(definitionFile.FullPath, placeholder, StringComparison.Ordinal),
            };
            if (!userFile)
            {
                lines.Add($"Definition ({placeholder}, written by the module for the bake):");
                lines.AddRange(File.ReadAllLines(definitionFile.FullPath).Select(line => "  " + line));
                return lines;
            }

            var print = new BakeFileSettings { Print = true, Progress = "quiet", WorkingDirectory = run.Environment.WorkingDirectory };
            foreach (var file in bake.Files)
            {
                print.Files.Add(file.FullPath);
            }

            foreach (var target in bake.Targets)
            {
                print.Targets.Add(target);
            }

            var printed = new BakeFileRunner(run.FileSystem, run.Environment, run.ProcessRunner, run.Tools).Run(print);
            lines.Add(printed.Succeeded
                ? "Merged definition (docker buildx bake -f <the bake file> -f " + OverridePlaceholder + " --print; cache-from: each image's whole chain):"
                : "Merged definition: buildx could not print it:");
            lines.AddRange((printed.Succeeded ? printed.Output : printed.Lines).Select(line => "  " + line.Replace(definitionFile.FullPath, OverridePlaceholder, StringComparison.Ordinal)));
            return lines;
        }
        catch (CakeException exception)
        {
            return [$"Merged definition: needs buildx ({exception.Message})"];
        }
        finally
        {
            File.Delete(definitionFile.FullPath);
        }
    }
}
