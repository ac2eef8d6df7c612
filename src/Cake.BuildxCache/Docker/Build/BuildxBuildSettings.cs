using Cake.Core.IO;
using Cake.Core.Tooling;

namespace Cake.BuildxCache.Docker.Build;

/// <summary>
/// Settings of <c>docker buildx build [OPTIONS] PATH</c>.
/// <para>
/// Ordering, so that the same settings always give the same command line: flags are rendered in the
/// order of the properties below; lists (tags, secrets, cache-from, …) keep the caller's order;
/// dictionaries (labels, annotations, build args, build contexts) are sorted by key (ordinal);
/// the context path comes last. Every caller-supplied value is quoted. Paths are rendered as given
/// (relative paths are resolved by docker against the working directory).
/// </para>
/// </summary>
public sealed class BuildxBuildSettings : ToolSettings
{
    /// <summary>Gets or sets the builder (<c>--builder</c>); <c>null</c> uses the current one.</summary>
    public string? Builder { get; set; }

    /// <summary>Gets or sets the Dockerfile (<c>--file</c>); <c>null</c> means <c>PATH/Dockerfile</c>.</summary>
    public FilePath? File { get; set; }

    /// <summary>Gets or sets the stage to build (<c>--target</c>).</summary>
    public string? Target { get; set; }

    /// <summary>Gets the target platforms (<c>--platform a,b</c>).</summary>
    public IList<string> Platforms { get; } = [];

    /// <summary>Gets the image names (<c>--tag</c>, one each).</summary>
    public IList<string> Tags { get; } = [];

    /// <summary>Gets the image labels (<c>--label key=value</c>, sorted by key).</summary>
    public IDictionary<string, string> Labels { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Gets the image annotations (<c>--annotation key=value</c>, sorted by key; buildx 0.12+).</summary>
    public IDictionary<string, string> Annotations { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>
    /// Gets the build arguments (<c>--build-arg KEY=value</c>, sorted by key). A <c>null</c> value renders
    /// <c>--build-arg KEY</c>, which takes the value from docker's environment.
    /// </summary>
    public IDictionary<string, string?> BuildArgs { get; } = new Dictionary<string, string?>(StringComparer.Ordinal);

    /// <summary>Gets the named build contexts (<c>--build-context name=value</c>, sorted by name).</summary>
    public IDictionary<string, string> BuildContexts { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Gets the secrets exposed to the build (<c>--secret</c>, one each).</summary>
    public IList<BuildSecret> Secrets { get; } = [];

    /// <summary>Gets the SSH agent sockets or keys (<c>--ssh</c>, one each): <c>default</c>, <c>id=path</c>.</summary>
    public IList<string> Ssh { get; } = [];

    /// <summary>Gets the cache sources (<c>--cache-from</c>, one each, in order of preference).</summary>
    public IList<CacheSpec> CacheFrom { get; } = [];

    /// <summary>Gets the cache destinations (<c>--cache-to</c>, one each).</summary>
    public IList<CacheSpec> CacheTo { get; } = [];

    /// <summary>Gets the outputs (<c>--output</c>, one each), e.g. <c>type=local,dest=out</c>.</summary>
    public IList<string> Outputs { get; } = [];

    /// <summary>Gets or sets a value indicating whether the image is pushed (<c>--push</c>).</summary>
    public bool Push { get; set; }

    /// <summary>Gets or sets a value indicating whether the image is loaded into the local engine (<c>--load</c>).</summary>
    public bool Load { get; set; }

    /// <summary>Gets or sets the file buildx writes the build result metadata to (<c>--metadata-file</c>).</summary>
    public FilePath? MetadataFile { get; set; }

    /// <summary>Gets or sets the file buildx writes the image id to (<c>--iidfile</c>).</summary>
    public FilePath? ImageIdFile { get; set; }

    /// <summary>Gets or sets the provenance attestation (<c>--provenance</c>): <c>false</c>, <c>true</c>, <c>mode=max</c>, ….</summary>
    public string? Provenance { get; set; }

    /// <summary>Gets or sets the SBOM attestation (<c>--sbom</c>): <c>false</c>, <c>true</c>, <c>generator=…</c>.</summary>
    public string? Sbom { get; set; }

    /// <summary>Gets further attestations (<c>--attest</c>, one each).</summary>
    public IList<string> Attestations { get; } = [];

    /// <summary>Gets the extra privileged entitlements (<c>--allow</c>, one each), e.g. <c>network.host</c>.</summary>
    public IList<string> Allow { get; } = [];

    /// <summary>Gets or sets the networking mode of <c>RUN</c> instructions (<c>--network</c>).</summary>
    public string? Network { get; set; }

    /// <summary>Gets the extra <c>/etc/hosts</c> entries of <c>RUN</c> instructions (<c>--add-host host:ip</c>, one each).</summary>
    public IList<string> AddHosts { get; } = [];

    /// <summary>Gets the ulimits of <c>RUN</c> instructions (<c>--ulimit name=soft[:hard]</c>, one each).</summary>
    public IList<string> Ulimits { get; } = [];

    /// <summary>Gets or sets the size of <c>/dev/shm</c> of <c>RUN</c> instructions (<c>--shm-size</c>), e.g. <c>256m</c>.</summary>
    public string? ShmSize { get; set; }

    /// <summary>Gets or sets a value indicating whether referenced images are always pulled (<c>--pull</c>).</summary>
    public bool Pull { get; set; }

    /// <summary>Gets or sets a value indicating whether the cache is ignored (<c>--no-cache</c>).</summary>
    public bool NoCache { get; set; }

    /// <summary>Gets the stages built without the cache (<c>--no-cache-filter</c>, one each).</summary>
    public IList<string> NoCacheFilter { get; } = [];

    /// <summary>Gets or sets what the build evaluates instead of building (<c>--call</c>, buildx 0.15+), e.g. <c>check</c>.</summary>
    public string? Call { get; set; }

    /// <summary>Gets or sets the progress output (<c>--progress</c>): <c>auto</c>, <c>plain</c>, <c>tty</c>, <c>rawjson</c> (0.15+).</summary>
    public string? Progress { get; set; }

    /// <summary>Gets or sets the build context: a directory, a URL or <c>-</c> (positional, last). Defaults to <c>.</c>.</summary>
    public string ContextPath { get; set; } = ".";

    /// <summary>
    /// Gets or sets what receives each line of the build's output (its progress) as it arrives. When set,
    /// the output is captured and handed here instead of going straight to the console; print it from here.
    /// </summary>
    public Action<string>? OutputHandler { get; set; }
}
