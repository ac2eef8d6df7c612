using Cake.BuildxCache.Tests.Support;

namespace Cake.BuildxCache.Tests;

/// <summary>The run's last step: nothing of the run stays in the temp folder.</summary>
[SetUpFixture]
public sealed class TestRunCleanup
{
    [OneTimeTearDown]
    public void DeleteTheRunFolder()
    {
        if (TestRunFolder.Created)
        {
            TemporaryDirectory.Delete(TestRunFolder.Path);
        }
    }
}
