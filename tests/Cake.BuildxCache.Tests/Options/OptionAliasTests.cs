using Cake.BuildxCache.Options;

namespace Cake.BuildxCache.Tests.Options;

/// <summary>
/// A renamed option keeps its former name (<see cref="OptionDescriptor.Aliases"/>): read from every source, with a
/// warning naming the new one; the new name wins in each source; the spelling check knows both. The one alias so
/// far: <c>--prune-keep-storage</c> of <c>--prune-reserved-space</c>.
/// </summary>
public sealed class OptionAliasTests
{
    [Test]
    public void The_former_argument_sets_the_option_and_warns_naming_the_new_one()
    {
        var options = new OptionSourcesBuilder().Arg("prune-keep-storage", "10GB").Read();

        Assert.That(options.PruneReservedSpace, Is.EqualTo("10GB"));
        Assert.That(options.OriginOf(OptionCatalog.PruneReservedSpace).ToString(), Is.EqualTo("from --prune-keep-storage"));
        Assert.That(options.ReadWarnings, Is.EqualTo(new[] { "--prune-keep-storage is deprecated: read as prune-reserved-space; write --prune-reserved-space instead." }));
        Assert.That(options.ReadProblems, Is.Empty);
    }

    [Test]
    public void The_former_environment_variable_and_cake_config_key_are_read_too()
    {
        var fromEnvironment = new OptionSourcesBuilder().Env("BUILDX_PRUNE_KEEP_STORAGE", "2GB").Read();
        var fromConfig = new OptionSourcesBuilder().Config("Buildx_PruneKeepStorage", "3GB").Read();

        Assert.That(fromEnvironment.PruneReservedSpace, Is.EqualTo("2GB"));
        Assert.That(fromEnvironment.ReadWarnings.Single(), Is.EqualTo("BUILDX_PRUNE_KEEP_STORAGE is deprecated: read as prune-reserved-space; write BUILDX_PRUNE_RESERVED_SPACE instead."));
        Assert.That(fromConfig.PruneReservedSpace, Is.EqualTo("3GB"));
        Assert.That(fromConfig.ReadWarnings.Single(), Is.EqualTo(
            "PruneKeepStorage= under [Buildx] in cake.config (Buildx_PruneKeepStorage) is deprecated: read as prune-reserved-space; "
            + "write PruneReservedSpace= under [Buildx] in cake.config (Buildx_PruneReservedSpace) instead."));
    }

    [Test]
    public void The_new_name_wins_in_its_source_and_the_former_is_said_to_be_ignored()
    {
        var options = new OptionSourcesBuilder().Arg("prune-keep-storage", "10GB").Arg("prune-reserved-space", "1GB").Read();

        Assert.That(options.PruneReservedSpace, Is.EqualTo("1GB"));
        Assert.That(options.ReadWarnings.Single(), Is.EqualTo("--prune-keep-storage is ignored: prune-reserved-space is set (from --prune-reserved-space); drop the deprecated name."));
    }

    [Test]
    public void A_former_name_keeps_its_sources_precedence()
    {
        // An argument beats the environment, whichever name each uses.
        var options = new OptionSourcesBuilder().Arg("prune-keep-storage", "10GB").Env("BUILDX_PRUNE_RESERVED_SPACE", "1GB").Read();

        Assert.That(options.PruneReservedSpace, Is.EqualTo("10GB"));
        Assert.That(options.ReadWarnings, Has.Some.StartWith("--prune-keep-storage is deprecated"));
    }

    [Test]
    public void An_option_given_by_its_own_name_has_no_warning()
    {
        Assert.That(new OptionSourcesBuilder().Arg("prune-reserved-space", "1GB").Read().ReadWarnings, Is.Empty);
    }

    [Test]
    public void A_bad_value_under_the_former_name_is_reported_as_the_options_with_its_origin()
    {
        var options = new OptionSourcesBuilder().Arg("prune-keep-storage", "lots").Read();

        Assert.That(
            BuildxCacheOptionsValidator.Validate(options, isCI: false).Select(problem => problem.Message),
            Has.Some.StartWith("prune-reserved-space 'lots' (from --prune-keep-storage): is not a size"));
    }

    [Test]
    public void The_spelling_check_knows_former_names_and_points_their_typos_at_the_new_name()
    {
        var known = OptionSpelling.Check(["prune-keep-storage", "buildx_prunekeepstorage"], ["PruneKeepStorage"], OptionCatalog.All);
        var typo = OptionSpelling.Check(["prune-keep-storag"], [], OptionCatalog.All);

        Assert.That(known.Problems, Is.Empty);
        Assert.That(known.Warnings, Is.Empty);
        Assert.That(typo.Problems.Single().Message, Does.Contain("did you mean --prune-reserved-space "));
    }

    [Test]
    public void The_option_table_names_the_former_name_in_the_options_row()
    {
        var row = OptionTable.Markdown().Single(line => line.StartsWith("| `--prune-reserved-space` |", StringComparison.Ordinal));

        Assert.That(row, Does.EndWith("; formerly `--prune-keep-storage`, still read with a warning |"));
        Assert.That(OptionTable.Markdown(), Has.None.StartWith("| `--prune-keep-storage`"));
    }

    [Test]
    public void Every_alias_is_unique_and_no_current_name()
    {
        var names = OptionCatalog.All.Select(option => option.Name).ToList();
        var aliases = OptionCatalog.All.SelectMany(option => option.Aliases).ToList();

        Assert.That(aliases, Is.Unique);
        Assert.That(aliases, Has.None.AnyOf([.. names]));
    }
}
