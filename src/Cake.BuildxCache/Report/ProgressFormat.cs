namespace Cake.BuildxCache.Report;

/// <summary>The form of buildx progress output a report was read from.</summary>
public enum ProgressFormat
{
    /// <summary><c>--progress=plain</c>: <c>#N name</c>, <c>#N DONE 1.2s</c>, <c>#N CACHED</c> lines (every buildx).</summary>
    Plain,

    /// <summary><c>--progress=rawjson</c>: one BuildKit <c>SolveStatus</c> JSON object per line (buildx 0.15 and later).</summary>
    RawJson,
}
