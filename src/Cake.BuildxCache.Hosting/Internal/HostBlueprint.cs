using System.Reflection;
using Cake.Core.IO;
using Microsoft.Extensions.DependencyInjection;

namespace Cake.BuildxCache.Hosting.Internal;

/// <summary>What a <see cref="CakeHost"/> was configured with, handed to the command that runs it.</summary>
/// <param name="Services">Registrations made through the host (context, lifetimes, user services).</param>
/// <param name="Assemblies">Assemblies whose public task types are discovered.</param>
/// <param name="WorkingDirectory">The working directory set by <see cref="CakeHost.UseWorkingDirectory"/>, if any.</param>
internal sealed record HostBlueprint(
    IReadOnlyList<ServiceDescriptor> Services,
    IReadOnlyList<Assembly> Assemblies,
    DirectoryPath? WorkingDirectory);
