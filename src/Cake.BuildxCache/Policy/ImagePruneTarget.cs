namespace Cake.BuildxCache.Policy;

/// <summary>One image's part of the registry prune: its cache repository and the scope its cache tags carry there.</summary>
/// <param name="Name">The image's name.</param>
/// <param name="Repository">Its cache repository.</param>
/// <param name="ImageRepository">The repository the image is pushed to (the prune refuses to treat its tags as caches).</param>
/// <param name="Scopes">Its scope and the scopes of the other images of the run in the same cache repository; null when the repository is this one image's, unscoped (a run of one image).</param>
internal sealed record ImagePruneTarget(string Name, string Repository, string ImageRepository, ImageTagScopes? Scopes);
