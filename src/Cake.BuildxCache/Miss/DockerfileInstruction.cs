namespace Cake.BuildxCache.Miss;

/// <summary>One instruction of a Dockerfile, as written.</summary>
/// <param name="Line">Its first line (1-based).</param>
/// <param name="Keyword">The instruction, upper case (<c>RUN</c>, <c>COPY</c>, <c>ARG</c>).</param>
/// <param name="Arguments">The rest of the instruction, continuation lines joined with a space (heredoc bodies left out).</param>
/// <param name="Stage">The index of its stage (0-based), or -1 before the first <c>FROM</c>.</param>
/// <param name="Position">Its position in the stage as BuildKit numbers steps (<c>[stage 2/3]</c>), or null for an instruction that is no step (ARG, ENV, …).</param>
internal sealed record DockerfileInstruction(int Line, string Keyword, string Arguments, int Stage, int? Position)
{
    /// <summary>The instruction as one line, cut to <paramref name="max"/> characters.</summary>
    /// <param name="max">The longest text.</param>
    /// <returns>The text.</returns>
    public string Text(int max = 80)
    {
        var text = Keyword + " " + Arguments;
        return text.Length <= max ? text : text[..(max - 1)] + "…";
    }
}
