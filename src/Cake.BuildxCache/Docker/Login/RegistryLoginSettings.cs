using Cake.Core.Tooling;

namespace Cake.BuildxCache.Docker.Login;

/// <summary>
/// Settings of <c>docker login [SERVER] --username USER --password-stdin</c>. The password is written to
/// docker's standard input only: it is never on the command line, in a log line or in an error message.
/// </summary>
public sealed class RegistryLoginSettings : ToolSettings
{
    /// <summary>Gets or sets the registry (positional, last), e.g. <c>registry.gitlab.com</c>; <c>null</c> means Docker Hub.</summary>
    public string? Server { get; set; }

    /// <summary>Gets or sets the user name (<c>--username</c>).</summary>
    public string? Username { get; set; }

    /// <summary>Gets or sets the password or token, sent on standard input (<c>--password-stdin</c>).</summary>
    public string? Password { get; set; }
}
