using Cake.Core;
using Cake.Core.Annotations;

namespace Cake.BuildxCache.Docker.Context;

/// <summary>Aliases for <c>docker context create</c> and <c>docker context inspect</c>.</summary>
[CakeAliasCategory("Docker")]
[CakeNamespaceImport("Cake.BuildxCache.Docker")]
[CakeNamespaceImport("Cake.BuildxCache.Docker.Context")]
public static class DockerContextAliases
{
    /// <summary>Runs <c>docker context create NAME --docker …</c>.</summary>
    /// <param name="context">The context.</param>
    /// <param name="name">The context name.</param>
    /// <param name="endpoint">The docker endpoint.</param>
    /// <example><code>DockerContextCreate("dind", new DockerEndpoint("tcp://docker:2376") { Ca = "/certs/client/ca.pem" });</code></example>
    [CakeMethodAlias]
    public static void DockerContextCreate(this ICakeContext context, string name, DockerEndpoint endpoint) =>
        context.DockerContextCreate(new DockerContextCreateSettings { Name = name, Docker = endpoint });

    /// <summary>Runs <c>docker context create</c>.</summary>
    /// <param name="context">The context.</param>
    /// <param name="settings">The settings.</param>
    [CakeMethodAlias]
    public static void DockerContextCreate(this ICakeContext context, DockerContextCreateSettings settings)
    {
        ArgumentNullException.ThrowIfNull(context);
        new DockerContextCreateRunner(context.FileSystem, context.Environment, context.ProcessRunner, context.Tools).Run(settings);
    }

    /// <summary>Runs <c>docker context inspect NAME</c>.</summary>
    /// <param name="context">The context.</param>
    /// <param name="name">The context name.</param>
    /// <returns>The context, or <c>null</c> when it does not exist.</returns>
    [CakeMethodAlias]
    public static DockerContextInfo? DockerContextInspect(this ICakeContext context, string name) =>
        context.DockerContextInspect(new DockerContextInspectSettings { Name = name });

    /// <summary>Runs <c>docker context inspect</c>.</summary>
    /// <param name="context">The context.</param>
    /// <param name="settings">The settings.</param>
    /// <returns>The context, or <c>null</c> when it does not exist.</returns>
    [CakeMethodAlias]
    public static DockerContextInfo? DockerContextInspect(this ICakeContext context, DockerContextInspectSettings settings)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new DockerContextInspectRunner(context.FileSystem, context.Environment, context.ProcessRunner, context.Tools).Run(settings);
    }

    /// <summary>Whether a docker context of that name exists.</summary>
    /// <param name="context">The context.</param>
    /// <param name="name">The context name.</param>
    /// <returns><c>true</c> when it exists.</returns>
    [CakeMethodAlias]
    public static bool DockerContextExists(this ICakeContext context, string name) =>
        context.DockerContextInspect(name) is not null;
}
