using Cake.BuildxCache.Tests.EndToEnd.Harness;
using Cake.BuildxCache.Tests.Support;

namespace Cake.BuildxCache.Tests.EndToEnd;

/// <summary>
/// The README's two Cake scripts are the ones <see cref="CakeScriptTests"/> runs with the official runner: the text a
/// user copies is the text that was tested.
/// </summary>
public sealed class ReadmeScriptTests
{
    private static readonly string Readme = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "README.md")).ReplaceLineEndings("\n");

    [Test]
    public void The_task_registration_script_in_the_README_is_the_one_the_test_runs()
    {
        Assert.That(Readme, Does.Contain("```csharp\n" + CakeScripts.Tasks("0.1.0").ReplaceLineEndings("\n") + "```"));
    }

    [Test]
    public void The_aliases_example_in_the_README_is_the_one_the_test_runs()
    {
        Assert.That(Readme, Does.Contain("```csharp\n" + CakeScripts.AliasesBody.ReplaceLineEndings("\n") + "```"));
    }
}
