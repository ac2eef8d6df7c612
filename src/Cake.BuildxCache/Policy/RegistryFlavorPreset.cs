using Cake.BuildxCache.Options;

namespace Cake.BuildxCache.Policy;

/// <summary>What a flavour sets on <c>--cache-to</c>, and why.</summary>
/// <param name="Flavor">The flavour.</param>
/// <param name="ImageManifest"><c>image-manifest=</c>, or null to leave BuildKit's default.</param>
/// <param name="OciMediaTypes"><c>oci-mediatypes=</c>, or null to leave BuildKit's default.</param>
/// <param name="Why">The reason, in one sentence, with its source.</param>
internal sealed record RegistryFlavorPreset(RegistryFlavor Flavor, bool? ImageManifest, bool? OciMediaTypes, string Why);
