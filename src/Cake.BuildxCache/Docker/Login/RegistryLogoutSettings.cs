using Cake.Core.Tooling;

namespace Cake.BuildxCache.Docker.Login;

/// <summary>Settings of <c>docker logout [SERVER]</c>.</summary>
public sealed class RegistryLogoutSettings : ToolSettings
{
    /// <summary>Gets or sets the registry (positional); <c>null</c> means Docker Hub.</summary>
    public string? Server { get; set; }
}
