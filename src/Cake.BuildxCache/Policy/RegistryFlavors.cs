using Cake.BuildxCache.Docker;
using Cake.BuildxCache.Options;

namespace Cake.BuildxCache.Policy;

/// <summary>
/// The <c>--cache-to</c> options each registry needs. BuildKit writes its registry cache by default as an
/// index (manifest list) whose entries are the layer blobs plus a <c>application/vnd.buildkit.cacheconfig.v0</c>
/// config blob, not platform manifests; registries that validate indexes strictly reject it. Two options change
/// the format: <c>oci-mediatypes=true</c> writes an OCI index instead of a Docker manifest list (the default in
/// current BuildKit/buildx, false in old ones), and <c>image-manifest=true</c> (BuildKit 0.12+, the default
/// since BuildKit 0.21) writes an ordinary OCI image manifest whose config is the cache
/// config and whose layers are the cache layers, which every OCI registry stores. An option the user set
/// explicitly (<c>--cache-image-manifest</c>, <c>--cache-oci-mediatypes</c>) always wins over the preset.
/// </summary>
internal static class RegistryFlavors
{
    /// <summary>
    /// generic: nothing set; BuildKit's defaults work on distribution (the reference registry), Docker Hub and
    /// the others that store the cache index as is.
    /// </summary>
    public static readonly RegistryFlavorPreset Generic = new(
        RegistryFlavor.Generic,
        null,
        null,
        "BuildKit's defaults: the registry stores the cache index as is");

    /// <summary>
    /// gitlab: <c>oci-mediatypes=true</c>. GitLab's registry stores and serves BuildKit's OCI cache index (its UI
    /// cannot show it); setting it explicitly keeps old BuildKit from writing the Docker manifest list form, which
    /// strict validation rejects.
    /// </summary>
    public static readonly RegistryFlavorPreset GitLab = new(
        RegistryFlavor.GitLab,
        null,
        true,
        "GitLab's registry stores BuildKit's OCI cache index (gitlab-org/container-registry!719); oci-mediatypes=true keeps old BuildKit off the Docker manifest-list form");

    /// <summary>
    /// ghcr: <c>oci-mediatypes=true</c>. ghcr.io answered 400 Bad Request to the cache manifest list until
    /// GitHub changed it in December 2020; the OCI index works there, shown oddly in the UI.
    /// </summary>
    public static readonly RegistryFlavorPreset Ghcr = new(
        RegistryFlavor.Ghcr,
        null,
        true,
        "ghcr.io rejected the cache manifest list with 400 Bad Request (moby/buildkit#1865) and stores the OCI index");

    /// <summary>
    /// ecr: <c>image-manifest=true,oci-mediatypes=true</c>. ECR rejects BuildKit's cache index (its entries are
    /// not manifests); it accepts the OCI image-manifest cache layout of BuildKit 0.12.
    /// </summary>
    public static readonly RegistryFlavorPreset Ecr = new(
        RegistryFlavor.Ecr,
        true,
        true,
        "ECR rejects the cache index; it accepts the OCI image-manifest cache of BuildKit 0.12+ (aws/containers-roadmap#876)");

    /// <summary>
    /// harbor: <c>image-manifest=true,oci-mediatypes=true</c>. Harbor answers 404 Not Found to the PUT of
    /// BuildKit's cache index (still with Harbor 2.9.1); an OCI image manifest is an ordinary artifact Harbor stores.
    /// </summary>
    public static readonly RegistryFlavorPreset Harbor = new(
        RegistryFlavor.Harbor,
        true,
        true,
        "Harbor answers 404 to the cache index PUT (goharbor/harbor#14774); the OCI image-manifest cache is an ordinary artifact to it");

    /// <summary>The names <c>--registry-flavor</c> takes, in documentation order.</summary>
    public static IReadOnlyList<string> Names { get; } = ["generic", "gitlab", "ghcr", "ecr", "harbor"];

    /// <summary>The preset of <paramref name="flavor"/>.</summary>
    /// <param name="flavor">The flavour.</param>
    /// <returns>The preset.</returns>
    public static RegistryFlavorPreset Preset(RegistryFlavor flavor) => flavor switch
    {
        RegistryFlavor.GitLab => GitLab,
        RegistryFlavor.Ghcr => Ghcr,
        RegistryFlavor.Ecr => Ecr,
        RegistryFlavor.Harbor => Harbor,
        _ => Generic,
    };

