using Cake.BuildxCache.Docker.Buildx;
using Cake.BuildxCache.Docker.Context;
using Cake.BuildxCache.Hosting;
using Cake.BuildxCache.Policy;
using Cake.Common.Diagnostics;
using Cake.Core;

namespace Cake.BuildxCache.Tasks;

/// <summary>
/// Reuses the builder when one of that name exists with the right driver and options; otherwise
/// (re)creates it, on a docker context when the endpoint carries TLS data, and bootstraps it. Idempotent.
/// </summary>
[TaskName(Name)]
[TaskDescription("Reuses or creates the buildx builder (docker-container driver by default) and bootstraps it.")]
public sealed class EnsureBuilderTask : FrostingTask<BuildxCacheContext>
{
    /// <summary>The task name.</summary>
    public const string Name = "EnsureBuilder";

    /// <inheritdoc/>
    public override void Run(BuildxCacheContext context)
    {
        context.EnsureValid();
        var steps = context.Run.EnsureBuilder;
        var version = BuildxVersionOrExplain(context, steps);
        context.BuildxVersion = version;
        var builder = steps.Builder;
        var existing = context.BuildxInspect(steps.Inspect);
        var decision = BuilderDecision.Decide(existing, builder);
        switch (decision.Action)
        {
            case BuilderAction.Reuse or BuilderAction.Start:
                context.Information("Reusing builder {0} (driver {1}, {2}).", existing!.Name, existing.Driver, decision.Action == BuilderAction.Reuse ? "running" : "starting it");
                if (decision.Action == BuilderAction.Start)
                {
                    context.BuildxInspect(steps.Start);
                }

                return;
            case BuilderAction.Recreate:
                context.Information("Recreating builder {0}: {1}.", existing!.Name, decision.Reason);
                context.BuildxRm(steps.Remove);
                break;
        }

        if (steps is { InspectContext: { } inspectContext, CreateContext: { } createContext } && context.DockerContextInspect(inspectContext) is null)
        {
            context.Information("Creating docker context {0} for the TLS endpoint {1}.", createContext.Name, createContext.Docker!.Host);
            context.DockerContextCreate(createContext);
        }

        context.Information("Creating builder {0} (driver {1}) with {2}.", builder.Name, builder.Driver, version);
        context.BuildxCreate(steps.Create(version.CreateConfigFlag));
    }

    private static BuildxVersion BuildxVersionOrExplain(ICakeContext context, EnsureBuilderSteps steps)
    {
        try
        {
            return context.BuildxVersion(steps.Version);
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
