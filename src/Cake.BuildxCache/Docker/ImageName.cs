namespace Cake.BuildxCache.Docker;

/// <summary>
/// An image or cache repository split the way docker splits it. The first path component is a registry
/// host when it contains <c>.</c> or <c>:</c> or is <c>localhost</c>; otherwise the name is on Docker Hub
/// (<c>docker.io</c>), where a single-component name such as <c>app</c> means <c>library/app</c>.
/// </summary>
/// <param name="Text">The name as written.</param>
/// <param name="Domain">The registry host as written, or null for Docker Hub.</param>
/// <param name="Path">The repository path (<c>group/app</c>), without tag or digest.</param>
/// <param name="Tag">A tag found after the last <c>/</c> (<c>app:1.0</c>), which repositories must not carry.</param>
/// <param name="Digest">A digest (<c>@sha256:…</c>), which repositories must not carry.</param>
public sealed record ImageName(string Text, string? Domain, string Path, string? Tag, string? Digest)
{
    /// <summary>The host to log in to: <see cref="DockerNames.NormalizeHost"/> of <see cref="Domain"/>.</summary>
    public string RegistryHost => DockerNames.NormalizeHost(Domain);

    /// <summary>True for a Docker Hub name without namespace, which docker reads as <c>library/…</c> (official images).</summary>
    public bool IsDockerHubLibrary => RegistryHost == DockerNames.DockerHub && !Path.Contains('/', StringComparison.Ordinal);

    /// <summary>The repository without tag or digest, as written.</summary>
    public string Repository => Domain is null ? Path : Domain + "/" + Path;

    /// <summary>The last path segment (<c>app</c> of <c>registry/group/app</c>).</summary>
    public string LastSegment => Path[(Path.LastIndexOf('/') + 1)..];

    /// <summary>Splits <paramref name="text"/>; never throws (see <see cref="Problems"/> for validity).</summary>
    /// <param name="text">An image reference.</param>
    /// <returns>The parts.</returns>
    public static ImageName Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var rest = text;
        string? digest = null;
        var at = rest.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            digest = rest[(at + 1)..];
            rest = rest[..at];
        }

        string? domain = null;
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            var first = rest[..slash];
            if (first.Contains('.', StringComparison.Ordinal) || first.Contains(':', StringComparison.Ordinal) || first == "localhost")
            {
                domain = first;
                rest = rest[(slash + 1)..];
            }
        }

        string? tag = null;
        var colon = rest.LastIndexOf(':');
        if (colon >= 0 && colon > rest.LastIndexOf('/'))
        {
            tag = rest[(colon + 1)..];
            rest = rest[..colon];
        }

        return new ImageName(text, domain, rest, tag, digest);
    }

    /// <summary>Everything wrong with this name as a repository (no tag, no digest, lowercase path, valid host), all at once.</summary>
    /// <returns>The problems, empty when valid.</returns>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (Text.Trim().Length == 0)
        {
            return ["is empty"];
        }

        if (Text.Contains("://", StringComparison.Ordinal))
        {
            return ["must not include a scheme: write registry.example.com/group/app, not https://…"];
        }

        if (Text.Any(char.IsWhiteSpace))
        {
            problems.Add("must not contain whitespace");
        }

        if (Digest is not null)
        {
            problems.Add("must not carry a digest (@…): give the repository only");
        }

        if (Tag is not null)
        {
            problems.Add($"must not carry a tag (':{Tag}'): tags come from the git ref; add more with --tag");
        }

        if (Domain is not null && DockerNames.CheckHost(Domain) is { } hostProblem)
        {
            problems.Add($"registry host '{Domain}' {hostProblem}");
        }

        if (Path.Length == 0)
        {
            problems.Add("has no repository path");
        }
        else if (Path.Any(char.IsUpper))
        {
            problems.Add($"repository path '{Path}' must be lowercase");
        }
        else if (Path.Split('/').FirstOrDefault(part => !DockerNames.IsValidPathComponent(part)) is { } bad)
        {
            problems.Add($"path component '{bad}' is invalid (lowercase letters and digits, separated by '.', '_', '__' or '-')");
        }

        if (Repository.Length > DockerNames.MaxNameLength)
        {
            problems.Add($"is {Repository.Length} characters long; at most {DockerNames.MaxNameLength}");
        }

        return problems;
    }
}
