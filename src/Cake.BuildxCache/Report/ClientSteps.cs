namespace Cake.BuildxCache.Report;

/// <summary>
/// The steps of a progress output that buildx writes on its own side, not BuildKit: they are in the output but not
/// in BuildKit's build record, whose counts are of the vertices of the build's status stream. As buildx 0.36.1 names
/// them: <c>[auth] …</c> (BuildKit's session auth provider, run by buildx), <c>resolving provenance for metadata file</c>
/// (<c>build/provenance.go</c>), <c>importing to docker</c> (<c>util/dockerutil/client.go</c>), <c>pushing … with
/// docker</c> and <c>merging manifest list …</c> (<c>build/build.go</c>), and the drivers' <c>[internal] booting
/// buildkit</c> and <c>[internal] waiting for connection</c>.
/// </summary>
internal static class ClientSteps
{
    private static readonly HashSet<string> Names = new(StringComparer.Ordinal)
    {
        "resolving provenance for metadata file",
        "importing to docker",
        "[internal] booting buildkit",
        "[internal] waiting for connection",
    };

    /// <summary>Whether buildx, not BuildKit, reported <paramref name="step"/>.</summary>
    /// <param name="step">The step.</param>
    /// <returns><c>true</c> for buildx's own steps.</returns>
    public static bool Contains(BuildStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        var name = step.Name.Trim();
        return step.Kind == StepKind.Auth
            || Names.Contains(name)
            || (name.StartsWith("pushing ", StringComparison.Ordinal) && name.EndsWith(" with docker", StringComparison.Ordinal))
            || name.StartsWith("merging manifest list ", StringComparison.Ordinal);
    }
}
