using Cake.BuildxCache.Docker.Bake;
using Cake.BuildxCache.Docker.Build;
using Cake.Core;
using Cake.Core.IO;

namespace Cake.BuildxCache.Flow;

/// <summary>
/// Plan's lines about building from the user's bake file: Publish's <c>docker buildx bake</c> command (the user's files,
/// then the generated override) and the merged definition buildx itself prints for it (<c>--print</c>: there is no HCL
/// parser without buildx). Cache-from lists each image's whole chain here; the build passes the refs the registry has.
/// None without a readable bake file (<see cref="BakeFilePlan"/> says why).
/// </summary>
internal static class BakeFileMergedPlan
{
    /// <summary>What stands for the generated override's temporary path in the printed command.</summary>
    public const string OverridePlaceholder = "<override.json>";

    /// <summary>The lines.</summary>
    /// <param name="run">The run (its options are valid and its bake file read).</param>
    /// <returns>The lines.</returns>
    public static IEnumerable<string> Lines(BuildxCacheRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var readout = run.BakeFile;
        if (run.BuildxOptions.BakeFiles.Count == 0 || readout.Images.IsEmpty || !readout.Problems.IsEmpty || run.State.Problems.Count > 0)
        {
            return [];
        }

        var targets = run.Plan.Images.Select(image => new KeyValuePair<string, BuildxBuildSettings>(image.Name, image.PublishSteps.Build())).ToList();
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
                "Bake (Publish):",
                "  " + new CommandLines(run).Of(bake).Replace(definitionFile.FullPath, OverridePlaceholder, StringComparison.Ordinal),
            };
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
