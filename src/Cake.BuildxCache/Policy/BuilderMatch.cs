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

        var node = existing.Nodes.FirstOrDefault();
        if (planned.RemoteEndpoint is { } endpoint && node?.Endpoint != endpoint)
        {
            return $"it connects to {node?.Endpoint ?? "no endpoint"}, the plan needs {endpoint}";
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
}
