using Cake.BuildxCache.Docker.Buildx;
using Cake.BuildxCache.Docker.Context;
using Cake.BuildxCache.Hosting;
using Cake.BuildxCache.Tasks.Commands;
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
        var version = BuildxVersionOrExplain(context);
        context.BuildxVersion = version;
        var builder = context.State.Builder;
        var existing = context.DockerBuildxInspect(DockerCommands.InspectBuilder(builder));

        if (existing is not null && BuilderMatch.Mismatch(existing, builder) is not { } mismatch)
        {
            context.Information("Reusing builder {0} (driver {1}, {2}).", existing.Name, existing.Driver, existing.IsRunning ? "running" : "starting it");
            if (!existing.IsRunning)
            {
                context.DockerBuildxInspect(DockerCommands.InspectBuilder(builder, bootstrap: true));
            }

            return;
        }
        else if (existing is not null)
        {
            context.Information("Recreating builder {0}: {1}.", existing.Name, BuilderMatch.Mismatch(existing, builder));
            context.DockerBuildxRm(DockerCommands.RemoveBuilder(builder));
        }

        if (DockerCommands.CreateContext(builder) is { } createContext && !context.DockerContextExists(createContext.Name!))
        {
            context.Information("Creating docker context {0} for the TLS endpoint {1}.", createContext.Name, createContext.Docker!.Host);
            context.DockerContextCreate(createContext);
        }

        context.Information("Creating builder {0} (driver {1}) with {2}.", builder.Name, builder.Driver, version);
        context.DockerBuildxCreate(DockerCommands.CreateBuilder(builder, version.CreateConfigFlag));
    }

    private static BuildxVersion BuildxVersionOrExplain(ICakeContext context)
    {
        try
        {
            return context.DockerBuildxVersion();
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
