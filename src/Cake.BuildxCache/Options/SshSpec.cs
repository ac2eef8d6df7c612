namespace Cake.BuildxCache.Options;

/// <summary>
/// One <c>--ssh</c> value as buildx reads it (<c>util/buildflags/ssh.go</c>): <c>default</c> or <c>id</c> alone is the
/// agent at <c>SSH_AUTH_SOCK</c>; <c>id=path[,path]</c> is an agent socket or key files.
/// </summary>
/// <param name="Id">The id <c>RUN --mount=type=ssh,id=…</c> mounts (<c>default</c> when not named).</param>
/// <param name="Paths">The socket or key files, empty for the agent at <c>SSH_AUTH_SOCK</c>.</param>
public sealed record SshSpec(string Id, IReadOnlyList<string> Paths)
{
    /// <summary>Reads <c>default</c>, <c>id</c> or <c>id=path[,path]</c>.</summary>
    /// <param name="text">The value.</param>
    /// <param name="spec">The spec, when readable.</param>
    /// <param name="problem">What is wrong, when not.</param>
    /// <returns>True when readable.</returns>
    public static bool TryParse(string text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out SshSpec? spec, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? problem)
    {
        ArgumentNullException.ThrowIfNull(text);
        spec = null;
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        var id = (equals < 0 ? text : text[..equals]).Trim();
        IReadOnlyList<string> paths = equals < 0 ? [] : text[(equals + 1)..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (!OptionFormats.IsSecretId(id))
        {
            problem = "is not default, an id, or id=path[,path] (an id holds letters, digits, '.', '_' and '-')";
            return false;
        }

        if (equals >= 0 && paths.Count == 0)
        {
            problem = $"names no path after '{id}=': give the agent socket or key files, or write {id} alone for SSH_AUTH_SOCK";
            return false;
        }

        spec = new SshSpec(id, paths);
        problem = null;
        return true;
    }
}