    /// <summary>Parses a flavour name (case-insensitive; <c>github</c> is accepted for <c>ghcr</c>).</summary>
    /// <param name="text">The name.</param>
    /// <param name="flavor">The flavour when known.</param>
    /// <returns>Whether the name is known.</returns>
    public static bool TryParse(string? text, out RegistryFlavor flavor)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "generic":
                flavor = RegistryFlavor.Generic;
                return true;
            case "gitlab":
                flavor = RegistryFlavor.GitLab;
                return true;
            case "ghcr" or "github":
                flavor = RegistryFlavor.Ghcr;
                return true;
            case "ecr":
                flavor = RegistryFlavor.Ecr;
                return true;
            case "harbor":
                flavor = RegistryFlavor.Harbor;
                return true;
            default:
                flavor = RegistryFlavor.Generic;
                return false;
        }
    }

    /// <summary>
    /// The flavour a registry host evidently is: <c>ghcr.io</c>; <c>*.dkr.ecr.*.amazonaws.com[.cn]</c>;
    /// <c>registry.gitlab.com</c>, or the host of <paramref name="gitLabRegistry"/> (GitLab's CI_REGISTRY on a
    /// self-managed instance); else <see cref="RegistryFlavor.Generic"/> (Harbor cannot be told by its name).
    /// </summary>
    /// <param name="host">The cache repository's registry host.</param>
    /// <param name="gitLabRegistry">CI_REGISTRY when running in GitLab CI, else null.</param>
    /// <returns>The flavour.</returns>
    public static RegistryFlavor Detect(string host, string? gitLabRegistry = null)
    {
        ArgumentNullException.ThrowIfNull(host);
        var name = DockerNames.NormalizeHost(host);
        var bare = name.Split(':')[0];
        if (bare == "ghcr.io")
        {
            return RegistryFlavor.Ghcr;
        }

        if (bare.Contains(".dkr.ecr.", StringComparison.Ordinal) && (bare.EndsWith(".amazonaws.com", StringComparison.Ordinal) || bare.EndsWith(".amazonaws.com.cn", StringComparison.Ordinal)))
        {
            return RegistryFlavor.Ecr;
        }

        if (bare == "registry.gitlab.com" || (!string.IsNullOrEmpty(gitLabRegistry) && DockerNames.NormalizeHost(gitLabRegistry) == name))
        {
            return RegistryFlavor.GitLab;
        }

        return RegistryFlavor.Generic;
    }

    /// <summary>Applies <paramref name="flavor"/>'s options to a <c>--cache-to</c>, keeping what the user set explicitly.</summary>
    /// <param name="cacheTo">The cache-to spec (its <c>image-manifest</c>/<c>oci-mediatypes</c> are the user's, null when unset).</param>
    /// <param name="flavor">The flavour.</param>
    /// <returns>The spec with the preset filled in, and a note saying what was set and why (null when nothing changed).</returns>
    public static (CacheSpec CacheTo, string? Note) Apply(CacheSpec cacheTo, RegistryFlavor flavor)
    {
        ArgumentNullException.ThrowIfNull(cacheTo);
        var preset = Preset(flavor);
        var result = cacheTo with
        {
            ImageManifest = cacheTo.ImageManifest ?? preset.ImageManifest,
            OciMediaTypes = cacheTo.OciMediaTypes ?? preset.OciMediaTypes,
        };
        var set = new List<string>();
        if (result.ImageManifest != cacheTo.ImageManifest)
        {
            set.Add($"image-manifest={Flag(result.ImageManifest)}");
        }

        if (result.OciMediaTypes != cacheTo.OciMediaTypes)
        {
            set.Add($"oci-mediatypes={Flag(result.OciMediaTypes)}");
        }

        var name = Names[(int)flavor];
        return set.Count == 0
            ? (result, null)
            : (result, $"registry flavor {name}: {string.Join(",", set)} ({preset.Why})");
    }

    private static string Flag(bool? value) => value == true ? "true" : "false";
}
