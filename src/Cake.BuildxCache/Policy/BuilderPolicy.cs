using Cake.BuildxCache.Docker.Context;
using Cake.BuildxCache.Options;
using Cake.BuildxCache.Refs;

namespace Cake.BuildxCache.Policy;

/// <summary>Which builder to reuse or create, and on which docker context.</summary>
internal static class BuilderPolicy
{
    /// <summary>Plans the builder.</summary>
    /// <param name="options">The validated options.</param>
    /// <param name="dockerHost">The docker endpoint of this run.</param>
    /// <returns>The builder plan.</returns>
    public static BuilderPlan Plan(BuildxCacheOptions options, DockerHostInfo dockerHost)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(dockerHost);

        // buildx refuses to create a builder from TLS settings in the environment ("could not create a
        // builder instance with TLS data loaded from environment"): it needs a docker context holding them.
        var context = dockerHost.UsesTls ? options.Builder + "-context" : null;
        var endpoint = dockerHost.UsesTls
            ? new DockerEndpoint(dockerHost.Host!)
            {
                Ca = dockerHost.CertPath + "/ca.pem",
                Cert = dockerHost.CertPath + "/cert.pem",
                Key = dockerHost.CertPath + "/key.pem",
            }
            : null;

        // The image only the container drivers run; a --driver-opt image=… given by hand wins.
        var driverOptions = options.BuilderDriver is "docker-container" or "kubernetes" && !options.DriverOpts.Any(pair => pair.Key == "image")
            ? [new("image", OptionCatalog.BuildkitImage.ValueIn(options)), .. options.DriverOpts]
            : options.DriverOpts;
        return new BuilderPlan(options.Builder, options.BuilderDriver, driverOptions, options.BuildkitdConfig, context, endpoint);
    }
}
