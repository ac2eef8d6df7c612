using Cake.Core.IO;
using Cake.Core.Packaging;
using Microsoft.Extensions.DependencyInjection;

namespace Cake.BuildxCache.Hosting.Internal;

/// <summary>
/// A package installer built on first use. Cake's default modules construct NuGet's installer with the host,
/// and its constructor reads the machine's NuGet.Config under a file lock: tens of milliseconds on every run,
/// although only a tool installation ever calls it.
/// </summary>
/// <param name="create">Builds the real installer.</param>
internal sealed class DeferredPackageInstaller(Func<IPackageInstaller> create) : IPackageInstaller
{
    private readonly Lazy<IPackageInstaller> _installer = new(create);

    /// <inheritdoc />
    public bool CanInstall(PackageReference package, PackageType type) => _installer.Value.CanInstall(package, type);

    /// <inheritdoc />
    public IReadOnlyCollection<IFile> Install(PackageReference package, PackageType type, DirectoryPath path) =>
        _installer.Value.Install(package, type, path);

    /// <summary>Replaces every <see cref="IPackageInstaller"/> registration with one that builds the installer on first use.</summary>
    /// <param name="services">The services, with Cake's default modules registered.</param>
    public static void DeferAll(IServiceCollection services)
    {
        foreach (var descriptor in services.Where(descriptor => descriptor.ServiceType == typeof(IPackageInstaller)).ToList())
        {
            var index = services.IndexOf(descriptor);
            services[index] = ServiceDescriptor.Singleton<IPackageInstaller>(provider => new DeferredPackageInstaller(() => Create(provider, descriptor)));
        }
    }

    private static IPackageInstaller Create(IServiceProvider provider, ServiceDescriptor descriptor) =>
        (IPackageInstaller)(descriptor.ImplementationInstance
            ?? descriptor.ImplementationFactory?.Invoke(provider)
            ?? ActivatorUtilities.CreateInstance(provider, descriptor.ImplementationType!));
}
