using Cake.BuildxCache.Options;
using Cake.BuildxCache.Tests.Support;

namespace Cake.BuildxCache.Tests.Options;

/// <summary>
/// docs/options.md holds the option table exactly as <see cref="OptionTable"/> makes it from the catalog (what
/// <c>./build.sh --target=Options</c> prints). Run this test with <c>UPDATE_GOLDEN=1</c> to rewrite the table in the
/// page from the catalog, then review the diff.
/// </summary>
public sealed class OptionsPageTests
{
    private const string Header = "| argument | environment |";

    private static string PagePath => Path.Combine(RepositoryRoot.Path, "docs", "options.md");

    [Test]
    public void The_options_page_lists_every_option_exactly_as_the_Options_task_prints_it()
    {
        var page = File.ReadAllText(PagePath).ReplaceLineEndings("\n");
        var table = string.Join("\n", OptionTable.Markdown());
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(PagePath, WithTable(page, table));
            Assert.Warn($"Rewrote the table in {PagePath}: review the diff before committing.");
            return;
        }

        Assert.That(page, Does.Contain(table), "docs/options.md's table is not the catalog's: run this test with UPDATE_GOLDEN=1 to rewrite it, then review the diff");
        Assert.That(page, Does.StartWith("<!--").And.Contain("UPDATE_GOLDEN=1"), "the page's first line says how the table is made");
    }

    [Test]
    public void The_table_has_one_row_per_option_and_keeps_secrets_off_the_command_line()
    {
        var rows = OptionTable.Markdown().Skip(2).ToList();

        Assert.That(rows, Has.Count.EqualTo(OptionCatalog.All.Count));
        Assert.That(rows.Single(row => row.Contains("`BUILDX_REGISTRY_PASSWORD`", StringComparison.Ordinal)), Does.StartWith("| (environment only) |"));
        Assert.That(rows.Single(row => row.Contains("`BUILDX_CACHE_REPO`", StringComparison.Ordinal)), Does.Contain("&lt;image&gt;").Or.Contain("`<image>/cache`"));
    }

    // The page with its table (the header line and every table line after it) replaced by the catalog's.
    private static string WithTable(string page, string table)
    {
        var lines = page.Split('\n').ToList();
        var start = lines.FindIndex(line => line.StartsWith(Header, StringComparison.Ordinal));
        Assert.That(start, Is.GreaterThanOrEqualTo(0), $"no line starting '{Header}' in {PagePath}: put the table back by hand once");
        var end = start;
        while (end < lines.Count && lines[end].StartsWith('|'))
        {
            end++;
        }

        lines.RemoveRange(start, end - start);
        lines.InsertRange(start, table.Split('\n'));
        return string.Join("\n", lines);
    }
}
