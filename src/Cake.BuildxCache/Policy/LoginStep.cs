using Cake.BuildxCache.Docker.Login;
using Cake.BuildxCache.Options;

namespace Cake.BuildxCache.Policy;

/// <summary>One registry Login logs in to: <c>docker login</c> with the password on stdin, or nothing without credentials.</summary>
/// <param name="Registry">The registry and its credentials.</param>
public sealed record LoginStep(BuildRegistry Registry)
{
    /// <summary>The login, or null when there are no credentials (the user's own docker login is used).</summary>
    public RegistryLoginSettings? Login => DockerCommands.Login(Registry);

    /// <summary>The step as Plan prints it.</summary>
    public PlanStep Step => Login is { } login
        ? new(login, "password on stdin")
        : new(null, $"# {Registry.Host}: no credentials, login skipped (your existing docker login is used)");
}
