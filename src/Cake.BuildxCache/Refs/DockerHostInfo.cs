using Cake.Core;

namespace Cake.BuildxCache.Refs;

/// <summary>
/// Which docker daemon the CLI talks to, from DOCKER_HOST and the TLS variables, as docker-in-docker
/// CI jobs set them (GitLab's <c>docker:dind</c> service: DOCKER_HOST=tcp://docker:2376,
/// DOCKER_TLS_CERTDIR=/certs, and the client certificates in <c>/certs/client</c>).
/// </summary>
/// <param name="Host">DOCKER_HOST, or null for the default local socket.</param>
/// <param name="CertPath">The folder holding <c>ca.pem</c>, <c>cert.pem</c> and <c>key.pem</c> when TLS is used, else null.</param>
internal sealed record DockerHostInfo(string? Host, string? CertPath)
{
    /// <summary>The local default daemon: no DOCKER_HOST, no TLS.</summary>
    public static DockerHostInfo Local { get; } = new(null, null);

    /// <summary>True when the endpoint carries TLS data, which buildx only takes through a docker context.</summary>
    public bool UsesTls => Host is not null && CertPath is not null;

    /// <summary>Reads the docker endpoint variables from <paramref name="environment"/>.</summary>
    /// <param name="environment">The environment of the build.</param>
    /// <returns>The endpoint.</returns>
    public static DockerHostInfo Read(ICakeEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        string? Variable(string name) => environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;

        var host = Variable("DOCKER_HOST");
        var verify = Variable("DOCKER_TLS_VERIFY");
        var certPath = Variable("DOCKER_CERT_PATH")
            ?? (Variable("DOCKER_TLS_CERTDIR") is { } certDir ? certDir.TrimEnd('/') + "/client" : null);
        var tls = certPath is not null && (verify is not null && verify != "0" || Variable("DOCKER_TLS_CERTDIR") is not null);
        return new DockerHostInfo(host, tls && host is not null && host.StartsWith("tcp://", StringComparison.Ordinal) ? certPath : null);
    }
}
