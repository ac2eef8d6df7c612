using Cake.Core;
using Cake.Core.Annotations;

namespace Cake.BuildxCache.Tests.Docker;

/// <summary>
/// Aliases shaped like Cake.Docker's, as this module had them before they were renamed: what
/// <see cref="CakeDockerClashTests"/> must catch. Only the test reads them (the module's assemblies are what it checks).
/// </summary>
internal static class ClashingAliasSample
{
    /// <summary>Cake.Docker's <c>DockerLogout(string)</c> again.</summary>
    /// <param name="context">The context.</param>
    /// <param name="server">The registry.</param>
    [CakeMethodAlias]
    public static void DockerLogout(this ICakeContext context, string server)
    {
    }

    /// <summary>Cake.Docker's three-string <c>DockerLogin</c>, with the arguments named and ordered otherwise.</summary>
    /// <param name="context">The context.</param>
    /// <param name="server">The registry.</param>
    /// <param name="user">The user.</param>
    /// <param name="password">The password.</param>
    [CakeMethodAlias]
    public static void DockerLogin(this ICakeContext context, string server, string user, string? password)
    {
    }
}
