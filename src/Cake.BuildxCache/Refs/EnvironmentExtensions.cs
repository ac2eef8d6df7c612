using Cake.Core;

namespace Cake.BuildxCache.Refs;

// CI systems export unset variables as empty strings as often as they leave them out: treat both alike.
internal static class EnvironmentExtensions
{
    public static string? Variable(this ICakeEnvironment environment, string name) =>
        Given(environment.GetEnvironmentVariable(name));

    public static string? Given(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
