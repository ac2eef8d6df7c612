namespace Cake.BuildxCache.Hosting.Internal;

/// <summary>Which of Cake's script hosts runs the targets.</summary>
internal enum HostRun
{
    Build,
    DryRun,
    Tree,
    Description,
}
