using Cake.BuildxCache.Tests.EndToEnd.Harness;
using Cake.BuildxCache.Tests.Support;

namespace Cake.BuildxCache.Tests.EndToEnd;

/// <summary>
/// The Cake scripts of README.md and docs/tasks.md are the ones <see cref="CakeScriptTests"/> runs with the official
/// runner: the text a user copies is the text that was tested (<see cref="DocsCSharpExamplesTests"/> compiles every
/// other one).
/// </summary>
public sealed class ReadmeScriptTests
{
    private static string Read(string path) => File.ReadAllText(Path.Combine(RepositoryRoot.Path, path)).ReplaceLineEndings("\n");

    [TestCase("README.md")]
    [TestCase("docs/tasks.md")]
    public void The_task_registration_script_is_the_one_the_test_runs(string page)
    {
        Assert.That(Read(page), Does.Contain("```csharp\n" + CakeScripts.Tasks("0.1.0").ReplaceLineEndings("\n") + "```"));
    }

    [Test]
    public void The_aliases_example_of_docs_tasks_is_the_one_the_test_runs()
    {
        Assert.That(Read("docs/tasks.md"), Does.Contain("```csharp\n" + CakeScripts.AliasesBody.ReplaceLineEndings("\n") + "```"));
    }
}
