using Cake.BuildxCache.Docker.Buildx;

namespace Cake.BuildxCache.Policy;

/// <summary>
/// Whether an existing builder is the one planned: same driver, the planned driver options, the same remote
/// daemon, and the same generated buildkitd.toml (its hash, recorded as a driver option).
/// </summary>
internal static class BuilderMatch
{
    /// <summary>Says what differs, or null when the builder can be reused.</summary>
    /// <param name="existing">The builder as <c>docker buildx inspect</c> describes it.</param>
    /// <param name="planned">The builder the plan needs.</param>
    /// <returns>A reason to recreate it, or null.</returns>
    public static string? Mismatch(BuilderInfo existing, BuilderPlan planned)
    {
        ArgumentNullException.ThrowIfNull(existing);
        ArgumentNullException.ThrowIfNull(planned);
        if (!string.Equals(existing.Driver, planned.Driver, StringComparison.OrdinalIgnoreCase))
        {
            return $"it uses driver {existing.Driver}, the plan needs {planned.Driver}";
        }

        if (planned.HasNamedNodes && existing.Nodes.Count != planned.Nodes.Count)
        {
            return $"it has {existing.Nodes.Count} node(s) ({string.Join(", ", existing.Nodes.Select(found => found.Name))}), the plan {planned.Nodes.Count}";
        }

        for (var index = 1; index < planned.Nodes.Count && index < existing.Nodes.Count; index++)
        {
            if (NodeMismatch(existing.Nodes[index], planned.Nodes[index], planned.HasNamedNodes) is { } nodeMismatch)
            {
                return nodeMismatch;
            }
        }

        var node = existing.Nodes.FirstOrDefault();
        if (planned.RemoteEndpoint is { } endpoint && node?.Endpoint != endpoint)
        {
            return $"it connects to {node?.Endpoint ?? "no endpoint"}, the plan needs {endpoint}";
        }

        if (planned.HasNamedNodes && node is not null && NodeMismatch(node, planned.Nodes[0], exact: true) is { } firstMismatch)
        {
            return firstMismatch;
        }

        var hashKey = BuildkitdConfigPolicy.HashDriverOption;
        var existingHash = node?.DriverOptions.GetValueOrDefault(hashKey)?.Trim('"');
        var plannedHash = planned.DriverOptions.FirstOrDefault(pair => pair.Key == hashKey).Value;
        if (existingHash != plannedHash)
        {
            return (existingHash, plannedHash) switch
            {
                (null, _) => $"it was not created with the generated {planned.GeneratedConfig?.Path ?? "buildkitd.toml"} (config {plannedHash})",
                (_, null) => $"it was created with a generated buildkitd.toml (config {existingHash}) the plan no longer has",
                _ => $"its generated buildkitd.toml differs (config {existingHash}, the plan's is {plannedHash})",
            };
        }

        foreach (var (key, value) in planned.DriverOptions)
        {
            if (node is null || !node.DriverOptions.TryGetValue(key, out var actual) || actual.Trim('"') != value)
            {
                return $"driver option {key}={value} is not set on it";
            }
        }

        return null;
    }

    // A node of a multi-node builder: its name, daemon, platforms and, exactly, its driver options (a TLS file dropped counts).
    private static string? NodeMismatch(BuilderNode existing, BuilderNodePlan planned, bool exact)
    {
        if (existing.Name != planned.Name)
        {
            return $"its node {existing.Name} is where the plan has {planned.Name}";
        }

        if (existing.Endpoint != planned.Endpoint && planned.Endpoint is not null)
        {
            return $"its node {existing.Name} connects to {existing.Endpoint ?? "no endpoint"}, the plan needs {planned.Endpoint}";
        }

        var found = existing.FixedPlatforms.Order(StringComparer.OrdinalIgnoreCase).ToList();
        var wanted = planned.Platforms.Order(StringComparer.OrdinalIgnoreCase).ToList();
        if (!found.SequenceEqual(wanted, StringComparer.OrdinalIgnoreCase))
        {
            return $"its node {existing.Name} builds {(found.Count == 0 ? "its daemon's platforms" : string.Join(",", found))}, the plan gives it {(wanted.Count == 0 ? "its daemon's platforms" : string.Join(",", wanted))}";
        }

        var options = existing.DriverOptions.ToDictionary(pair => pair.Key, pair => pair.Value.Trim('"'), StringComparer.Ordinal);
        foreach (var (key, value) in planned.DriverOptions)
        {
            if (!options.TryGetValue(key, out var actual) || actual != value)
            {
                return $"its node {existing.Name} lacks driver option {key}={value}";
            }
        }

        var extra = options.Keys.Where(key => !planned.DriverOptions.Any(pair => pair.Key == key)).ToList();
        return exact && extra.Count > 0 ? $"its node {existing.Name} has driver option(s) {string.Join(", ", extra)} the plan no longer gives" : null;
    }
}
