namespace Cake.BuildxCache.Options;

/// <summary>
/// What buildx's <c>remote</c> driver accepts, as its source has it (buildx v0.36.1): endpoint schemes in
/// <c>driver/remote/util/endpoint.go</c>, driver options in <c>driver/remote/factory.go</c> (any other key is
/// "invalid driver option"; <c>cacert</c>, <c>cert</c> and <c>key</c> must be absolute paths; with TLS,
/// <c>cacert</c> is required and <c>cert</c> and <c>key</c> go together). A config file is refused ("setting
/// config file is not supported for remote driver"): the daemon reads its own.
/// </summary>
public static class RemoteDriver
{
    /// <summary>The driver's name.</summary>
    public const string Name = "remote";

    /// <summary>The endpoint schemes buildx knows (<c>npipe</c> since buildx 0.13).</summary>
    public static IReadOnlyList<string> EndpointSchemes { get; } = ["tcp", "unix", "ssh", "docker-container", "kube-pod", "npipe"];

    /// <summary>The driver options of the remote driver.</summary>
    public static IReadOnlyList<string> DriverOptionKeys { get; } = ["cacert", "cert", "key", "servername", "default-load"];

    /// <summary>The TLS options that name files.</summary>
    public static IReadOnlyList<string> TlsFileKeys { get; } = ["cacert", "cert", "key"];

    /// <summary>Checks an endpoint: a known scheme, and for <c>tcp</c> a host and a port.</summary>
    /// <param name="endpoint">The endpoint, e.g. <c>tcp://buildkitd:1234</c>.</param>
    /// <returns>What is wrong, or null.</returns>
    public static string? CheckEndpoint(string endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var separator = endpoint.IndexOf("://", StringComparison.Ordinal);
        var scheme = separator > 0 ? endpoint[..separator] : null;
        if (scheme is null || !EndpointSchemes.Contains(scheme))
        {
            return $"is not a BuildKit address: use {string.Join(", ", EndpointSchemes.Select(known => known + "://"))} (e.g. tcp://buildkitd:1234 or unix:///run/buildkit/buildkitd.sock)";
        }

        if (scheme == "tcp" && (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || uri.Host.Length == 0 || uri.IsDefaultPort || uri.AbsolutePath != "/"))
        {
            return "must be tcp://host:port (a host and a port, no path)";
        }

        return endpoint.Length == separator + 3 ? "names nothing after the scheme" : null;
    }

    /// <summary>Checks the driver options given for the remote driver.</summary>
    /// <param name="options">The driver options.</param>
    /// <returns>Each problem as (the driver option given, or the missing key with <c>=</c>; what is wrong).</returns>
    public static IReadOnlyList<(string Option, string Problem)> CheckDriverOptions(IReadOnlyList<KeyValuePair<string, string>> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<(string, string)>();
        foreach (var (key, value) in options)
        {
            if (!DriverOptionKeys.Contains(key))
            {
                problems.Add(($"{key}={value}", $"is not an option of the remote driver (it takes {string.Join(", ", DriverOptionKeys)}); buildx would refuse it"));
            }
            else if (TlsFileKeys.Contains(key) && !value.StartsWith('/') && !(value.Length > 2 && value[1] == ':'))
            {
                problems.Add(($"{key}={value}", "must be an absolute path: buildx refuses a relative one for the remote driver"));
            }
        }

        var keys = options.Select(pair => pair.Key).ToHashSet(StringComparer.Ordinal);
        if (keys.Overlaps(["cert", "key", "servername"]) && !keys.Contains("cacert"))
        {
            problems.Add(("cacert=", "is needed with TLS (cert, key or servername given): the CA that signed the daemon's certificate"));
        }

        if (keys.Contains("cert") != keys.Contains("key"))
        {
            problems.Add((keys.Contains("cert") ? "key=" : "cert=", "is needed too: the client certificate and its key go together"));
        }

        return problems;
    }
}
