using Cake.BuildxCache.Docker.Build;

namespace Cake.BuildxCache.Policy;

/// <summary>
/// One image of a run: its name, the build every task but Publish runs, and the build Publish runs.
/// </summary>
/// <param name="Name">What Plan heads the image's block with: the last part of its repository.</param>
/// <param name="Build">The build plan of every build but Publish's (BuildWithCache, Default, the <c>BuildxCacheBuild</c> alias).</param>
/// <param name="Publish">The build plan as Publish runs it: it pushes unless the options or a fork's merge request say otherwise.</param>
public sealed record ImageBuild(string Name, BuildPlan Build, BuildPlan Publish)
{
    /// <summary>BuildWithCache's steps.</summary>
    public BuildSteps BuildWithCache => new(Build);

    /// <summary>Publish's build steps.</summary>
    public BuildSteps PublishSteps => new(Publish);

    /// <summary>
    /// True when BuildWithCache and Publish run the same <c>docker buildx build</c> (always in CI, where both push):
    /// a run that has both, e.g. a target depending on Publish and another on BuildWithCache, builds once.
    /// </summary>
    public bool BuildsAreTheSame => SameCommand(Build, Publish);

    /// <summary>
    /// True when both plans render the same <c>docker buildx build</c> command line: every flag the command carries
    /// takes part, so a flag added to it cannot be forgotten here.
    /// </summary>
    /// <param name="a">One plan.</param>
    /// <param name="b">The other plan.</param>
    /// <returns>Whether they are the same build.</returns>
    public static bool SameCommand(BuildPlan a, BuildPlan b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return ReferenceEquals(a, b) || CommandLine(a) == CommandLine(b);
    }

    /// <summary>The name Plan shows for an image repository: its last path segment, or <c>image</c> when none is set.</summary>
    /// <param name="image">The image repository.</param>
    /// <returns>The name.</returns>
    public static string NameOf(string image) =>
        string.IsNullOrEmpty(image) ? "image" : image[(image.LastIndexOf('/') + 1)..];

    // Rendered with the secrets' real values: compared here, never printed.
    private static string CommandLine(BuildPlan plan) => BuildxBuildArguments.Of(DockerCommands.Build(plan)).Render();
}
