using Cake.BuildxCache.Docker;

namespace Cake.BuildxCache.Registry;

/// <summary>
/// A repository, and optionally a tag or digest in it, as the registry API names them: the registry host,
/// the repository path (<c>library/</c> added for single-component Docker Hub names) and the reference.
/// </summary>
/// <param name="Host">The normalized registry host (<c>docker.io</c> for Docker Hub).</param>
/// <param name="Path">The repository path in API URLs, e.g. <c>group/app/cache</c>.</param>
/// <param name="Reference">A tag or <c>sha256:…</c> digest, or null for the repository itself.</param>
internal sealed record RepositoryReference(string Host, string Path, string? Reference)
{
    /// <summary>Parses <c>host/path[:tag|@digest]</c>; a name without registry host is on Docker Hub.</summary>
    /// <param name="text">An image, cache or repository reference such as <c>registry.example.com/app/cache:main</c>.</param>
    /// <returns>The parts.</returns>
    /// <exception cref="ArgumentException">When the name is not a valid repository reference.</exception>
    public static RepositoryReference Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var name = ImageName.Parse(text.Trim());
        var problems = (name with { Tag = null, Digest = null }).Problems();
        if (problems.Count > 0)
        {
            throw new ArgumentException($"'{text}' is not a repository reference: {string.Join("; ", problems)}", nameof(text));
        }

        if (name.Tag is not null && !DockerNames.IsValidTag(name.Tag))
        {
            throw new ArgumentException($"'{text}' has an invalid tag '{name.Tag}'", nameof(text));
        }

        var host = name.RegistryHost;
        var path = host == DockerNames.DockerHub && !name.Path.Contains('/', StringComparison.Ordinal) ? "library/" + name.Path : name.Path;
        return new(host, path, name.Digest ?? name.Tag);
    }

    /// <summary>True when <see cref="Reference"/> is a digest.</summary>
    public bool IsDigest => Reference is not null && Reference.Contains(':', StringComparison.Ordinal);

    /// <summary>The same repository with another tag or digest.</summary>
    /// <param name="reference">A tag or digest.</param>
    /// <returns>The reference.</returns>
    public RepositoryReference WithReference(string? reference) => this with { Reference = reference };

    /// <summary><c>host/path[:tag|@digest]</c>.</summary>
    /// <returns>The reference as docker writes it.</returns>
    public override string ToString() => Host + "/" + Path + Reference switch
    {
        null => string.Empty,
        var digest when IsDigest => "@" + digest,
        var tag => ":" + tag,
    };
}
