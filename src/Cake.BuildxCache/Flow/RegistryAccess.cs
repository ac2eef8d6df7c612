using Cake.BuildxCache.Policy;
using Cake.BuildxCache.Registry;
using Cake.Common.Diagnostics;

namespace Cake.BuildxCache.Flow;

/// <summary>
/// The registry HTTP API client of a run, with the plan's credentials first and the docker config's
/// (what <c>docker login</c> wrote) after them. Loopback registries and <c>--insecure-registry=host:port</c> are spoken to
/// over http; <c>--insecure-registry=https://host:port</c> over https without certificate checks, as the builder does.
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
        var (plainHttp, unverifiedTls) = BuildkitdConfigPolicy.InsecureHosts(context.BuildxOptions);
        foreach (var host in unverifiedTls)
        {
            context.Verbose("registry: {0} is spoken to over https without certificate checks (--insecure-registry=https://{0})", host);
        }

        return new RegistryClient(
            new RegistryClientOptions
            {
                Credentials = new ChainedRegistryCredentials(explicitCredentials, dockerConfig),
                InsecureHosts = plainHttp,
                UnverifiedTlsHosts = unverifiedTls,
                Log = line => context.Verbose("{0}", line),
            },
            handler: null,
            timeProvider: context.Clock);
    }
}
