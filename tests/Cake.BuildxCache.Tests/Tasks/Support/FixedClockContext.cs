using Cake.BuildxCache.Hosting.BuildxTasks;
using Cake.Core;

namespace Cake.BuildxCache.Tests.Tasks.Support;

/// <summary>The module's context with a fixed build time, so the <c>org.opencontainers.image.created</c> label is the same every run.</summary>
internal sealed class FixedClockContext(ICakeContext context) : BuildxCacheContext(context)
{
    public static readonly DateTimeOffset Created = new(2025, 3, 4, 5, 6, 7, TimeSpan.Zero);

    protected override DateTimeOffset BuildTime() => Created;
}
