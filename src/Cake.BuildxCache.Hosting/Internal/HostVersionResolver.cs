using System.Reflection;
using System.Runtime.InteropServices;
using Cake.Cli;
using Cake.Core;

namespace Cake.BuildxCache.Hosting.Internal;

/// <summary>
/// Versions for <c>--version</c> and Cake's <c>--info</c> page: this host's and the Cake engine's,
/// rather than the entry assembly's (which is the consumer's build app).
/// </summary>
internal sealed class HostVersionResolver : IVersionResolver
{
    public static string HostVersion => VersionOf(typeof(CakeHost).Assembly);

    public static string EngineVersion => VersionOf(typeof(ICakeEngine).Assembly);

    public string GetVersion() => $"Cake.BuildxCache.Hosting {HostVersion} (Cake engine {EngineVersion})";

    // InfoFeature prints each '/'-separated part on a line of its own.
    public string GetProductVersion() =>
        $"Cake.BuildxCache.Hosting {HostVersion}/Cake engine {EngineVersion}/{RuntimeInformation.FrameworkDescription}/{RuntimeInformation.OSDescription.Replace('/', '-')}";

    private static string VersionOf(Assembly assembly) =>
        assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? assembly.GetName().Version?.ToString()
        ?? "unknown";
}
