using Cake.BuildxCache.Docker.Buildx;
using Cake.BuildxCache.Docker.Context;
using Cake.BuildxCache.Pipeline;
using Cake.BuildxCache.Policy;
using Cake.Common.Diagnostics;
using Cake.Core;
using Cake.Core.IO;

namespace Cake.BuildxCache.Flow;

/// <summary>
/// EnsureBuilder: creates and bootstraps the builder, on a docker context when the endpoint carries TLS data; when
/// buildx says one of that name exists, reuses it if it has the right driver, options, remote daemon and generated
/// buildkitd.toml, else recreates it. Idempotent.
/// </summary>
internal static class BuilderSetup
{
    /// <summary>Runs the steps.</summary>
    /// <param name="run">The run.</param>
    /// <param name="steps">EnsureBuilder's steps.</param>
    /// <returns>The buildx version (the build's flags depend on it).</returns>
    public static BuildxVersion Ensure(BuildxCacheRun run, EnsureBuilderSteps steps)
    {
        run.EnsureValid();
        var version = BuildxVersionOrExplain(run, steps);
        if (run.BuildxPlugin is { } plugin)
        {
            run.Information(
                version.Number >= DirectBuildxProcessRunner.StandaloneSince ? "buildx {0}: starting {1} directly." : "buildx {0}: through docker ({1} is older than {2}, which reads docker's environment on its own).",
                version.Text,
                plugin.FullPath,
                DirectBuildxProcessRunner.StandaloneSince.ToString(2));
        }

        steps = steps.For(version);
        var builder = steps.Builder;
        if (builder is { PassesGeneratedConfig: true, GeneratedConfig: { } generated })
        {
            // Written on every run, reused builder or not: the artifact is always the config the builder has.
            ArtifactFile.Write(run.FileSystem, new FilePath(generated.Path).MakeAbsolute(run.Environment), generated.Content);
            run.Information("Wrote {0} (config {1}), generated from {2}.", generated.Path, generated.Hash, string.Join(" and ", generated.Sources.Select(name => "--" + name)));
        }

        if (steps is { InspectContext: { } inspectContext, CreateContext: { } createContext } && run.DockerContextInspect(inspectContext) is null)
        {
            run.Information("Creating docker context {0} for the TLS endpoint {1}.", createContext.Name, createContext.Docker!.Host);
            run.DockerContextCreate(createContext);
        }

        // Create first: buildx refuses a name that exists without touching that builder, so a fresh runner (the
        // common case in CI) needs no inspect; only a refusal leads to the inspect and the comparison with the plan.
        var create = steps.Create(version.CreateConfigFlag);
        var described = $"{builder.Name} (driver {builder.Driver}{(builder.RemoteEndpoint is { } daemon ? ", daemon " + daemon : string.Empty)}{(builder.Nodes.Count > 1 ? $", {builder.Nodes.Count} nodes" : string.Empty)}) with {version}";
        var runner = new BuildxCreateRunner(run.FileSystem, run.Environment, run.ProcessRunner, run.Tools);
        run.Information("Creating builder {0}, unless one of that name exists.", described);
        if (runner.RunUnlessExists(create) is not null)
        {
            AppendNodes(run, steps, version);
            return version;
        }

        run.Information("Builder {0} exists: comparing it with the plan.", builder.Name);
        var existing = run.BuildxInspect(steps.Inspect);
        var decision = BuilderDecision.Decide(existing, builder);
        switch (decision.Action)
        {
            case BuilderAction.Reuse or BuilderAction.Start:
                run.Information("Reusing builder {0} (driver {1}, {2}).", existing!.Name, existing.Driver, decision.Action == BuilderAction.Reuse ? "running" : "starting it");
                if (decision.Action == BuilderAction.Start)
                {
                    run.BuildxInspect(steps.Start);
                }

                return version;
            case BuilderAction.Recreate:
                run.Information("Recreating builder {0}: {1}.", existing!.Name, decision.Reason);
                run.BuildxRm(steps.Remove);
                break;
            default:
                run.Information("Builder {0} is gone since buildx said it exists: creating it.", builder.Name);
                break;
        }

        run.Information("Creating builder {0}.", described);
        run.BuildxCreate(create);
        AppendNodes(run, steps, version);
        return version;
    }

    // Only ever after this run created the builder: an existing one is reused, or removed and created anew, whole.
    private static void AppendNodes(BuildxCacheRun run, EnsureBuilderSteps steps, BuildxVersion version)
    {
        foreach (var append in steps.Appends(version.CreateConfigFlag))
        {
            run.Information("Appending node {0} ({1}) to builder {2}.", append.Node, append.Endpoint ?? "platforms " + string.Join(",", append.Platforms), append.Name);
            run.BuildxCreate(append);
        }
    }

    private static BuildxVersion BuildxVersionOrExplain(BuildxCacheRun run, EnsureBuilderSteps steps)
    {
        try
        {
            // Known to the run from here on: the commands after it start buildx directly when it can.
            return run.KnownBuildxVersion(steps.Version);
        }
        catch (CakeException exception)
        {
            throw new CakeException(
                "docker buildx is not available: install the buildx CLI plugin (Debian/Ubuntu: docker-buildx-plugin or docker-buildx; "
                + "it ships with Docker Desktop and the docker:dind images) and check `docker buildx version`. " + exception.Message,
                exception);
        }
    }
}
