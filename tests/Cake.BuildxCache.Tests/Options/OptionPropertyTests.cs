using System.Collections;
using System.Reflection;
using Cake.BuildxCache.Options;

namespace Cake.BuildxCache.Tests.Options;

/// <summary>
/// Every option of the catalog is a typed property of <see cref="BuildxCacheOptions"/> of its own, which a C#
/// consumer sets with <c>options with { … }</c>: reading one option changes exactly one property, no two options
/// share one, and no settable property lacks its option. A new option whose property was forgotten (or whose
/// declaration points at another option's property) fails here.
/// </summary>
public sealed class OptionPropertyTests
{
    // What reading records beside the values, and the former name that reads and writes PruneReservedSpace.
    private static readonly string[] NotOptions =
        [nameof(BuildxCacheOptions.Origins), nameof(BuildxCacheOptions.ReadProblems), nameof(BuildxCacheOptions.ReadWarnings), "PruneKeepStorage"];

    private static readonly PropertyInfo[] Settable =
    [
        .. typeof(BuildxCacheOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(property => property.SetMethod is not null && !NotOptions.Contains(property.Name)),
    ];

    [Test]
    public void Reading_an_option_sets_one_property_of_its_own()
    {
        var owners = new Dictionary<string, string>();
        foreach (var option in OptionCatalog.All)
        {
            var changed = ChangedBy(option);

            Assert.That(changed, Has.Length.EqualTo(1), $"{option.Name}: reading it changes the properties [{string.Join(", ", changed)}]; declare a property for it on BuildxCacheOptions");
            Assert.That(owners.TryAdd(changed[0], option.Name), Is.True, $"{option.Name} and {owners.GetValueOrDefault(changed[0])} both set {changed[0]}");
        }

        Assert.That(Settable.Select(property => property.Name).Except(owners.Keys), Is.Empty, "settable properties no option reads");
    }

    [Test]
    public void A_consumer_sets_a_newer_option_directly()
    {
        var options = new BuildxCacheOptions() with { InsecureRegistries = ["registry.lan:5000"], CachePromote = true };

        Assert.That(OptionCatalog.InsecureRegistry.Format(options), Is.EqualTo("registry.lan:5000"));
        Assert.That(OptionCatalog.CachePromote.Format(options), Is.EqualTo("true"));
    }

    // The example, or a value other than the default where the example is the default (a flag's, the builder's name).
    private static string[] ChangedBy(OptionDescriptor option)
    {
        var fresh = new BuildxCacheOptions();
        string[] texts = option.Example switch
        {
            "true" => ["true", "false"],
            "false" => ["false", "true"],
            "max" => ["min"],
            _ => [option.Example, option.Example + "2"],
        };
        return texts.Select(text => Changed(fresh, Read(option, text))).FirstOrDefault(changed => changed.Length > 0) ?? [];
    }

    private static BuildxCacheOptions Read(OptionDescriptor option, string text) =>
        option.ReadInto(
            new OptionReading(OptionSources.From(environment: new Dictionary<string, string> { [option.EnvironmentVariable] = text })),
            new BuildxCacheOptions());

    private static string[] Changed(BuildxCacheOptions before, BuildxCacheOptions after) =>
        [.. Settable.Where(property => !Same(property.GetValue(before), property.GetValue(after))).Select(property => property.Name)];

    private static bool Same(object? a, object? b) =>
        a is IEnumerable left and not string && b is IEnumerable right and not string
            ? left.Cast<object?>().SequenceEqual(right.Cast<object?>())
            : Equals(a, b);
}
