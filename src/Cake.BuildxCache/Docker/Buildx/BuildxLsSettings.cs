using Cake.Core.Tooling;

namespace Cake.BuildxCache.Docker.Buildx;

/// <summary>Settings of <c>docker buildx ls</c>; only the common tool settings apply.</summary>
public sealed class BuildxLsSettings : ToolSettings
{
}
