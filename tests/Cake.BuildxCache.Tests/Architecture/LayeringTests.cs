using ArchUnitNET.Domain;
using ArchUnitNET.Fluent.Slices;
using ArchUnitNET.Loader;
using ArchUnitNET.NUnit;
using Cake.BuildxCache.Hosting;
using Cake.BuildxCache.Options;
using static ArchUnitNET.Fluent.ArchRuleDefinition;

namespace Cake.BuildxCache.Tests.Architecture;

/// <summary>
/// The module's layering, read from the compiled assemblies (options → refs → plan → steps → docker): Policy does no
/// I/O, Docker/ knows nothing of Policy, only Refs/ starts git, and no two namespaces depend on each other.
/// </summary>
[TestFixture]
public class LayeringTests
{
    private const string Module = "Cake.BuildxCache";

    // Loading reads every type of both assemblies: once for the fixture.
    private static readonly ArchUnitNET.Domain.Architecture Assemblies = new ArchLoader()
        .LoadAssemblies(typeof(BuildxCacheOptions).Assembly, typeof(CakeHost).Assembly)
        .Build();

    // The module alone: the host keeps Cake.Frosting's shape (its task base types at the root, the engine glue in
    // Internal/), which is one layer, not two.
    private static readonly ArchUnitNET.Domain.Architecture ModuleAssembly = new ArchLoader()
        .LoadAssemblies(typeof(BuildxCacheOptions).Assembly)
        .Build();

    private static IObjectProvider<IType> Namespace(string name) =>
        Types().That().ResideInNamespaceOrBelow($"{Module}.{name}").As($"{name}/");

    [Test]
    public void NoTwoNamespacesDependOnEachOther()
    {
        // One slice per folder under the module.
        SliceRuleDefinition.Slices().Matching($"{Module}.(*)").Should().BeFreeOfCycles().Check(ModuleAssembly);
    }

    [Test]
    public void PolicyDoesNoIo()
    {
        Types().That().Are(Namespace("Policy")).Should().NotDependOnAny(Io()).Check(Assemblies);
    }

    [Test]
    public void TheIoRuleSeesTheFlowsIo()
    {
        // The flow reads files and speaks to the registry: a rule that let it pass would prove nothing about Policy.
        var flowDoesNoIo = Types().That().Are(Namespace("Flow")).Should().NotDependOnAny(Io());

        Assert.That(flowDoesNoIo.HasNoViolations(Assemblies), Is.False);
    }

    [Test]
    public void DockerKnowsNothingOfPolicy()
    {
        Types().That().Are(Namespace("Docker")).Should().NotDependOnAny(Namespace("Policy")).Check(Assemblies);
    }

    [Test]
    public void OnlyRefsStartsGit()
    {
        Types().That().AreNot(Namespace("Refs")).Should().NotDependOnAny(GitStarters()).Check(Assemblies);
    }

    // File, process and network types, the registry client, the docker runners and git. Each Or() widens what came
    // before it, so the one conjunction (a runner of Docker/) comes first.
    private static IObjectProvider<IType> Io() =>
        Types().That().Are(Namespace("Docker")).And().HaveNameEndingWith("Runner")
            .Or().HaveFullNameMatching(@"^(System\.IO\.(File|Directory|FileInfo|DirectoryInfo|FileStream|StreamReader|StreamWriter)"
                + @"|System\.Diagnostics\.(Process|ProcessStartInfo)|Cake\.Core\.IO\.(IFileSystem|IProcessRunner|IProcess))$")
            .Or().ResideInNamespaceOrBelow("System.Net")
            .Or().ResideInNamespaceOrBelow($"{Module}.Registry")
            .Or().Are(GitStarters())
            .As("file, process and network types, the registry client, the docker runners and git");

    // What starts a git process: the CLI runner and the process it returns.
    private static IObjectProvider<IType> GitStarters() =>
        Types().That().HaveFullNameMatching(@"^Cake\.BuildxCache\.Refs\.Git(Cli|Process)$").As("the git runner");
}
