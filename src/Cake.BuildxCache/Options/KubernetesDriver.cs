using System.Globalization;
using System.Text.RegularExpressions;

namespace Cake.BuildxCache.Options;

/// <summary>
/// What buildx's <c>kubernetes</c> driver accepts, as its source has it (buildx v0.36.1, <c>driver/kubernetes/factory.go</c>):
/// the driver options below (any other key is "invalid driver option"), booleans, a whole replica count, a Go duration for
/// <c>timeout</c>, <c>sticky</c> or <c>random</c> for <c>loadbalance</c>, and <c>key=value</c> pairs for the node selector,
/// annotations and labels. It takes no endpoint: buildx refuses one ("kubernetes driver does not support endpoint args").
/// No cluster runs in the tests: these checks and Plan's commands are what is tested of it.
/// </summary>
public static partial class KubernetesDriver
{
    /// <summary>The driver's name.</summary>
    public const string Name = "kubernetes";

    /// <summary>The driver options of the kubernetes driver (and <c>env.NAME</c>).</summary>
    public static IReadOnlyList<string> DriverOptionKeys { get; } =
    [
        "image", "namespace", "replicas", "requests.cpu", "requests.memory", "requests.ephemeral-storage",
        "persistent-volume-claim.requests.storage", "limits.cpu", "limits.memory", "limits.ephemeral-storage", "rootless",
        "schedulername", "serviceaccount", "nodeselector", "annotations", "labels", "tolerations", "loadbalance",
        "qemu.install", "qemu.image", "buildkit-root-volume-memory", "default-load", "timeout",
    ];

    private static IReadOnlyList<string> BooleanKeys { get; } = ["rootless", "qemu.install", "default-load"];

    private static IReadOnlyList<string> PairKeys { get; } = ["nodeselector", "annotations", "labels"];

    private static IReadOnlyList<string> TolerationFields { get; } = ["key", "operator", "value", "effect", "tolerationSeconds"];

    /// <summary>Checks the driver options given for the kubernetes driver.</summary>
    /// <param name="options">The driver options.</param>
    /// <returns>Each problem as (the driver option given; what is wrong).</returns>
    public static IReadOnlyList<(string Option, string Problem)> CheckDriverOptions(IReadOnlyList<KeyValuePair<string, string>> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<(string, string)>();
        foreach (var (key, value) in options)
        {
            if (Check(key, value) is { } problem)
            {
                problems.Add(($"{key}={value}", problem));
            }
        }

        return problems;
    }

    private static string? Check(string key, string value)
    {
        if (key.StartsWith("env.", StringComparison.Ordinal))
        {
            return key.Length == "env.".Length ? "names no variable: env.NAME=value" : null;
        }

        if (!DriverOptionKeys.Contains(key))
        {
            return $"is not an option of the kubernetes driver (buildx 0.36.1 takes {string.Join(", ", DriverOptionKeys)}, env.NAME); buildx would refuse it";
        }

        return key switch
        {
            _ when BooleanKeys.Contains(key) => bool.TryParse(value, out _) || value is "0" or "1" ? null : "must be true or false",
            "replicas" => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var replicas) && replicas > 0 ? null : "must be a whole number of pods, 1 or more",
            "timeout" => GoDuration().IsMatch(value) ? null : "must be a duration such as 120s, 5m or 1h30m",
            "loadbalance" => value is "sticky" or "random" ? null : "must be sticky (the default: one pod per build context) or random",
            _ when PairKeys.Contains(key) => value.Split(',').All(pair => pair.Split('=').Length == 2 && pair.Split('=')[0].Length > 0) ? null : "must be key=value pairs, e.g. kubernetes.io/arch=arm64",
            "tolerations" => value.Split(';').SelectMany(toleration => toleration.Split(',')).All(field => field.Split('=') is [var name, _] && TolerationFields.Contains(name))
                ? null
                : $"must be tolerations of {string.Join(", ", TolerationFields.Select(field => field + "="))} (several separated by ';')",
            _ => null,
        };
    }

    [GeneratedRegex("^([0-9]+(\\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$")]
    private static partial Regex GoDuration();
}
