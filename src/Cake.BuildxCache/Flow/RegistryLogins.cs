using Cake.BuildxCache.Docker.Login;
using Cake.BuildxCache.Policy;
using Cake.Common.Diagnostics;
using Cake.Core;

namespace Cake.BuildxCache.Flow;

/// <summary>
/// Login and logout: <c>docker login --password-stdin</c> to every registry of the plan. A local run without
/// credentials skips with a message (the developer is logged in already); in CI, missing credentials were
/// refused by validation before anything ran.
/// </summary>
internal static class RegistryLogins
{
    /// <summary>Logs in.</summary>
    /// <param name="run">The run.</param>
    /// <param name="steps">Login's steps.</param>
    /// <returns>The hosts logged in to.</returns>
    public static IReadOnlyList<string> LogIn(BuildxCacheRun run, IReadOnlyList<LoginStep> steps)
    {
        run.EnsureValid();
        var loggedIn = new List<string>();
        foreach (var step in steps)
        {
            var registry = step.Registry;
            if (step.Login is not { } login)
            {
                run.Information(
                    "Not logging in to {0} ({1}): no credentials given, so the docker login you already have is used. Set --registry-user and BUILDX_REGISTRY_PASSWORD to log in.",
                    registry.Host,
                    registry.Purpose);
                continue;
            }

            LoginWithRetries(run, login, registry.Host);
            loggedIn.Add(registry.Host);
            run.Information("Logged in to {0} ({1}) as {2}.", registry.Host, registry.Purpose, registry.Username);
        }

        return loggedIn;
    }

    /// <summary>Logs out of <paramref name="hosts"/>.</summary>
    /// <param name="context">Cake's context.</param>
    /// <param name="hosts">The registry hosts.</param>
    public static void LogOut(ICakeContext context, IEnumerable<string> hosts)
    {
        foreach (var host in hosts)
        {
            context.RegistryLogout(DockerCommands.Logout(host));
            context.Information("Logged out of {0}.", host);
        }
    }

    private static void LoginWithRetries(ICakeContext context, RegistryLoginSettings login, string host)
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
