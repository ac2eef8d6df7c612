using Cake.Core;
using Cake.Core.Annotations;

namespace Cake.BuildxCache.Docker.Login;

/// <summary>Aliases for <c>docker login</c> (password on standard input only) and <c>docker logout</c>.</summary>
[CakeAliasCategory("Docker")]
[CakeNamespaceImport("Cake.BuildxCache.Docker")]
[CakeNamespaceImport("Cake.BuildxCache.Docker.Login")]
public static class RegistryLoginAliases
{
    /// <summary>Runs <c>docker login SERVER --username USER --password-stdin</c>, the password on standard input.</summary>
    /// <param name="context">The context.</param>
    /// <param name="server">The registry; <c>null</c> means Docker Hub.</param>
    /// <param name="username">The user name.</param>
    /// <param name="password">The password or token; never on the command line or in a log line.</param>
    /// <returns>The captured output.</returns>
    /// <exception cref="CakeException">The login was refused; the message says why, without the password.</exception>
    [CakeMethodAlias]
    public static DockerCommandResult RegistryLogin(this ICakeContext context, string? server, string username, string password) =>
        context.RegistryLogin(new RegistryLoginSettings { Server = server, Username = username, Password = password });

    /// <summary>Runs <c>docker login</c>, the password on standard input.</summary>
    /// <param name="context">The context.</param>
    /// <param name="settings">The settings.</param>
    /// <returns>The captured output.</returns>
    [CakeMethodAlias]
    public static DockerCommandResult RegistryLogin(this ICakeContext context, RegistryLoginSettings settings)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new RegistryLoginRunner(context.FileSystem, context.Environment, context.ProcessRunner, context.Tools).Run(settings);
    }

    /// <summary>Runs <c>docker logout SERVER</c>.</summary>
    /// <param name="context">The context.</param>
    /// <param name="server">The registry; <c>null</c> means Docker Hub.</param>
    /// <returns>The captured output.</returns>
    [CakeMethodAlias]
    public static DockerCommandResult RegistryLogout(this ICakeContext context, string? server) =>
        context.RegistryLogout(new RegistryLogoutSettings { Server = server });

    /// <summary>Runs <c>docker logout</c>.</summary>
    /// <param name="context">The context.</param>
    /// <param name="settings">The settings.</param>
    /// <returns>The captured output.</returns>
    [CakeMethodAlias]
    public static DockerCommandResult RegistryLogout(this ICakeContext context, RegistryLogoutSettings settings)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new RegistryLogoutRunner(context.FileSystem, context.Environment, context.ProcessRunner, context.Tools).Run(settings);
    }
}
