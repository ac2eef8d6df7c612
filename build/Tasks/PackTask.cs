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
/// Packs Cake.BuildxCache.Hosting and Cake.BuildxCache (with their symbol packages) and the <c>dotnet new</c> template
/// package Cake.BuildxCache.Templates, whose files reference the two at the same version, into
/// <c>artifacts/packages</c>, versioned from git (see <see cref="GitVersion"/>).
/// </summary>
[TaskName("Pack")]
[TaskDescription("Packs Cake.BuildxCache, Cake.BuildxCache.Hosting and the dotnet new template Cake.BuildxCache.Templates into artifacts/packages (--package-output=<dir>, --package-version=<v> override), versioned from git.")]
public sealed class PackTask : FrostingTask<IFrostingContext>
{
    /// <summary>The packed projects, dependencies first.</summary>
    public static readonly string[] Projects =
    [
        "src/Cake.BuildxCache.Hosting/Cake.BuildxCache.Hosting.csproj",
        "src/Cake.BuildxCache/Cake.BuildxCache.csproj",
        "src/Cake.BuildxCache.Templates/Cake.BuildxCache.Templates.csproj",
    ];

    /// <summary>The module's package id, which a Cake script loads with <c>#addin</c>.</summary>
    public const string ModulePackage = "Cake.BuildxCache";

    /// <summary>The host's package id, which a C# build program references.</summary>
    public const string HostingPackage = "Cake.BuildxCache.Hosting";

    /// <inheritdoc/>
    public override void Run(IFrostingContext context)
    {
        var root = context.Environment.WorkingDirectory;
        var output = context.Argument<string?>("package-output", null) is { } given
            ? new DirectoryPath(given).MakeAbsolute(context.Environment)
            : root.Combine("artifacts/packages");
        context.EnsureDirectoryExists(output);

        var (gitVersion, sha) = GitVersion.Compute(root.FullPath);
        var version = context.Argument("package-version", gitVersion);
        context.Information($"Packing version {version} (commit {sha}) into {output.FullPath}");

        // The output may be a user's feed (/srv/feed): nothing in it is removed but the files this pack writes. The
        // packages are made in a folder of their own, then moved in, each replacing an older build of the same id and
        // version; other packages and files stay.
        var staging = new DirectoryPath(System.IO.Path.Combine(System.IO.Path.GetTempPath(), "cake-buildxcache-pack-" + Guid.NewGuid().ToString("N")));
        context.EnsureDirectoryExists(staging);
        try
        {
            var msbuild = new DotNetMSBuildSettings()
                .WithProperty("Version", version)
                .WithProperty("RepositoryCommit", sha);
            foreach (var project in Projects)
            {
                context.DotNetPack(root.CombineWithFilePath(project).FullPath, new DotNetPackSettings
                {
                    Configuration = "Release",
                    OutputDirectory = staging,
                    MSBuildSettings = msbuild,
                });
            }

            var packed = new List<PackedPackage>();
            foreach (var package in context.GetFiles(staging.FullPath + "/*.*nupkg").OrderBy(path => path.FullPath, StringComparer.Ordinal))
            {
                var target = output.CombineWithFilePath(package.GetFilename());
                var replaced = System.IO.File.Exists(target.FullPath);
                System.IO.File.Move(package.FullPath, target.FullPath, overwrite: true);
                context.Information($"{package.GetFilename().FullPath}{(replaced ? " (replaced the older build of this version)" : string.Empty)}");
                if (target.GetExtension() == ".nupkg")
                {
                    packed.Add(PackedPackage.Read(target.FullPath));
                }
            }

            // The lines a user copies, with the version NuGet knows these packages by: the docs' examples name a version
            // a reader's own Pack may not have made.
            context.Information("Load it from a Cake script, or reference it from a C# build program:");
            context.Information(packed.Single(package => package.Id == ModulePackage).AddinLine);
            context.Information(packed.Single(package => package.Id == HostingPackage).PackageReference);
        }
        finally
        {
            context.DeleteDirectory(staging, new DeleteDirectorySettings { Recursive = true, Force = true });
        }
    }
}
