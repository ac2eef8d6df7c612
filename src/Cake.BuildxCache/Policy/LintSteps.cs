using Cake.BuildxCache.Docker.Build;
using Cake.BuildxCache.Docker.Buildx;

namespace Cake.BuildxCache.Policy;

/// <summary>
/// Lint's step: <c>docker buildx build --call=check</c> over the build's Dockerfile, stage, platforms, build arguments
/// and contexts; nothing is built, tagged, cached or pushed. buildx (0.15+, <c>commands/build.go</c>
/// <c>printResult</c>) exits with the check's status code, 1 when there is a warning (BuildKit
/// <c>frontend/subrequests/lint</c>, <c>result.statuscode</c>), unless <c>ignorestatus=true</c>; a Dockerfile that
/// cannot be parsed fails either way. (<c>error=true</c> is not a <c>--call</c> field: buildx refuses it as
/// "invalid print field"; it belongs to the Dockerfile's <c># check=error=true</c> directive.)
/// </summary>
/// <param name="Plan">The build plan.</param>
/// <param name="FailOnWarnings">True to fail on a warning (<c>--lint-fail-on-warnings</c>).</param>
public sealed record LintSteps(BuildPlan Plan, bool FailOnWarnings)
{
    /// <summary>The check with status: exits 1 on a warning.</summary>
    public const string FailingCall = "check";

    /// <summary>The check that reports warnings and exits 0.</summary>
    public const string ReportingCall = "check,ignorestatus=true";

    /// <summary>The steps, with the condition under which the task fails.</summary>
    public IReadOnlyList<PlanStep> Steps =>
        [new(Build(), FailOnWarnings ? "fails on a check warning (--lint-fail-on-warnings)" : "warnings are logged; only a Dockerfile that cannot be read fails")];

    /// <summary>The check's settings.</summary>
    /// <param name="version">buildx's version, when known.</param>
    /// <returns>The settings.</returns>
    public BuildxBuildSettings Build(BuildxVersion? version = null)
    {
        var build = DockerCommands.Build(Plan with { Tags = [], Labels = [], CacheFrom = [], CacheTo = null, Output = OutputMode.None }, [], version);
        var settings = new BuildxBuildSettings
        {
            Builder = build.Builder,
            File = build.File,
            Target = build.Target,
            Call = FailOnWarnings ? FailingCall : ReportingCall,
            Progress = "plain",
            ContextPath = build.ContextPath,
        };
        foreach (var platform in build.Platforms)
        {
            settings.Platforms.Add(platform);
        }

        foreach (var (key, value) in build.BuildArgs)
        {
            settings.BuildArgs[key] = value;
        }

        foreach (var (name, value) in build.BuildContexts)
        {
            settings.BuildContexts[name] = value;
        }

        return settings;
    }
}
