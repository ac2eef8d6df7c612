using Build.Testing;
using Cake.BuildxCache.Hosting;
using Cake.Common;
using Cake.Common.Diagnostics;
using Cake.Common.IO;
using Cake.Common.Tools.DotNet;
using Cake.Common.Tools.DotNet.Test;
using Cake.Core;

namespace Build.Tasks;

/// <summary>Runs the whole test suite and ends with the line CI reads: <c>N passed, N failed, N skipped</c>.</summary>
[TaskName("Test")]
[TaskDescription("Runs the test suite (optionally --test-filter=<expression>) and prints N passed, N failed, N skipped.")]
public sealed class TestTask : FrostingTask<IFrostingContext>
{
    /// <inheritdoc/>
    public override void Run(IFrostingContext context)
    {
        var results = context.Environment.WorkingDirectory.Combine("artifacts/test-results");
        context.EnsureDirectoryExists(results);
        context.CleanDirectory(results);

        // The run's id is in every builder, volume and temp folder the tests make: named here, before anything runs, so an
        // interrupted run's leftovers can be told apart (the next run sweeps them once this run's test host is gone).
        var runId = Guid.NewGuid().ToString("N")[..8];
        context.Information("test run {0}: builders e2e-{0}-…, temp folder buildx-cache-tests-{0}", runId);
        var failure = default(Exception);
        try
        {
            context.DotNetTest("tests/Cake.BuildxCache.Tests/Cake.BuildxCache.Tests.csproj", new DotNetTestSettings
            {
                Configuration = "Release",
                Filter = context.Argument<string?>("test-filter", null),
                ResultsDirectory = results,
                Loggers = ["trx", "console;verbosity=normal"],
                EnvironmentVariables = new Dictionary<string, string> { ["BUILDX_CACHE_TESTS_RUN_ID"] = runId },
            });
        }
        catch (CakeException exception)
        {
            // Failing tests make dotnet test exit non-zero; the summary must still be printed.
            failure = exception;
        }

        var trxFiles = context.GetFiles(results.FullPath + "/*.trx").Select(file => file.FullPath).ToList();
        if (trxFiles.Count == 0)
        {
            throw new CakeException("dotnet test wrote no results: the test project did not build or run.", failure!);
        }

        var summary = TestSummary.FromTrx(trxFiles);
        context.Information(summary.ToString());
        if (failure is not null || summary.Failed > 0)
        {
            throw new CakeException($"Tests failed: {summary}.");
        }
    }
}
