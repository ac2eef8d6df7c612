using System.Globalization;
using Cake.BuildxCache.Docker.Login;
using Cake.BuildxCache.Policy;
using Cake.Common.Diagnostics;
using Cake.Core;
using Cake.Core.Diagnostics;

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
    /// <param name="say">Receives what to log (a login beside EnsureBuilder's create logs it later, in Login's section).</param>
    /// <returns>The hosts logged in to.</returns>
    public static IReadOnlyList<string> LogIn(BuildxCacheRun run, IReadOnlyList<LoginStep> steps, Action<LogLevel, string> say)
    {
        run.EnsureValid();
        var loggedIn = new List<string>();
        foreach (var step in steps)
        {
            var registry = step.Registry;
            if (step.Login is not { } login)
            {
                say(LogLevel.Information, $"Not logging in to {registry.Host} ({registry.Purpose}): no credentials given, so the docker login you already have is used. Set --registry-user and BUILDX_REGISTRY_PASSWORD to log in.");
                continue;
            }

            LoginWithRetries(run, login, registry.Host, say);
            loggedIn.Add(registry.Host);
            say(LogLevel.Information, $"Logged in to {registry.Host} ({registry.Purpose}) as {registry.Username}.");
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

    private static void LoginWithRetries(ICakeContext context, RegistryLoginSettings login, string host, Action<LogLevel, string> say)
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
                say(LogLevel.Warning, string.Format(CultureInfo.InvariantCulture, "docker login to {0} failed ({1}); trying again in {2:0} s.", host, exception.Message, delay.TotalSeconds));
                Thread.Sleep(delay);
            }
        }
    }
}
