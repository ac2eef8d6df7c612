using Cake.BuildxCache.Docker;
using Cake.BuildxCache.Docker.Build;
using Cake.BuildxCache.Docker.Buildx;
using Cake.BuildxCache.Docker.Context;
using Cake.BuildxCache.Docker.History;
using Cake.BuildxCache.Docker.Login;
using Cake.BuildxCache.Options;
using Cake.Core.IO;

namespace Cake.BuildxCache.Policy;

/// <summary>
/// The plan turned into docker wrapper settings, in one place: the tasks run these and the Plan task
/// prints them, so what is printed is what runs.
/// </summary>
internal static class DockerCommands
{
    /// <summary><c>docker buildx inspect NAME</c>: does the builder exist, with which driver.</summary>
    /// <param name="builder">The builder plan.</param>
    /// <param name="bootstrap">Start the builder's nodes too.</param>
    /// <returns>The settings.</returns>
    public static BuildxInspectSettings InspectBuilder(BuilderPlan builder, bool bootstrap = false) =>
        new() { Builder = builder.Name, Bootstrap = bootstrap };

    /// <summary><c>docker context create</c> for a TLS endpoint, or null when none is needed.</summary>
    /// <param name="builder">The builder plan.</param>
    /// <returns>The settings, or null.</returns>
    public static DockerContextCreateSettings? CreateContext(BuilderPlan builder) =>
        builder is { ContextName: { } name, ContextEndpoint: { } endpoint }
            ? new DockerContextCreateSettings { Name = name, Docker = endpoint, Description = "Created by Cake.BuildxCache for its buildx builder" }
            : null;

    /// <summary>
    /// <c>docker buildx create</c> of the builder with its first node, or <c>--append</c> of a further node, bootstrapped,
    /// with the config flag this buildx knows. The first node is not named (<c>--node</c>): with a name, buildx would
    /// change the node of an existing builder instead of refusing, and the refusal is how EnsureBuilder learns it exists.
    /// </summary>
    /// <param name="builder">The builder plan.</param>
    /// <param name="configFlag"><c>--buildkitd-config</c> (buildx 0.13+) or <c>--config</c>.</param>
    /// <param name="node">The node's position in <see cref="BuilderPlan.Nodes"/>: 0 creates the builder, others append.</param>
    /// <returns>The settings.</returns>
    public static BuildxCreateSettings CreateBuilder(BuilderPlan builder, BuildxConfigFlag configFlag, int node = 0)
    {
        var planned = builder.Nodes.Count > node ? builder.Nodes[node] : null;
        var settings = new BuildxCreateSettings
        {
            Name = builder.Name,
            Driver = builder.Driver,
            BuildkitdConfig = builder.BuildkitdConfig is { } config ? new FilePath(config) : null,
            ConfigFlag = configFlag,
            Node = node > 0 ? planned?.Name : null,
            Append = node > 0,
            Bootstrap = true,
            // A remote node's daemon, else the TLS context (the two never come together).
            Endpoint = planned?.Endpoint ?? builder.ContextName,
        };
        foreach (var (key, value) in planned?.DriverOptions ?? builder.DriverOptions)
        {
            settings.DriverOptions[key] = value;
        }

        foreach (var platform in planned?.Platforms ?? [])
        {
            settings.Platforms.Add(platform);
        }

        return settings;
    }

    /// <summary><c>docker buildx rm NAME</c>.</summary>
    /// <param name="builder">The builder plan.</param>
    /// <returns>The settings.</returns>
    public static BuildxRmSettings RemoveBuilder(BuilderPlan builder) => new() { Builder = builder.Name };

    /// <summary><c>docker login</c> with the password on stdin; null when the registry has no credentials.</summary>
    /// <param name="login">The registry and its credentials.</param>
    /// <returns>The settings, or null.</returns>
    public static RegistryLoginSettings? Login(BuildRegistry login) =>
        login.HasCredentials
            ? new RegistryLoginSettings { Server = login.Host, Username = login.Username, Password = login.Password!.Reveal() }
            : null;

    /// <summary><c>docker logout HOST</c>.</summary>
    /// <param name="host">The registry host.</param>
    /// <returns>The settings.</returns>
    public static RegistryLogoutSettings Logout(string host) => new() { Server = host };

