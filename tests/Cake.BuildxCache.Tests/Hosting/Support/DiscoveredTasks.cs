using Cake.BuildxCache.Hosting;
using Cake.Core;
using Cake.Core.Diagnostics;

namespace Cake.BuildxCache.Tests.Hosting.Support;

/// <summary>Public, so the host discovers it when the test assembly is added.</summary>
[TaskName("DiscoveredFirst")]
public sealed class DiscoveredFirstTask : FrostingTask
{
    /// <summary>Records that it ran, in the environment the test can read back.</summary>
    public override void Run(ICakeContext context) => context.Log.Information("DiscoveredFirst ran");
}

/// <summary>Public and named after its type (no <see cref="TaskNameAttribute"/>).</summary>
[IsDependentOn(typeof(DiscoveredFirstTask))]
public sealed class DiscoveredSecond : FrostingTask
{
    /// <summary>Logs that it ran.</summary>
    public override void Run(ICakeContext context) => context.Log.Information("DiscoveredSecond ran");
}

/// <summary>Abstract: never discovered.</summary>
public abstract class AbstractDiscoveredTask : FrostingTask
{
}
