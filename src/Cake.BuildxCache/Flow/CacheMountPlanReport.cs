using Cake.BuildxCache.Policy;
using Cake.Core.IO;

namespace Cake.BuildxCache.Flow;

/// <summary>Plan's block on the cache mounts: which ones, from and to which refs, the helper builds' Dockerfiles and exact commands.</summary>
internal static class CacheMountPlanReport
{
    /// <summary>Where Plan shows the helpers' directory (a new temporary folder at run time).</summary>
    private const string Folder = "/tmp/buildx-cache-mount-XXXXXX";

    /// <summary>How Plan shows the helpers' <see cref="CacheMountHelpers.RunArg"/> (a new value each run).</summary>
    private const string RunValue = "<new each run>";

    /// <summary>The block's lines.</summary>
    /// <param name="mounts">The mounts' plan.</param>
    /// <param name="commands">Renders command lines.</param>
    /// <returns>The lines.</returns>
    public static IEnumerable<string> Lines(CacheMountsPlan mounts, CommandLines commands)
    {
        ArgumentNullException.ThrowIfNull(mounts);
        ArgumentNullException.ThrowIfNull(commands);
        if (mounts.IsNothing)
        {
            yield break;
        }

        yield return "Cache mounts";
        foreach (var note in mounts.Notes)
        {
            yield return "  why:            " + note;
        }

        var folder = new DirectoryPath(Folder);
        foreach (var mount in mounts.Mounts)
        {
            yield return $"  {mount.Mount.Id}:";
            // At run time the image is pinned by the digest the registry named: the tag is replaced by it.
            var first = mount.From[0].Ref;
            var seed = first[..first.LastIndexOf(':')] + "@<digest>";
            yield return $"    before the build, when one of its refs exists (the first; here {seed}), {Folder}/Dockerfile:";
            foreach (var line in Lines(CacheMountHelpers.ImportDockerfile(mounts, mount, seed)))
            {
                yield return "      " + line;
            }

            yield return "    " + commands.Of(CacheMountHelpers.Import(mounts, folder, RunValue));
            if (mount.WriteRef is null)
            {
                yield return "    after the build: nothing (" + (mounts.ReadOnlyReason ?? "the build writes no cache") + ")";
                continue;
            }

            yield return $"    after a successful build, {Folder}/Dockerfile:";
            foreach (var line in Lines(CacheMountHelpers.ExportDockerfile(mounts, mount)))
            {
                yield return "      " + line;
            }

            yield return "    " + commands.Of(CacheMountHelpers.Measure(mounts, folder, RunValue));
            yield return $"    then, when the content differs from the imported image's record and is at most {CacheMountContent.Describe(mounts.MaxBytes)}:";
            yield return "    " + commands.Of(CacheMountHelpers.Export(mounts, folder, mount.WriteRef, RunValue));
        }
    }

    private static IEnumerable<string> Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
