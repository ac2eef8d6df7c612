using Build.Packaging;
using Cake.BuildxCache.Hosting;
using Cake.Common;
using Cake.Common.Diagnostics;
using Cake.Common.IO;
using Cake.Common.Tools.DotNet;
using Cake.Common.Tools.DotNet.MSBuild;
using Cake.Common.Tools.DotNet.Pack;
using Cake.Core.IO;

namespace Build.Tasks;

/// <summary>
/// Packs Cake.BuildxCache.Hosting and Cake.BuildxCache (with their symbol packages) into
/// <c>artifacts/packages</c>, versioned from git (see <see cref="GitVersion"/>).
/// </summary>
[TaskName("Pack")]
[TaskDescription("Packs Cake.BuildxCache and Cake.BuildxCache.Hosting into artifacts/packages (--package-output=<dir>, --package-version=<v> override), versioned from git.")]
public sealed class PackTask : FrostingTask<IFrostingContext>
{
    /// <summary>The packed projects, dependencies first.</summary>
    public static readonly string[] Projects =
    [
        "src/Cake.BuildxCache.Hosting/Cake.BuildxCache.Hosting.csproj",
        "src/Cake.BuildxCache/Cake.BuildxCache.csproj",
    ];

    /// <inheritdoc/>
    public override void Run(IFrostingContext context)
    {
        var root = context.Environment.WorkingDirectory;
        var output = context.Argument<string?>("package-output", null) is { } given
            ? new DirectoryPath(given).MakeAbsolute(context.Environment)
            : root.Combine("artifacts/packages");
        context.EnsureDirectoryExists(output);
        context.CleanDirectory(output);

        var (gitVersion, sha) = GitVersion.Compute(root.FullPath);
        var version = context.Argument("package-version", gitVersion);
        context.Information($"Packing version {version} (commit {sha}) into {output.FullPath}");

        var msbuild = new DotNetMSBuildSettings()
            .WithProperty("Version", version)
            .WithProperty("RepositoryCommit", sha);
        foreach (var project in Projects)
        {
            context.DotNetPack(root.CombineWithFilePath(project).FullPath, new DotNetPackSettings
            {
                Configuration = "Release",
                OutputDirectory = output,
                MSBuildSettings = msbuild,
            });
        }

        foreach (var package in context.GetFiles(output.FullPath + "/*.*nupkg"))
        {
            context.Information(package.GetFilename().FullPath);
        }
    }
}
