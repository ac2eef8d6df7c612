using System.Text;
using System.Text.Json;
using Cake.BuildxCache.Docker.Bake;
using Cake.BuildxCache.Docker.Build;
using Cake.BuildxCache.Docker.Buildx;
using Cake.BuildxCache.Pipeline;
using Cake.BuildxCache.Policy;
using Cake.BuildxCache.Report;
using Cake.Common.Diagnostics;
using Cake.Common.IO;
using Cake.Core;
using Cake.Core.Diagnostics;
using Cake.Core.IO;

namespace Cake.BuildxCache.Flow;

/// <summary>
/// The one <c>docker buildx bake</c> of a run's declared images: each image's hooks run before it (as around a single
/// build), the definition (<see cref="BakeDefinition"/>, one target per image with the settings its single build would
/// have) goes to a temporary file, bake builds every target in one solve on the builder, and each image's hooks run
/// after it with that image's metadata (buildx writes one object per target). The report lists each image; then
/// <c>--require-cache-hit</c> is checked for each, failing the run naming every image that missed.
/// </summary>
internal static class BakeBuild
{
    /// <summary>Runs the bake.</summary>
    /// <param name="run">The run.</param>
    /// <param name="images">Each image's name and build steps (BuildWithCache's or Publish's).</param>
    /// <param name="version">The buildx version when EnsureBuilder ran.</param>
    /// <returns>What each image's build produced, by image name.</returns>
    public static async Task<IReadOnlyList<KeyValuePair<string, BuildOutcome>>> RunAsync(
        BuildxCacheRun run, IReadOnlyList<KeyValuePair<string, BuildSteps>> images, BuildxVersion? version)
    {
        run.EnsureValid();
        var builds = new List<(string Name, BuildInProgress Build, IReadOnlyList<BuildHook> Hooks, BuildxBuildSettings Settings)>();
        foreach (var (name, steps) in images)
        {
            var build = new BuildInProgress(run, steps, version);
            var hooks = run.HooksFor(steps.Plan);
            foreach (var hook in hooks)
            {
                await hook.BeforeBuildAsync(build).ConfigureAwait(false);
            }

            builds.Add((name, build, hooks, steps.Build(build.CacheFrom, version)));
            run.Information("{0}: cache from {1}; cache to {2}", name, build.CacheFrom.Count == 0 ? "none" : string.Join("  ", build.CacheFrom.Select(spec => spec.Ref)), steps.Plan.CacheTo?.Ref ?? "none (read-only)");
        }

        var first = builds[0].Settings;
        var metadataFile = first.MetadataFile!.MakeAbsolute(run.Environment);
        run.EnsureDirectoryExists(metadataFile.GetDirectory());
        if (run.FileExists(metadataFile))
        {
            run.DeleteFile(metadataFile);
        }

        var definitionFile = new FilePath(System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"buildx-cache-bake-{Guid.NewGuid():N}.json"));
        var progress = new List<string>();
        try
        {
            var settings = Command(run, [.. builds.Select(build => new KeyValuePair<string, BuildxBuildSettings>(build.Name, build.Settings))], definitionFile);
            settings.Builder = first.Builder;
            settings.MetadataFile = metadataFile;
            settings.Progress = first.Progress;
            settings.EnvironmentVariables = first.EnvironmentVariables;
            new BakeRunner(run.FileSystem, run.Environment, run.ProcessRunner, run.Tools).Run(settings, line =>
            {
                progress.Add(line);
                run.Log.Write(Verbosity.Normal, LogLevel.Information, "{0}", line);
            });
        }
        catch (CakeException)
        {
            BuildReporting.ReportFailure(run, BuildProgress.Parse(progress));
            throw;
        }
        finally
        {
            File.Delete(definitionFile.FullPath);
        }

