using System.Diagnostics.CodeAnalysis;
using Cake.BuildxCache.Docker;

namespace Cake.BuildxCache.Options;

/// <summary>
/// One <c>--builder-node</c> value: a node of a multi-node builder, as <c>buildx create [--append] --node … --platform …</c>
/// takes it. Comma-separated items: the BuildKit endpoint (first, or <c>endpoint=</c>; the remote driver needs one, the
/// kubernetes driver takes none), <c>platform=os/arch[/variant]</c> (repeatable: the platforms BuildKit sends to this
/// node), and the node's own driver options (<c>cacert=</c>, <c>cert=</c>, <c>key=</c>, <c>servername=</c> for a remote
/// daemon's TLS; <c>nodeselector=</c>, <c>namespace=</c>, … for a kubernetes node), which win over
/// <c>--driver-opt</c>'s for this node. The items are CSV, as buildx reads <c>--driver-opt</c> (<see cref="BuildxCsv"/>):
/// an item whose value holds a comma is quoted whole, <c>"nodeselector=kubernetes.io/arch=arm64,disk=ssd"</c>.
/// </summary>
/// <param name="Endpoint">The BuildKit address, or null.</param>
/// <param name="Platforms">The node's platforms, in the order given.</param>
/// <param name="DriverOptions">The node's own driver options, in the order given.</param>
public sealed record BuilderNodeSpec(string? Endpoint, IReadOnlyList<string> Platforms, IReadOnlyList<KeyValuePair<string, string>> DriverOptions)
{
    /// <summary>The item that names a platform of the node.</summary>
    public const string PlatformKey = "platform";

    /// <summary>The item that names the node's endpoint, when it is not the first item.</summary>
    public const string EndpointKey = "endpoint";

    /// <summary>Reads a value such as <c>tcp://127.0.0.1:1234,platform=linux/amd64,cacert=/certs/ca.pem</c>.</summary>
    /// <param name="text">The value.</param>
    /// <param name="spec">The node, when readable.</param>
    /// <param name="problem">What is wrong, when not.</param>
    /// <returns>True when readable.</returns>
    public static bool TryParse(string text, [NotNullWhen(true)] out BuilderNodeSpec? spec, [NotNullWhen(false)] out string? problem)
    {
        ArgumentNullException.ThrowIfNull(text);
        spec = null;
        string? endpoint = null;
        var platforms = new List<string>();
        var options = new List<KeyValuePair<string, string>>();
        if (!BuildxCsv.TrySplit(text, out var items, out var quoting))
        {
            problem = quoting;
            return false;
        }

        for (var index = 0; index < items.Count; index++)
        {
            var item = items[index];
            var equals = item.IndexOf('=', StringComparison.Ordinal);
            var isAddress = item.Contains("://", StringComparison.Ordinal) && (equals < 0 || equals > item.IndexOf("://", StringComparison.Ordinal));
            if (item.Length == 0)
            {
                problem = "has an empty item (two commas, or one at an end)";
                return false;
            }

            if (isAddress && index == 0)
            {
                endpoint = item;
                continue;
            }

            if (equals <= 0)
            {
                problem = $"has the item '{item}', which is neither the endpoint (first, e.g. tcp://buildkitd:1234) nor key=value";
                return false;
            }

            var (key, value) = (item[..equals], item[(equals + 1)..]);
            if (value.Length == 0)
            {
                problem = $"gives {key}= no value";
                return false;
            }

            switch (key)
            {
                case PlatformKey:
                    platforms.Add(value);
                    break;
                case EndpointKey when endpoint is null:
                    endpoint = value;
                    break;
                case EndpointKey:
                    problem = $"names a second endpoint ({value})";
                    return false;
                default:
                    if (options.Any(pair => pair.Key == key))
                    {
                        problem = $"gives {key}= more than once";
                        return false;
                    }

                    options.Add(new(key, value));
                    break;
            }
        }

        spec = new BuilderNodeSpec(endpoint, platforms, options);
        problem = null;
        return true;
    }
}
