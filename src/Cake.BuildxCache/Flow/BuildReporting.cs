using Cake.BuildxCache.Docker.Build;
using Cake.BuildxCache.Pipeline;
using Cake.BuildxCache.Policy;
using Cake.BuildxCache.Registry;
using Cake.BuildxCache.Report;
using Cake.Common.Diagnostics;
using Cake.Core;
using Cake.Core.IO;

namespace Cake.BuildxCache.Flow;

/// <summary>
/// After a build: the cache report (log table, JSON), the pipeline hand-off (GitLab's <c>build.env</c>, GitHub's
/// <c>$GITHUB_OUTPUT</c> and <c>$GITHUB_STEP_SUMMARY</c>) and the cache-hit requirement.
/// </summary>
internal static class BuildReporting
{
    /// <summary>Reports a successful build; fails the run when <c>--require-cache-hit</c> is not met.</summary>
    /// <param name="context">The build context.</param>
    /// <param name="plan">The plan as built (with the cache-from refs actually passed).</param>
    /// <param name="report">What the build's progress said.</param>
    /// <param name="metadata">The build's metadata, or null.</param>
    /// <param name="counts">The step counts (BuildKit's build record's, or the progress output's), with where they came from.</param>
    /// <param name="image">How a reproducible push compares with what its tags pointed at before, or null.</param>
    /// <param name="promotion">What <c>--cache-promote</c> did, or null.</param>
    /// <param name="miss">The first step of a warm build that ran and its likely cause, or null.</param>
    /// <param name="cacheMounts">What was done for each carried cache mount, or null.</param>
    /// <exception cref="CakeException">A warm build hit the cache less than required.</exception>
    public static void Report(ICakeContext context, BuildPlan plan, BuildReport report, BuildMetadata? metadata, StepCounts counts, ImageChange? image = null, PromotionResult? promotion = null, CacheMiss? miss = null, IReadOnlyList<CacheMountFigures>? cacheMounts = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(report);
        var summary = BuildSummary.From(report) with { Counts = counts, Miss = miss };
        context.Information("{0}", PlainTextReport.Render(summary));
        if (image is not null)
        {
            context.Information("{0}", image.Message);
        }

        ArtifactFile.Write(context.FileSystem, Absolute(context, ArtifactPaths.Report), CacheMountReport.AddTo(PromotionReport.AddTo(JsonReport.Render(report, counts, image, miss), promotion), cacheMounts));

        // One hand-off, three readers: GitLab's dotenv report, GitHub's step outputs and its job summary.
        var handOff = BuildHandOff.From(plan, metadata, image, promotion);
        if (handOff is { Platform: { } platform, Digest: { } pushed })
        {
            // A fan-out job's digest, for Merge: one file per platform, so the jobs' artifacts gathered in one folder never collide.
            var file = ArtifactPaths.FanOut(platform);
            ArtifactFile.Write(context.FileSystem, Absolute(context, file), FanOutFile.Render(new PlatformImage(platform, plan.Image, pushed, plan.Refs.Sha, file)));
            context.Information("fan-out: {0} pushed by digest as {1}@{2} (no tag moved); the Merge task joins it from {3}", platform, plan.Image, pushed, file);
        }

        HandOn(context, handOff, summary, cacheMounts);
        if (plan.RequireCacheHit is { } required)
        {
            var verdict = CacheHitRequirement.Check(report, required);
            if (verdict.Checked && !verdict.Passed)
            {
                throw new CakeException(verdict.Message);
            }

            context.Information("{0}", verdict.Message);
        }
    }

    /// <summary>Hands a result to the pipeline: GitLab's <c>build.env</c>, GitHub's step outputs and job summary.</summary>
    /// <param name="context">The build context.</param>
    /// <param name="handOff">The result.</param>
    /// <param name="summary">The cache report's numbers, or null (Merge builds nothing).</param>
    /// <param name="cacheMounts">What was done for each carried cache mount, or null.</param>
    public static void HandOn(ICakeContext context, BuildHandOff handOff, BuildSummary? summary, IReadOnlyList<CacheMountFigures>? cacheMounts = null) =>
        HandOn(context, handOff, JobSummary.Render(handOff, summary) + CacheMountReport.Markdown(cacheMounts));

    /// <summary>Hands a result to the pipeline, with the job summary given (Merge's shows its platforms).</summary>
    /// <param name="context">The build context.</param>
    /// <param name="handOff">The result.</param>
    /// <param name="jobSummary">The Markdown for GitHub's job summary.</param>
    public static void HandOn(ICakeContext context, BuildHandOff handOff, string jobSummary) => HandOn(context, [handOff], jobSummary);

    /// <summary>Hands the results of several declared images to the pipeline, each under its own names, in one of each file.</summary>
    /// <param name="context">The build context.</param>
    /// <param name="handOffs">The results.</param>
    /// <param name="jobSummary">The Markdown for GitHub's job summary.</param>
    public static void HandOn(ICakeContext context, IReadOnlyList<BuildHandOff> handOffs, string jobSummary)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(handOffs);
        ArgumentNullException.ThrowIfNull(jobSummary);
        try
        {
            ArtifactFile.Write(context.FileSystem, Absolute(context, ArtifactPaths.BuildEnv), BuildEnvFile.Render(handOffs));
        }
        catch (DotenvException exception)
        {
            context.Warning("{0} not written: {1}", ArtifactPaths.BuildEnv, exception.Message);
        }

        if (context.Environment.GetEnvironmentVariable("GITHUB_OUTPUT") is { Length: > 0 } stepOutputs)
        {
            ArtifactFile.Append(context.FileSystem, new FilePath(stepOutputs), GitHubOutputFile.Render(GitHubOutputs.Of(handOffs), GitHubOutputFile.NewDelimiter()));
        }

        if (context.Environment.GetEnvironmentVariable("GITHUB_STEP_SUMMARY") is { Length: > 0 } stepSummary)
        {
            ArtifactFile.Append(context.FileSystem, new FilePath(stepSummary), jobSummary);
        }
    }

    /// <summary>Names the failed steps of a build that failed, and writes the report for the pipeline.</summary>
    /// <param name="context">The build context.</param>
    /// <param name="report">What the build's progress said.</param>
    public static void ReportFailure(ICakeContext context, BuildReport report)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(report);
        foreach (var step in report.FailedSteps)
        {
            context.Error("failed step: {0}{1}", step.Name, step.Error is { } error ? ": " + error : string.Empty);
        }

        ArtifactFile.Write(context.FileSystem, Absolute(context, ArtifactPaths.Report), JsonReport.Render(report));
    }

    private static FilePath Absolute(ICakeContext context, string path) => new FilePath(path).MakeAbsolute(context.Environment);
}
