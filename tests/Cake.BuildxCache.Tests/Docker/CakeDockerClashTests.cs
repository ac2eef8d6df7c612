using System.Reflection;
using Cake.BuildxCache.Flow;
using Cake.BuildxCache.Hosting;
using Cake.Core.Annotations;

namespace Cake.BuildxCache.Tests.Docker;

/// <summary>
/// A script that loads this module and Cake.Docker compiles: no alias of ours has the name and parameter types of one
/// of Cake.Docker's (the script's generated proxies would collide), and no public type of ours is named like one of
/// Cake.Docker's, ignoring case (both namespaces are imported into the script, so the name would be ambiguous, and a
/// settings type differing only by case invites the wrong one). Cake.Docker's side is the recorded fixture.
/// </summary>
public sealed class CakeDockerClashTests
{
    private static readonly Assembly[] Ours = [typeof(BuildxCacheAliases).Assembly, typeof(CakeHost).Assembly];

    private static readonly CakeDockerSurface CakeDocker = CakeDockerSurface.Read();

    private static IEnumerable<MethodInfo> AliasesOf(Type type) =>
        type.GetMethods(BindingFlags.Public | BindingFlags.Static).Where(method => method.IsDefined(typeof(CakeMethodAliasAttribute)));

    private static List<MethodInfo> OurAliases() =>
        [.. Ours.SelectMany(assembly => assembly.GetExportedTypes()).SelectMany(AliasesOf)];

    /// <summary>A type's name as source spells it: <c>DockerTool</c> for <c>DockerTool`1</c>.</summary>
    private static string SourceName(Type type) => type.Name.Split('`')[0];

    [Test]
    public void The_fixture_holds_Cake_Dockers_aliases_and_type_names()
    {
        Assert.That(CakeDocker.Source, Does.Match("^Cake.Docker [0-9.]+, https://github.com/MihaMarkic/Cake.Docker at commit [0-9a-f]{40}$"));
        Assert.That(CakeDocker.Aliases, Has.Count.GreaterThan(100).And.Member("DockerLogout(string)").And.Member("DockerLogin(string, string, string)"));
        Assert.That(CakeDocker.Aliases, Has.Member("DockerBuildXBuild(DockerBuildXBuildSettings, string)"));
        Assert.That(CakeDocker.Types, Has.Member("DockerRegistryLoginSettings").And.Member("DockerBuildXBuildSettings"));
    }

    [Test]
    public void The_comparison_catches_aliases_shaped_like_Cake_Dockers()
    {
        var shapes = AliasesOf(typeof(ClashingAliasSample)).Select(AliasShape.Of).ToList();

        Assert.That(shapes, Is.EquivalentTo(new[] { "DockerLogout(string)", "DockerLogin(string, string, string)" }));
        Assert.That(shapes, Is.SubsetOf(CakeDocker.Aliases));
    }

    [Test]
    public void No_alias_of_ours_has_the_name_and_parameter_types_of_one_of_Cake_Dockers()
    {
        var ours = OurAliases();
        Assert.That(ours.Select(alias => alias.Name), Has.Member(nameof(BuildxCacheAliases.BuildxCachePublish)).And.Member("BuildxBuild"), "the aliases were found");

        var clashes = ours.Select(AliasShape.Of).Intersect(CakeDocker.Aliases, StringComparer.Ordinal);

        Assert.That(clashes, Is.Empty);
    }

    [Test]
    public void No_public_type_of_ours_is_named_like_one_of_Cake_Dockers_ignoring_case()
    {
        // A nested type is reached through its outer type's name: only namespace-level names meet in a script.
        var types = Ours.SelectMany(assembly => assembly.GetExportedTypes()).Where(type => !type.IsNested).ToList();
        Assert.That(types, Has.Member(typeof(BuildxCacheSettings)).And.Member(typeof(CakeHost)), "the types were found");

        var clashes = types.Where(type => CakeDocker.Types.Contains(SourceName(type), StringComparer.OrdinalIgnoreCase)).Select(type => type.FullName);

        Assert.That(clashes, Is.Empty);
    }
}
