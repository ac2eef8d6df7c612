using Cake.BuildxCache.Docker.Imagetools;
using Cake.BuildxCache.Pipeline;
using Cake.BuildxCache.Policy;
using Cake.BuildxCache.Registry;
using Cake.Common.Diagnostics;
using Cake.Core;
using Cake.Core.IO;

namespace Cake.BuildxCache.Flow;

/// <summary>
/// The Merge task: reads the fan-out jobs' hand-off files, hands them to <see cref="MergePolicy"/> (which refuses, naming
/// the missing platforms, before anything is pushed), reads each platform image and each tag from the registry, runs
/// <c>docker buildx imagetools create</c> unless the tags hold these image manifests already, reads the tags back and
/// checks the index, and hands the result on as a build does.
/// </summary>
internal static class MergeRun
{
    /// <summary>Runs the merge.</summary>
    /// <param name="run">The run.</param>
    /// <param name="plan">The merge plan.</param>
    /// <returns>The hand-off, or null when nothing was merged (the plan does not push).</returns>
    /// <exception cref="CakeException">A platform is missing, stale or not in the registry (nothing moved), or the index read back is not the one meant.</exception>
    public static async Task<BuildHandOff?> RunAsync(BuildxCacheRun run, MergePlan plan)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(plan);
        run.EnsureValid();
        if (plan.Output != OutputMode.Push)
        {
            run.Information("Nothing merged: the image is not pushed ({0}).", plan.OutputReason);
            return null;
        }

        // A report handed on with the fan-out jobs' artifacts is theirs: it must not pass for this Merge's.
        var staleReport = new FilePath(ArtifactPaths.Report).MakeAbsolute(run.Environment);
        if (run.FileSystem.Exist(staleReport))
        {
            run.FileSystem.GetFile(staleReport).Delete();
        }

        var (found, unreadable) = ReadHandOffs(run);
        var selection = MergePolicy.Collect(plan, found, unreadable);
        if (selection.Refused)
        {
            throw Refusal(selection.Problems);
        }

        using var client = RegistryAccess.Client(run);
        var identities = await Task.WhenAll(selection.Sources.Select(source => client.GetImageIdentityAsync(RepositoryReference.Parse(source.Pinned)))).ConfigureAwait(false);
        var absent = selection.Sources.Zip(identities).Where(pair => pair.Second is null).Select(pair => $"{pair.First.Platform}: {pair.First.Pinned} ({pair.First.Source}) is not in the registry").ToList();
        if (absent.Count > 0)
        {
            throw Refusal(absent);
        }

        var sources = selection.Sources.Zip(identities, (source, identity) => new KeyValuePair<PlatformImage, ImageIdentity>(source, identity!)).ToList();
        foreach (var (source, identity) in sources)
        {
            run.Information("merge: {0} {1} from {2} (image manifest {3})", source.Platform, source.Pinned, source.Source, string.Join(", ", identity.ImageManifests));
        }

        // The image itself must say it is this commit's: its revision label, whatever the hand-off says.
        var revisions = await Task.WhenAll(sources.Select(async pair => new KeyValuePair<string, IReadOnlyList<string?>>(
            pair.Key.Platform,
            await Task.WhenAll(pair.Value.ImageManifests.Select(manifest => client.GetImageLabelAsync(RepositoryReference.Parse(pair.Key.Image + "@" + manifest), MergePolicy.RevisionLabel))).ConfigureAwait(false)))).ConfigureAwait(false);
        var foreign = MergePolicy.CheckRevisions(plan, revisions);
        if (foreign.Count > 0)
        {
            throw Refusal(foreign);
        }

        var before = await ReadTagsAsync(client, plan.Tags).ConfigureAwait(false);
        var change = MergePolicy.Change(plan, [.. sources.Select(pair => pair.Value)], before);
        if (!change.IsUnchanged)
        {
            run.BuildxImagetoolsCreate(plan.Create(sources.Select(pair => pair.Key.Pinned)));
        }

        var after = await ReadTagsAsync(client, plan.Tags).ConfigureAwait(false);
        var problems = MergePolicy.Verify(plan, sources, after);
        if (problems.Count > 0)
        {
            throw new CakeException("Merge: the index read back is not the one meant: " + string.Join("; ", problems));
        }

        var digest = after.Select(pair => pair.Value?.Digest).OfType<string>().FirstOrDefault();
        run.Information("{0}", change.IsUnchanged ? change.Message : $"{change.Message}; merged {digest}");
        run.Information("Merged {0}@{1}: {2} under {3}.", plan.Image, digest, string.Join(", ", plan.Platforms), string.Join(", ", plan.Tags));
        var handOff = new BuildHandOff(plan.Image, digest, plan.Tags, [], null)
        {
            Platforms = plan.Platforms,
            ImageVerdict = change.IsUnchanged ? BuildHandOff.Unchanged : BuildHandOff.Changed,
            ImageVerdictWhy = change.Message,
        };
        var report = new MergeReport(plan.Image, digest, [.. sources.Select(pair => pair.Key)], plan.Tags, !change.IsUnchanged, change.Message);
        ArtifactFile.Write(run.FileSystem, new FilePath(ArtifactPaths.Report).MakeAbsolute(run.Environment), report.ToJson());
        BuildReporting.HandOn(run, handOff, report.ToMarkdown());
        return handOff;
    }

    private static CakeException Refusal(IReadOnlyList<string> problems) =>
        new("Merge refused, nothing was pushed and no tag moved: " + string.Join("; ", problems));

    private static async Task<IReadOnlyList<KeyValuePair<string, ImageIdentity?>>> ReadTagsAsync(RegistryClient client, IReadOnlyList<string> tags)
    {
        var identities = await Task.WhenAll(tags.Select(tag => client.GetImageIdentityAsync(RepositoryReference.Parse(tag)))).ConfigureAwait(false);
        return [.. tags.Zip(identities, (tag, identity) => new KeyValuePair<string, ImageIdentity?>(tag, identity))];
    }

    // The fan-out jobs' files in artifacts/, as the pipeline gathered them; a file that cannot be read is named, not skipped.
    private static (IReadOnlyList<PlatformImage> Found, IReadOnlyList<string> Unreadable) ReadHandOffs(ICakeContext context)
    {
        var folder = context.FileSystem.GetDirectory(new DirectoryPath(ArtifactPaths.Folder).MakeAbsolute(context.Environment));
        if (!folder.Exists)
        {
            return ([], []);
        }

        var found = new List<PlatformImage>();
        var unreadable = new List<string>();
        foreach (var file in folder.GetFiles(ArtifactPaths.FanOutPrefix + "*.json", SearchScope.Current).OrderBy(file => file.Path.FullPath, StringComparer.Ordinal))
        {
            using var reader = new StreamReader(file.OpenRead());
            var (image, problem) = FanOutFile.Parse(reader.ReadToEnd(), ArtifactPaths.Folder + "/" + file.Path.GetFilename().FullPath);
            if (image is not null)
            {
                found.Add(image);
            }
            else
            {
                unreadable.Add(problem!);
            }
        }

        return (found, unreadable);
    }
}
