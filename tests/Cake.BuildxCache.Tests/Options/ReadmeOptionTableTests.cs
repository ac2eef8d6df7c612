using Cake.BuildxCache.Options;
using Cake.BuildxCache.Tests.Support;

namespace Cake.BuildxCache.Tests.Options;

public sealed class ReadmeOptionTableTests
{
    [Test]
    public void The_README_lists_every_option_exactly_as_the_Options_task_prints_it()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "README.md"));
        var table = string.Join("\n", OptionTable.Markdown());

        Assert.That(readme, Does.Contain(table), "regenerate the README table with ./build.sh --target=Options");
    }

    [Test]
    public void The_table_has_one_row_per_option_and_keeps_secrets_off_the_command_line()
    {
        var rows = OptionTable.Markdown().Skip(2).ToList();

        Assert.That(rows, Has.Count.EqualTo(OptionCatalog.All.Count));
        Assert.That(rows.Single(row => row.Contains("`BUILDX_REGISTRY_PASSWORD`", StringComparison.Ordinal)), Does.StartWith("| (environment only) |"));
        Assert.That(rows.Single(row => row.Contains("`BUILDX_CACHE_REPO`", StringComparison.Ordinal)), Does.Contain("&lt;image&gt;").Or.Contain("`<image>/cache`"));
    }
}
