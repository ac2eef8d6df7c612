using System.Text;
using Cake.BuildxCache.Docker.Build;
using Cake.Core.IO;

namespace Cake.BuildxCache.Policy;

/// <summary>
/// The helper builds that carry a cache mount, on the build's own builder (a cache mount lives in one builder, keyed by
/// its id): before the build, one fills the mount from its image; after it, one measures the content (a digest of
/// names and contents, the bytes, the files) into a small local output, and, when <see cref="CacheMountPolicy.Export"/>
/// says so, one pushes the content as an image. Each runs a shell in the stage's own base image (the build pulls it
/// anyway) and mounts only the cache mount: no secret, no SSH socket, no build context. Only the mount's folder is
/// copied into the image.
/// </summary>
internal static class CacheMountHelpers
{
    /// <summary>Where the helpers mount the cache mount.</summary>
    public const string MountPath = "/buildx-cache-mount";

    /// <summary>The import helper's only stage (run anew each time through <see cref="RunArg"/>: the mount is the point, not the stage's result).</summary>
    public const string ImportStage = "buildx-cache-mount-import";

    /// <summary>The export helpers' stage that copies the content out of the mount (run anew by the measuring build).</summary>
    public const string CopyStage = "buildx-cache-mount-copy";

    /// <summary>The stage the measuring build outputs: the file <see cref="ContentFile"/>.</summary>
    public const string MeasureStage = "buildx-cache-mount-measure";

    /// <summary>The stage the export build pushes: the content alone, at the image's root.</summary>
    public const string ContentStage = "buildx-cache-mount-content";

    /// <summary>The measuring build's file: the digest, the bytes and the files, separated by spaces.</summary>
    public const string ContentFile = "content";

    /// <summary>
    /// The build argument that makes each helper run anew: a new value every run. Not <c>--no-cache-filter</c>, which
    /// makes BuildKit give the stage's cache mounts a new, empty folder.
    /// </summary>
    public const string RunArg = "BUILDX_CACHE_MOUNT_RUN";

    private const string SeedPath = "/buildx-cache-mount-seed";
    private const string OutPath = "/buildx-cache-mount-out";

    /// <summary>
    /// The import helper's Dockerfile: copies <paramref name="seedRef"/>'s files into the mount, entry by entry, so the
    /// mount's folder keeps the owner and mode BuildKit gave it (<c>uid</c>, <c>gid</c>, <c>mode</c>); a copy of the
    /// image's root would give it the root's.
    /// </summary>
    /// <param name="plans">The mounts' plan.</param>
    /// <param name="mount">The mount.</param>
    /// <param name="seedRef">The mount image to fill it from (pinned by digest at run time).</param>
    /// <returns>The Dockerfile.</returns>
    public static string ImportDockerfile(CacheMountsPlan plans, CacheMountPlan mount, string seedRef)
    {
        ArgumentNullException.ThrowIfNull(plans);
        ArgumentNullException.ThrowIfNull(mount);
        ArgumentNullException.ThrowIfNull(seedRef);
        var text = Head(plans);
        text.Append("FROM ").Append(mount.Mount.BaseImage).Append(" AS ").AppendLine(ImportStage);
        text.Append("ARG ").AppendLine(RunArg);
        text.Append("RUN --mount=").Append(mount.Mount.MountOption(MountPath))
            .Append(" --mount=type=bind,from=").Append(seedRef).Append(",target=").Append(SeedPath)
            .Append(" find ").Append(SeedPath).Append(" -mindepth 1 -maxdepth 1 -exec cp -a {} ").Append(MountPath).AppendLine("/ ';'");
        return text.ToString();
    }

