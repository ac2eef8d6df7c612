using Cake.BuildxCache.Hosting.Internal;
using Cake.Core.IO;
using Cake.Core.Packaging;
using Microsoft.Extensions.DependencyInjection;

namespace Cake.BuildxCache.Tests.Hosting;

/// <summary>The host builds package installers on first use, not with the host: NuGet's reads NuGet.Config when built.</summary>
public sealed class DeferredPackageInstallerTests
{
    [Test]
    public void Resolving_the_installers_builds_none_until_one_is_used()
    {
        var services = new ServiceCollection();
        services.AddSingleton<BuildCounter>();
        services.AddSingleton<IPackageInstaller, CountingInstaller>();
        services.AddSingleton<IPackageInstaller>(provider => new CountingInstaller(provider.GetRequiredService<BuildCounter>()));

        DeferredPackageInstaller.DeferAll(services);
        using var provider = services.BuildServiceProvider();
        var installers = provider.GetServices<IPackageInstaller>().ToList();
        var counter = provider.GetRequiredService<BuildCounter>();

        Assert.That(installers, Has.Count.EqualTo(2).And.All.TypeOf<DeferredPackageInstaller>());
        Assert.That(counter.Built, Is.Zero, "resolving builds no installer");
        Assert.That(installers[0].CanInstall(new PackageReference("nuget:?package=Tool"), PackageType.Tool), Is.True);
        Assert.That(counter.Built, Is.EqualTo(1), "the first one used is built; the other is not");
        installers[0].CanInstall(new PackageReference("nuget:?package=Tool"), PackageType.Tool);
        Assert.That(counter.Built, Is.EqualTo(1), "built once");
    }

    private sealed class BuildCounter
    {
        public int Built { get; set; }
    }

    private sealed class CountingInstaller : IPackageInstaller
    {
        public CountingInstaller(BuildCounter counter) => counter.Built++;

        public bool CanInstall(PackageReference package, PackageType type) => true;

        public IReadOnlyCollection<IFile> Install(PackageReference package, PackageType type, DirectoryPath path) => [];
    }
}
