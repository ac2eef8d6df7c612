namespace Cake.BuildxCache.Miss;

/// <summary>
/// What BuildKit's cache key of the steps that mount one cache depends on, as far as the Dockerfile tells
/// (<see cref="CacheMountSteps.Inputs"/>); the flow then resolves the base images' digests and hashes the files the copies read.
/// </summary>
/// <param name="Instructions">The instructions of the stage chains up to each step that mounts it, in the Dockerfile's order.</param>
/// <param name="Copies">Those that read the build context (<c>COPY</c>, <c>ADD</c>), with their sources as written.</param>
/// <param name="BaseImages">The images the chains start from, as written (<c>${SDK}</c>) to the reference the build arguments make of them.</param>
/// <param name="BuildArgs">The build arguments passed that an <c>ARG</c> of those instructions declares.</param>
/// <param name="Unknown">Why the steps' inputs cannot be told (a <c>COPY --from</c>, an <c>ADD</c> of a URL, a heredoc, a bind mount), or null.</param>
internal sealed record CacheMountStepInputs(
    IReadOnlyList<DockerfileInstruction> Instructions,
    IReadOnlyList<(DockerfileInstruction Instruction, IReadOnlyList<string> Sources)> Copies,
    IReadOnlyDictionary<string, string> BaseImages,
    IReadOnlyList<string> BuildArgs,
    string? Unknown);