    /// <summary>
    /// The export helpers' Dockerfile: a stage that copies the mount's folder out and measures it, a stage with the
    /// measure alone, and a stage with the content alone.
    /// </summary>
    /// <param name="plans">The mounts' plan.</param>
    /// <param name="mount">The mount.</param>
    /// <returns>The Dockerfile.</returns>
    public static string ExportDockerfile(CacheMountsPlan plans, CacheMountPlan mount)
    {
        ArgumentNullException.ThrowIfNull(plans);
        ArgumentNullException.ThrowIfNull(mount);
        var text = Head(plans);
        text.Append("FROM ").Append(mount.Mount.BaseImage).Append(" AS ").AppendLine(CopyStage);
        text.Append("ARG ").AppendLine(RunArg);

        // The digest covers names and contents (sorted, so the order files were written in does not count), not times:
        // a restore that rewrote the same files exports nothing.
        text.Append("RUN --mount=").Append(mount.Mount.MountOption(MountPath))
            .Append(" mkdir -p ").Append(OutPath).Append("/files && cp -a ").Append(MountPath).Append("/. ").Append(OutPath).Append("/files/")
            .Append(" && cd ").Append(OutPath).Append("/files")
            .Append(" && d=$({ find . | LC_ALL=C sort; find . -type f -exec sha256sum {} + | LC_ALL=C sort; } | sha256sum | cut -c1-64)")
            .Append(" && s=$(find . -type f -exec stat -c %s {} + | awk '{ s += $1 } END { print s + 0, NR }')")
            .Append(" && echo \"$d $s\" > ").Append(OutPath).Append('/').AppendLine(ContentFile);
        text.Append("FROM scratch AS ").AppendLine(MeasureStage);
        text.Append("COPY --from=").Append(CopyStage).Append(' ').Append(OutPath).Append('/').Append(ContentFile).Append(" /").AppendLine(ContentFile);
        text.Append("FROM scratch AS ").AppendLine(ContentStage);
        text.Append("COPY --from=").Append(CopyStage).Append(' ').Append(OutPath).AppendLine("/files/ /");
        return text.ToString();
    }

    /// <summary>The import helper's command: the Dockerfile in <paramref name="directory"/>, an empty context, nothing output but the mount.</summary>
    /// <param name="plans">The mounts' plan.</param>
    /// <param name="directory">The helper's directory (its Dockerfile, an empty <c>context</c> folder).</param>
    /// <param name="run">A value new to this run (<see cref="RunArg"/>).</param>
    /// <returns>The settings.</returns>
    public static BuildxBuildSettings Import(CacheMountsPlan plans, DirectoryPath directory, string run)
    {
        var settings = Common(plans, directory, run);
        settings.Outputs.Add("type=cacheonly");
        return settings;
    }

    /// <summary>The measuring build's command: copies the mount out (anew) and writes <see cref="ContentFile"/> to <c>measure/</c>.</summary>
    /// <param name="plans">The mounts' plan.</param>
    /// <param name="directory">The helper's directory.</param>
    /// <param name="run">A value new to this run (<see cref="RunArg"/>); the export build takes the same.</param>
    /// <returns>The settings.</returns>
    public static BuildxBuildSettings Measure(CacheMountsPlan plans, DirectoryPath directory, string run)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var settings = Common(plans, directory, run);
        settings.Target = MeasureStage;
        settings.Outputs.Add("type=local,dest=" + directory.Combine("measure").FullPath);
        return settings;
    }

    /// <summary>The export build's command: pushes the content the measuring build copied (its copy stage is cached) to <paramref name="mountRef"/>.</summary>
    /// <param name="plans">The mounts' plan.</param>
    /// <param name="directory">The helper's directory (the metadata file goes there).</param>
    /// <param name="mountRef">The mount image's ref.</param>
    /// <param name="run">The measuring build's <see cref="RunArg"/> value, so that its copy is what is pushed.</param>
    /// <returns>The settings.</returns>
    public static BuildxBuildSettings Export(CacheMountsPlan plans, DirectoryPath directory, string mountRef, string run)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(mountRef);
        var settings = Common(plans, directory, run);
        settings.Target = ContentStage;
        settings.Provenance = "false";
        settings.MetadataFile = directory.CombineWithFilePath("metadata.json");
        settings.Outputs.Add($"type=image,name={mountRef},push=true,oci-mediatypes=true,compression={plans.Compression},force-compression=true");
        return settings;
    }

    private static BuildxBuildSettings Common(CacheMountsPlan plans, DirectoryPath directory, string run)
    {
        ArgumentNullException.ThrowIfNull(plans);
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(run);
        var settings = new BuildxBuildSettings
        {
            Builder = plans.Builder,
            File = directory.CombineWithFilePath("Dockerfile"),
            ContextPath = directory.Combine("context").FullPath,
            Progress = "plain",
        };
        foreach (var (key, value) in plans.BuildArgs)
        {
            settings.BuildArgs[key] = value;
        }

        settings.BuildArgs[RunArg] = run;
        return settings;
    }

    private static StringBuilder Head(CacheMountsPlan plans)
    {
        var text = new StringBuilder();
        foreach (var line in plans.GlobalArgs)
        {
            text.Append("ARG ").AppendLine(line);
        }

        return text;
    }
}
