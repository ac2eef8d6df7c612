using System.Collections.Immutable;
using Cake.BuildxCache.Docker.Bake;
using Cake.BuildxCache.Options;

namespace Cake.BuildxCache.Policy;

/// <summary>
/// Lint's step for the user's bake file: one <c>docker buildx bake -f FILE… --call=check [TARGET…]</c> on the builder,
/// which checks every target's Dockerfile, stage, arguments and contexts as the file resolves them, and reports per target.
/// Nothing is built, tagged, cached or pushed. As <see cref="LintSteps"/>, <c>check</c> exits 1 on a warning and
/// <c>check,ignorestatus=true</c> reports and exits 0; a Dockerfile that cannot be checked fails either way.
/// </summary>
/// <param name="Files">The bake files (<c>--bake-file</c>).</param>
/// <param name="Targets">The targets or groups (<c>--bake-target</c>; empty for the default group).</param>
/// <param name="Builder">The builder.</param>
/// <param name="FailOnWarnings">True to fail on a warning (<c>--lint-fail-on-warnings</c>).</param>
internal sealed record BakeLintSteps(ImmutableArray<string> Files, ImmutableArray<string> Targets, string Builder, bool FailOnWarnings)
{
    /// <summary>The steps, with the condition under which the task fails.</summary>
    public IReadOnlyList<PlanStep> Steps =>
        [new(Settings(), FailOnWarnings ? "fails on a check warning of any target (--lint-fail-on-warnings)" : "warnings are logged per target; only a Dockerfile that cannot be checked fails")];

    /// <summary>The check of the bake file the options name, on <paramref name="builder"/>, or null without <c>--bake-file</c>.</summary>
    /// <param name="options">The options.</param>
    /// <param name="builder">The builder.</param>
    /// <returns>The steps, or null.</returns>
    public static BakeLintSteps? Of(BuildxCacheOptions options, string builder)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.BakeFiles.Count == 0 ? null : new([.. options.BakeFiles], [.. options.BakeTargets], builder, options.LintFailOnWarnings);
    }

    /// <summary>The check's settings.</summary>
    /// <returns>The settings.</returns>
    public BakeFileSettings Settings()
    {
        var settings = new BakeFileSettings
        {
            Builder = Builder,
            Call = FailOnWarnings ? LintSteps.FailingCall : LintSteps.ReportingCall,
            Progress = "plain",
        };
        foreach (var file in Files)
        {
            settings.Files.Add(file);
        }

        foreach (var target in Targets)
        {
            settings.Targets.Add(target);
        }

        return settings;
    }
}
