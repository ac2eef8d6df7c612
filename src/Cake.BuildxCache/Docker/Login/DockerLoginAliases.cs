using Cake.Core;
using Cake.Core.Annotations;

namespace Cake.BuildxCache.Docker.Login;

/// <summary>Aliases for <c>docker login</c> (password on standard input only) and <c>docker logout</c>.</summary>
[CakeAliasCategory("Docker")]
[CakeNamespaceImport("Cake.BuildxCache.Docker")]
[CakeNamespaceImport("Cake.BuildxCache.Docker.Login")]
public static class DockerLoginAliases
{
    /// <summary>Runs <c>docker login SERVER --username USER --password-stdin</c>, the password on standard input.</summary>
    /// <param name="context">The context.</param>
    /// <param name="server">The registry; <c>null</c> means Docker Hub.</param>
    /// <param name="username">The user name.</param>
    /// <param name="password">The password or token; never on the command line or in a log line.</param>
    /// <returns>The captured output.</returns>
    /// <exception cref="CakeException">The login was refused; the message says why, without the password.</exception>
    [CakeMethodAlias]
    public static DockerCommandResult DockerLogin(this ICakeContext context, string? server, string username, string password) =>
        context.DockerLogin(new DockerLoginSettings { Server = server, Username = username, Password = password });

    /// <summary>Runs <c>docker login</c>, the password on standard input.</summary>
    /// <param name="context">The context.</param>
    /// <param name="settings">The settings.</param>
    /// <returns>The captured output.</returns>
    [CakeMethodAlias]
    public static DockerCommandResult DockerLogin(this ICakeContext context, DockerLoginSettings settings)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new DockerLoginRunner(context.FileSystem, context.Environment, context.ProcessRunner, context.Tools).Run(settings);
    }

    /// <summary>Runs <c>docker logout SERVER</c>.</summary>
    /// <param name="context">The context.</param>
    /// <param name="server">The registry; <c>null</c> means Docker Hub.</param>
    /// <returns>The captured output.</returns>
    [CakeMethodAlias]
    public static DockerCommandResult DockerLogout(this ICakeContext context, string? server) =>
        context.DockerLogout(new DockerLogoutSettings { Server = server });

    /// <summary>Runs <c>docker logout</c>.</summary>
    /// <param name="context">The context.</param>
    /// <param name="settings">The settings.</param>
    /// <returns>The captured output.</returns>
    [CakeMethodAlias]
    public static DockerCommandResult DockerLogout(this ICakeContext context, DockerLogoutSettings settings)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new DockerLogoutRunner(context.FileSystem, context.Environment, context.ProcessRunner, context.Tools).Run(settings);
    }
}
