using System.Text.RegularExpressions;

namespace Cake.BuildxCache.Docker.Buildx;

/// <summary>Recognises buildx's answer for a builder that does not exist: <c>ERROR: no builder "x" found</c>.</summary>
internal static partial class BuilderNotFound
{
    public static bool Matches(DockerCommandResult result) =>
        !result.Succeeded && result.Lines.Any(line => Pattern().IsMatch(line));

    [GeneratedRegex("no builder \"[^\"]*\" found", RegexOptions.IgnoreCase)]
    private static partial Regex Pattern();
}
