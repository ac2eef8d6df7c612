namespace Cake.BuildxCache.Miss;

/// <summary>One stage of a Dockerfile.</summary>
/// <param name="Index">Its index (0-based).</param>
/// <param name="Name">Its name (<c>AS name</c>, lower case), or null.</param>
/// <param name="Base">What it starts <c>FROM</c>, as written (an image, <c>scratch</c> or an earlier stage's name).</param>
/// <param name="Line">The line of its <c>FROM</c>.</param>
/// <param name="BaseStage">The index of the earlier stage it starts from, or null when it starts from an image.</param>
/// <param name="Steps">How many steps BuildKit numbers in it (the <c>m</c> of <c>[stage n/m]</c>).</param>
internal sealed record DockerfileStage(int Index, string? Name, string Base, int Line, int? BaseStage, int Steps)
{
    /// <summary>How BuildKit labels the stage's steps: its name, <c>stage-N</c> when unnamed, empty for a lone unnamed stage.</summary>
    /// <param name="stageCount">How many stages the Dockerfile has.</param>
    /// <returns>The label.</returns>
    public string Label(int stageCount) => Name ?? (stageCount == 1 ? string.Empty : $"stage-{Index}");
}
