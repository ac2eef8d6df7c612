namespace Cake.BuildxCache.Options;

/// <summary>The words <c>--buildx-plugin</c> takes besides the path of a docker-buildx binary.</summary>
internal static class BuildxPluginChoice
{
    /// <summary>The plugin docker would run, started directly.</summary>
    public const string Auto = "auto";

    /// <summary>Always through <c>docker buildx</c>.</summary>
    public const string Docker = "docker";
}
