using Cake.BuildxCache.Docker;

namespace Cake.BuildxCache.Options;

/// <summary>
/// One <c>--registry-mirror</c> value, <c>registry=mirror</c>: pulls from <see cref="Registry"/> try the mirror first.
/// BuildKit keeps a mirror as <c>host[:port][/path]</c> and ignores a scheme (<c>util/resolver/utils.go</c>,
/// <c>extractMirrorHostAndPath</c>); whether it speaks plain HTTP to the mirror is the mirror host's own
/// <c>http = true</c>, which an <c>http://</c> mirror gets.
/// </summary>
/// <param name="Registry">The registry mirrored, normalized (<c>docker.io</c> for Docker Hub and its aliases).</param>
/// <param name="MirrorHost">The mirror's host[:port].</param>
/// <param name="MirrorPath">The mirror's path without a trailing slash (<c>/proxy.docker.io</c>), or empty.</param>
/// <param name="PlainHttp">True for an <c>http://</c> mirror.</param>
public sealed record RegistryMirrorSpec(string Registry, string MirrorHost, string MirrorPath, bool PlainHttp)
{
    /// <summary>The mirror as buildkitd.toml's <c>mirrors</c> list holds it: <c>host[:port][/path]</c>.</summary>
    public string Mirror => MirrorHost + MirrorPath;

    /// <summary>Reads <c>registry=[http://|https://]host[:port][/path]</c>.</summary>
    /// <param name="text">The value.</param>
    /// <param name="spec">The mirror, when readable.</param>
    /// <param name="problem">What is wrong, when not.</param>
    /// <returns>True when readable.</returns>
    public static bool TryParse(string text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out RegistryMirrorSpec? spec, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? problem)
    {
        ArgumentNullException.ThrowIfNull(text);
        spec = null;
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0 || equals == text.Length - 1)
        {
            problem = "is not registry=mirror (e.g. docker.io=https://mirror.example.com)";
            return false;
        }

        var registry = text[..equals].Trim();
        if (DockerNames.CheckHost(registry) is { } registryProblem)
        {
            problem = $"names the registry '{registry}', which {registryProblem}";
            return false;
        }

        if (!RegistryAddress.TryParse(text[(equals + 1)..].Trim(), allowPath: true, out var mirror, out problem))
        {
            problem = "has a mirror that " + problem;
            return false;
        }

        spec = new RegistryMirrorSpec(DockerNames.NormalizeHost(registry), mirror.Host, mirror.Path, mirror.Scheme == "http");
        return true;
    }

    /// <inheritdoc />
    public override string ToString() => $"{Registry}={(PlainHttp ? "http://" : string.Empty)}{Mirror}";
}
