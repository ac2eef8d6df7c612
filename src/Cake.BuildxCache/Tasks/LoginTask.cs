using Cake.BuildxCache.Docker.Login;
using Cake.BuildxCache.Hosting;
using Cake.BuildxCache.Policy;
using Cake.Common.Diagnostics;
using Cake.Core;

namespace Cake.BuildxCache.Tasks;

/// <summary>
/// Logs in to every registry the plan pushes to or reads from, the password on stdin. A local run
/// without credentials skips with a message (the developer is logged in already); in CI, missing
/// credentials were refused by validation before anything ran.
/// </summary>
[TaskName(Name)]
[TaskDescription("Logs in to the image and cache registries (password on stdin; skipped locally without credentials).")]
public sealed class LoginTask : FrostingTask<BuildxCacheContext>
{
    /// <summary>The task name.</summary>
    public const string Name = "Login";

    /// <inheritdoc/>
    public override void Run(BuildxCacheContext context)
    {
        context.EnsureValid();
        foreach (var step in context.Run.Login)
        {
            var registry = step.Registry;
            if (step.Login is not { } login)
            {
                context.Information(
                    "Not logging in to {0} ({1}): no credentials given, so the docker login you already have is used. Set --registry-user and BUILDX_REGISTRY_PASSWORD to log in.",
                    registry.Host,
                    registry.Purpose);
                continue;
            }

            LoginWithRetries(context, login, registry.Host);
            context.MarkLoggedIn(registry.Host);
            context.Information("Logged in to {0} ({1}) as {2}.", registry.Host, registry.Purpose, registry.Username);
        }
    }

    private static void LoginWithRetries(BuildxCacheContext context, RegistryLoginSettings login, string host)
    {
        foreach (var delay in LoginRetryPolicy.Delays.Append(TimeSpan.Zero))
        {
            try
            {
                context.RegistryLogin(login);
                return;
            }
            catch (CakeException exception) when (delay > TimeSpan.Zero && LoginRetryPolicy.IsTransient(exception.Message))
            {
                context.Warning("docker login to {0} failed ({1}); trying again in {2:0} s.", host, exception.Message, delay.TotalSeconds);
                Thread.Sleep(delay);
            }
        }
    }
}
