using Cake.BuildxCache.Docker;
using Cake.BuildxCache.Docker.Bake;
using Cake.BuildxCache.Options;
using Cake.Core;
using Cake.Core.IO;

namespace Cake.BuildxCache.Flow;

/// <summary>
/// Reads the user's bake file (<c>--bake-file</c>, <c>--bake-target</c>) through the real buildx: there is no HCL parser
/// without it. <c>docker buildx bake -f FILE… --print --progress=quiet [TARGET…]</c> prints the resolved definition
/// (variables, functions, inheritance, compose files all done by buildx), which <see cref="BakeFileImages"/> maps to
/// images. When buildx cannot find a target, <c>--list=type=targets,format=json</c> names the ones the file has. Nothing
/// is built; the caller refuses the run on any problem before anything else runs.
/// </summary>
internal static class BakeFileReading
{
    /// <summary>The failures that say buildx itself is missing (the docker CLI's words for an unknown plugin command).</summary>
    private static readonly string[] BuildxMissing = ["'buildx' is not a docker command", "unknown command: docker buildx", "unknown command \"buildx\""];

    /// <summary>Reads the images of the bake file the options name.</summary>
    /// <param name="context">Cake's context.</param>
    /// <param name="processRunner">Starts docker.</param>
    /// <param name="options">The options (<c>--bake-file</c>, <c>--bake-target</c>).</param>
    /// <param name="workingDirectory">Where buildx runs: bake resolves the files and their relative contexts from there.</param>
    /// <returns>The images, or the problems, or why buildx could not be asked.</returns>
    public static BakeFileReadout Read(ICakeContext context, IProcessRunner processRunner, BuildxCacheOptions options, DirectoryPath workingDirectory)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(processRunner);
        ArgumentNullException.ThrowIfNull(options);
        var files = options.BakeFiles;
        if (files.Count == 0)
        {
            return new([], []);
        }

        var runner = new BakeFileRunner(context.FileSystem, context.Environment, processRunner, context.Tools);
        var print = Settings(files, workingDirectory);
        print.Print = true;
        foreach (var target in options.BakeTargets)
        {
            print.Targets.Add(target);
        }

        DockerCommandResult result;
        try
        {
            result = runner.Run(print);
        }
        catch (CakeException exception)
        {
            return Unavailable(files, exception.Message);
        }

        if (!result.Succeeded)
        {
            if (BuildxMissing.Any(result.Mentions))
            {
                return Unavailable(files, string.Join(" ", result.Lines).Trim());
            }

            if (BakeFileFailure.MissingTarget(result.Lines) is { } missing)
            {
                var list = Settings(files, workingDirectory);
                list.List = "type=targets,format=json";
                var listed = runner.Run(list);
                return BakeFileReadout.Refused(BakeFileFailure.UnknownTarget(missing, listed.Succeeded ? string.Join('\n', listed.Output) : null));
            }

            return BakeFileReadout.Refused(BakeFileFailure.Unreadable(result.Lines));
        }

        try
        {
            return BakeFileImages.Map(PrintedBakeDefinition.Parse(string.Join('\n', result.Output)), files);
        }
        catch (FormatException exception)
        {
            return BakeFileReadout.Refused($"docker buildx bake --print printed {exception.Message}");
        }
    }

    private static BakeFileSettings Settings(IReadOnlyList<string> files, DirectoryPath workingDirectory)
    {
        var settings = new BakeFileSettings { Progress = "quiet", WorkingDirectory = workingDirectory };
        foreach (var file in files)
        {
            settings.Files.Add(file);
        }

        return settings;
    }

    private static BakeFileReadout Unavailable(IReadOnlyList<string> files, string why) =>
        new([], []) { Unavailable = $"the bake file {string.Join(", ", files)} cannot be read, nor the merged definition printed, without buildx (docker buildx bake --print): {why}" };
}
