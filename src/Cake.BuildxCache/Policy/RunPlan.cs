using Cake.BuildxCache.Options;
using Cake.BuildxCache.Refs;

namespace Cake.BuildxCache.Policy;

/// <summary>
/// Everything a run does, decided once before any task runs: the refs, the build, the builder, and every task's
/// steps. Tasks execute these steps and Plan prints them, so what Plan prints is what runs.
/// </summary>
/// <param name="Refs">Where the build stands.</param>
/// <param name="Images">The images the run builds, each with its two builds (one image today).</param>
/// <param name="Builder">The builder plan.</param>
public sealed record RunPlan(GitRefInfo Refs, IReadOnlyList<ImageBuild> Images, BuilderPlan Builder)
{
    /// <summary>What stands for the definition the module writes for image sections (a temporary file) in Plan's commands.</summary>
    internal const string BakeDefinitionPlaceholder = "<definition.json>";

    /// <summary>The run's image: the first of <see cref="Images"/>, the only one a run builds today.</summary>
    public ImageBuild Image => Images[0];

    /// <summary>The image's build plan of every build but Publish's (BuildWithCache, Default, the <c>BuildxCacheBuild</c> alias).</summary>
    public BuildPlan Build => Image.Build;

    /// <summary>The image's build plan as Publish runs it: it pushes unless the options or a fork's merge request say otherwise.</summary>
    public BuildPlan PublishBuild => Image.Publish;

    /// <summary>EnsureBuilder's steps.</summary>
    public EnsureBuilderSteps EnsureBuilder => new(Builder);

    /// <summary>
    /// Login's steps: one per registry either build reads or writes (Login runs before the build, so it cannot know
    /// which of the two follows; they differ only on a laptop, where a login without credentials is skipped anyway).
    /// </summary>
    public IReadOnlyList<LoginStep> Login => [.. Registries.Select(registry => new LoginStep(registry))];

    /// <summary>BuildWithCache's step.</summary>
    public BuildSteps BuildWithCache => Image.BuildWithCache;

    /// <summary>Lint's step: the build's Dockerfile, stage, arguments and contexts, checked instead of built.</summary>
    public LintSteps Lint => new(Build, LintFailOnWarnings);

    /// <summary>True when Lint fails on check warnings (<c>--lint-fail-on-warnings</c>).</summary>
    public bool LintFailOnWarnings { get; init; }

    /// <summary>Publish's build step.</summary>
    public BuildSteps Publish => Image.PublishSteps;

    /// <summary>True when the image's BuildWithCache and Publish run the same <c>docker buildx build</c> (<see cref="ImageBuild.BuildsAreTheSame"/>).</summary>
    public bool BuildsAreTheSame => Image.BuildsAreTheSame;

    /// <summary>The Merge task's plan: the fan-out jobs' platform images joined under the tags.</summary>
    internal MergePlan? Merge { get; init; }

    /// <summary>True when the run's images are declared (<c>[Buildx.Image.NAME]</c>): they are built in one <c>docker buildx bake</c>.</summary>
    public bool Bakes { get; init; }

    /// <summary>
    /// Lint's step when the run bakes (<see cref="Bakes"/>): one <c>docker buildx bake --call=check</c> of every image,
    /// over the user's bake file or the definition the module writes (<see cref="BakeDefinitionPlaceholder"/> until Lint
    /// writes it); null for one image.
    /// </summary>
    internal BakeLintSteps? BakeLint { get; init; }

    /// <summary>True when every image's BuildWithCache and Publish run the same build (so one bake serves both).</summary>
    internal bool BakesAreTheSame => Images.All(image => image.BuildsAreTheSame);

    /// <summary>True when the run logs out of the registries it logged in to, at the end (<see cref="LogoutPolicy"/>).</summary>
    public bool Logout { get; init; }

    /// <summary>Plan's line on the logout: whether, and where the decision came from.</summary>
    public string LogoutNote { get; init; } = string.Empty;

    /// <summary>PruneCache's builder prune, used by PruneCache without <c>--prune-registry</c> and by Publish when a limit is set.</summary>
    public required BuilderPruneSteps BuilderPrune { get; init; }

    /// <summary>True when PruneCache prunes the registry's cache tags instead of the builder.</summary>
    public bool PruneRegistry => RegistryPrune is not null;

    /// <summary>The registry prune (<c>--prune-registry</c>): its rules, its tag-prefix check, what Plan prints; null without it.</summary>
    internal RegistryPrunePlan? RegistryPrune { get; init; }

    /// <summary>Why PruneCache refuses to prune the builder (registry-prune options without <c>--prune-registry</c>), or null.</summary>
    public string? BuilderPruneRefusal { get; init; }

    /// <summary>True when Publish prunes the builder after the build: a prune limit is set.</summary>
    public bool PruneAfterPublish { get; init; }

    /// <summary>The logouts at teardown (<see cref="Logout"/>), of the registries with credentials.</summary>
    public IReadOnlyList<PlanStep> Teardown => Logout
        ? [.. Registries.Where(registry => registry.HasCredentials).Select(registry => new PlanStep(DockerCommands.Logout(registry.Host)))]
        : [];

    /// <summary>Every image's builds' registries, each host once (as Publish uses it, when both do: it writes the image).</summary>
    public IReadOnlyList<BuildRegistry> Registries => [.. Images
        .SelectMany(image => image.Publish.Registries.Concat(image.Build.Registries))
        .DistinctBy(registry => registry.Host, StringComparer.OrdinalIgnoreCase)];

    /// <summary>Every task's steps, in the order the tasks run, as Plan prints them.</summary>
    public IReadOnlyList<TaskSteps> Tasks
    {
        get
        {
            // A baking run's builds are one bake each, printed with their definition after the commands (the module
            // writes it at run time); the first image's docker buildx build never runs.
            var tasks = new List<TaskSteps>
            {
                new("EnsureBuilder", EnsureBuilder.Steps),
                new("Login", [.. Login.Select(step => step.Step)]),
                new("BuildWithCache", BakeLint is null ? BuildWithCache.Steps : [new(null, $"one docker buildx bake of every image: Bake ({(BakesAreTheSame ? "Publish" : "BuildWithCache")}) below")]),
                new("Lint", BakeLint?.Steps ?? Lint.Steps),
            };
            if (BakeLint is null ? !BuildsAreTheSame : !BakesAreTheSame)
            {
                tasks.Add(new("Publish", BakeLint is null ? Publish.Steps : [new(null, "one docker buildx bake of every image: Bake (Publish) below")]));
            }

            if (Merge is { IsPlanned: true } merge)
            {
                tasks.Add(new("Merge", merge.Steps));
            }

            if (RegistryPrune is { } registryPrune)
            {
                tasks.Add(new("PruneCache", registryPrune.Steps));
            }

            if (!PruneRegistry || PruneAfterPublish)
            {
                var heading = PruneRegistry ? "Publish, after the build" : $"PruneCache{(PruneAfterPublish ? " (also after Publish)" : string.Empty)}";
                tasks.Add(new(heading, BuilderPrune.Steps));
            }

            if (Teardown.Count > 0)
            {
                tasks.Add(new("Teardown", Teardown));
            }

            return tasks;
        }
    }
}
