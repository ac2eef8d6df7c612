using Cake.BuildxCache.Registry;
using Cake.Common.Diagnostics;

namespace Cake.BuildxCache.Flow;

/// <summary>
/// The registry HTTP API client of a run, with the plan's credentials first and the docker config's
/// (what <c>docker login</c> wrote) after them. Loopback registries are spoken to over http.
/// </summary>
internal static class RegistryAccess
{
    /// <summary>A client for the registries of <paramref name="context"/>'s plan.</summary>
    /// <param name="context">The build context.</param>
    /// <returns>The client; dispose it when done.</returns>
    public static RegistryClient Client(BuildxCacheRun context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var explicitCredentials = new ExplicitRegistryCredentials();
        foreach (var registry in context.Plan.Registries.Where(registry => registry.HasCredentials))
        {
            explicitCredentials.Add(registry.Host, new RegistryCredentials(registry.Username!, registry.Password!, registry.CredentialsOption ?? "options"));
        }

        var dockerConfig = new DockerConfigCredentials(DockerConfigCredentials.DefaultDirectory(context.Environment.GetEnvironmentVariable));
        return new RegistryClient(
            new RegistryClientOptions
            {
                Credentials = new ChainedRegistryCredentials(explicitCredentials, dockerConfig),
                Log = line => context.Verbose("{0}", line),
            },
            handler: null,
            timeProvider: context.Clock);
    }
}
