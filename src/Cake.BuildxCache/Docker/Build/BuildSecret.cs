namespace Cake.BuildxCache.Docker.Build;

/// <summary>
/// One <c>--secret</c> of a build: the secret's id and where BuildKit reads it, a file
/// (<c>id=npmrc,src=/home/ci/.npmrc</c>) or an environment variable (<c>id=token,env=NPM_TOKEN</c>).
/// Only the id and the source's name are on the command line, never the secret itself.
/// </summary>
public sealed record BuildSecret
{
    private BuildSecret(string id, string sourceKey, string source)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        Id = id;
        SourceKey = sourceKey;
        Source = source;
    }

    /// <summary>Gets the id the Dockerfile mounts (<c>RUN --mount=type=secret,id=…</c>).</summary>
    public string Id { get; }

    /// <summary>Gets <c>src</c> for a file, <c>env</c> for an environment variable.</summary>
    public string SourceKey { get; }

    /// <summary>Gets the file path or the environment variable name.</summary>
    public string Source { get; }

    /// <summary>A secret read from a file.</summary>
    /// <param name="id">The secret id.</param>
    /// <param name="path">The file.</param>
    /// <returns>The secret.</returns>
    public static BuildSecret FromFile(string id, string path) => new(id, "src", path);

    /// <summary>A secret read from an environment variable of the docker process.</summary>
    /// <param name="id">The secret id.</param>
    /// <param name="variable">The environment variable name.</param>
    /// <returns>The secret.</returns>
    public static BuildSecret FromEnvironment(string id, string variable) => new(id, "env", variable);

    /// <summary>Renders the value of <c>--secret</c>.</summary>
    /// <returns><c>id=…,src=…</c> or <c>id=…,env=…</c>.</returns>
    public override string ToString() => $"id={Id},{SourceKey}={Source}";
}
