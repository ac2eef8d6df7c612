using Cake.BuildxCache.Docker.Buildx;

namespace Cake.BuildxCache.Policy;

/// <summary>Whether an existing builder is the one planned: same driver and the planned driver options.</summary>
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