        var metadata = run.FileExists(metadataFile) ? PerTarget(File.ReadAllText(metadataFile.FullPath)) : new Dictionary<string, BuildMetadata>();
        var outcomes = new List<KeyValuePair<string, BuildOutcome>>();
        var reports = new List<KeyValuePair<string, string>>();
        var handOffs = new List<(BuildHandOff HandOff, BuildSummary? Report)>();
        foreach (var (name, build, hooks, _) in builds)
        {
            var plan = build.Plan;
            var own = metadata.GetValueOrDefault(name);
            build.Built(own, BuildProgress.Parse(BakeProgress.ForTarget(progress, name)));
            foreach (var hook in hooks)
            {
                await hook.AfterBuildAsync(build).ConfigureAwait(false);
            }

            var report = build.Report;
            var counts = build.Counts ?? StepCounting.Count(report, null, "BuildKit's build record was not read");
            var image = await build.ImageChange.ConfigureAwait(false);
            var summary = BuildSummary.From(report) with { Counts = counts, Miss = build.Miss };
            run.Information("{0}: built {1}{2}", name, plan.Image, own?.Digest is { } digest ? "@" + digest : string.Empty);
            run.Information("{0}", PlainTextReport.Render(summary));
            reports.Add(new(name, PromotionReport.AddTo(JsonReport.Render(report, counts, image, build.Miss), build.Promotion)));
            outcomes.Add(new(name, new BuildOutcome(metadataFile.FullPath, own, plan.Tags, summary) { Image = image }));
            handOffs.Add((BuildHandOff.From(plan with { CacheFrom = build.CacheFrom }, own, image, build.Promotion) with { ImageName = name }, summary));
        }

        ArtifactFile.Write(run.FileSystem, new FilePath(ArtifactPaths.Report).MakeAbsolute(run.Environment), Reports(reports));
        BuildReporting.HandOn(run, [.. handOffs.Select(image => image.HandOff)], JobSummary.Render(handOffs));

        // --require-cache-hit holds for each image as for a single build, checked once every image is reported.
        var verdicts = builds
            .Where(build => build.Build.Plan.RequireCacheHit is not null)
            .Select(build => new KeyValuePair<string, CacheHitVerdict>(build.Name, CacheHitRequirement.Check(build.Build.Report, build.Build.Plan.RequireCacheHit!.Value)))
            .ToList();
        if (CacheHitRequirement.ImagesFailure(verdicts) is { } failure)
        {
            throw new CakeException(failure);
        }

        foreach (var (name, verdict) in verdicts)
        {
            run.Information("{0}: {1}", name, verdict.Message);
        }

        return outcomes;
    }

    /// <summary>
    /// Writes the definition of <paramref name="targets"/> to <paramref name="definitionFile"/> and returns the bake over
    /// it: without a bake file, the generated definition's <c>default</c> group; with the user's bake file, its files
    /// then the generated override (<c>-f docker-bake.hcl -f override.json</c>, their targets by name), the file
    /// itself untouched.
    /// </summary>
    /// <param name="run">The run.</param>
    /// <param name="targets">Each image's name and build settings.</param>
    /// <param name="definitionFile">Where the generated definition goes (the caller deletes it).</param>
    /// <returns>The settings: files and targets (the caller adds builder, progress…).</returns>
    internal static BakeSettings Command(BuildxCacheRun run, IReadOnlyList<KeyValuePair<string, BuildxBuildSettings>> targets, FilePath definitionFile)
    {
        var userFiles = run.BuildxOptions.BakeFiles;
        File.WriteAllText(definitionFile.FullPath, userFiles.Count == 0 ? BakeDefinition.Json(targets) : BakeDefinition.Override(targets));
        var settings = new BakeSettings();
        foreach (var file in userFiles)
        {
            settings.Files.Add(new FilePath(file).MakeAbsolute(run.Environment));
        }

        settings.Files.Add(definitionFile);
        foreach (var target in userFiles.Count == 0 ? [BakeDefinition.DefaultGroup] : targets.Select(target => target.Key))
        {
            settings.Targets.Add(target);
        }

        return settings;
    }

    // buildx bake's metadata file: one object per target, each as buildx build writes its own.
    private static Dictionary<string, BuildMetadata> PerTarget(string json)
    {
        using var document = JsonDocument.Parse(json);
        var targets = new Dictionary<string, BuildMetadata>(StringComparer.Ordinal);
        foreach (var target in document.RootElement.EnumerateObject().Where(property => property.Value.ValueKind == JsonValueKind.Object))
        {
            targets[target.Name] = BuildMetadataParser.Parse(target.Value.GetRawText());
        }

        return targets;
    }

    private static string Reports(IReadOnlyList<KeyValuePair<string, string>> reports)
    {
        var text = new StringBuilder("{\n  \"images\": {");
        for (var i = 0; i < reports.Count; i++)
        {
            text.Append(i == 0 ? "\n" : ",\n").Append("    ").Append(JsonSerializer.Serialize(reports[i].Key)).Append(": ").Append(reports[i].Value.Trim());
        }

        return text.Append("\n  }\n}\n").ToString();
    }
}