    /// <summary>The one <c>docker buildx build</c> of the plan.</summary>
    /// <param name="plan">The build plan.</param>
    /// <param name="cacheFrom">The cache-from refs to pass, when the registry was asked which exist; else the plan's.</param>
    /// <param name="version">The builder's buildx version, when known (it decides whether rawjson progress is possible).</param>
    /// <returns>The settings.</returns>
    public static BuildxBuildSettings Build(BuildPlan plan, IReadOnlyList<CacheSpec>? cacheFrom = null, BuildxVersion? version = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var settings = new BuildxBuildSettings
        {
            Builder = plan.Builder,
            File = new FilePath(plan.Dockerfile),
            Target = plan.Target,
            Push = plan.Output == OutputMode.Push,
            Load = plan.Output == OutputMode.Load,
            MetadataFile = new FilePath(plan.MetadataFile),
            // Plain unless asked otherwise: readable in a job log, and what the cache report is read from.
            Progress = ReportProgressMode.Choose(plan.Progress, version).Mode,
            ContextPath = plan.Context,
        };
        // The commit's epoch goes to the image output alone (buildx adds push or load to it): as a build argument it
        // would enter WORKDIR's and later steps' cache keys and cost every new commit its cache hits.
        if (plan.CacheOnly)
        {
            // A platform's cache export: the node finds every step in its cache and writes only the cache ref.
            settings.Outputs.Add("type=cacheonly");
        }
        else if (plan.PushesByDigest)
        {
            // A fan-out job's image goes to the registry under its digest alone: no tag moves until Merge joins the platforms.
            settings.Outputs.Add(ByDigestOutput(plan));
        }
        else if (plan.Output != OutputMode.None && plan.Time?.Output(plan.Output == OutputMode.Push ? "image" : "docker") is { } output)
        {
            settings.Outputs.Add(output);
        }

        Add(settings.Platforms, plan.Platforms);
        Add(settings.Tags, plan.Tags);
        Add(settings.CacheFrom, cacheFrom ?? plan.CacheFrom);
        if (plan.CacheTo is { } cacheTo)
        {
            settings.CacheTo.Add(cacheTo);
        }

        foreach (var (key, value) in plan.Labels)
        {
            settings.Labels[key] = value;
        }

        foreach (var (key, value) in plan.BuildArgs)
        {
            settings.BuildArgs[key] = value;
        }

        // buildx copies its provenance of the build into the metadata file (minimal by default), and that provenance holds
        // every build argument's value; the metadata file goes to the job's artifacts. The base images the cache record
        // needs come from BuildKit's record of the build instead (history inspect's materials).
        settings.EnvironmentVariables = new Dictionary<string, string>(StringComparer.Ordinal) { [MetadataProvenance] = "disabled" };
        BuildFeatureArguments.Apply(plan.Features, settings, version);
        return settings;
    }

    /// <summary>
    /// The image output of a fan-out push: <c>type=image,name=IMAGE,push-by-digest=true,name-canonical=true</c> and the
    /// epoch's attributes when reproducible (buildx adds <c>push=true</c> from <c>--push</c>).
    /// </summary>
    /// <param name="plan">The build plan.</param>
    /// <returns>The <c>--output</c> value.</returns>
    public static string ByDigestOutput(BuildPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var output = $"type=image,name={plan.Image},push-by-digest=true,name-canonical=true";
        return plan.Time?.EpochAttributes is { } epoch ? output + "," + epoch : output;
    }

    /// <summary>The environment variable that says what provenance buildx writes into the metadata file.</summary>
    public const string MetadataProvenance = "BUILDX_METADATA_PROVENANCE";

    /// <summary><c>docker buildx history inspect --format json ID</c> on the builder: BuildKit's record of a build.</summary>
    /// <param name="builder">The builder's name.</param>
    /// <param name="recordId">The build's id (the last part of <c>buildx.build.ref</c>).</param>
    /// <returns>The settings.</returns>
    public static BuildxHistoryInspectSettings HistoryInspect(string builder, string recordId) => new() { Builder = builder, Ref = recordId };

    /// <summary><c>docker buildx prune</c> on the builder with the age filter and space limits; never prompts.</summary>
    /// <param name="builder">The builder's name.</param>
    /// <param name="until">Prune what is older than this Go duration, or null.</param>
    /// <param name="space">The space limits, as the flags of the buildx in use (<see cref="PruneSpacePolicy"/>).</param>
    /// <returns>The settings.</returns>
    public static BuildxPruneSettings Prune(string builder, string? until, PruneSpaceFlags space)
    {
        var settings = new BuildxPruneSettings
        {
            Builder = builder,
            All = true,
            Force = true,
            KeepStorage = space.KeepStorage,
            ReservedSpace = space.ReservedSpace,
            MaxUsedSpace = space.MaxUsedSpace,
            MinFreeSpace = space.MinFreeSpace,
        };
        if (until is not null)
        {
            settings.Filters.Add("until=" + until);
        }

        return settings;
    }

    private static void Add<T>(ICollection<T> target, IEnumerable<T> items)
    {
        foreach (var item in items)
        {
            target.Add(item);
        }
    }
}
