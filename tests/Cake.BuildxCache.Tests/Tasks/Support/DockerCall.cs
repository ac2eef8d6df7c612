using System.Text;
using Cake.Core.IO;

namespace Cake.BuildxCache.Tests.Tasks.Support;

/// <summary>One process the tasks started, as the fake docker saw it.</summary>
/// <param name="Index">Its position among all processes of the run (0-based).</param>
/// <param name="ToolPath">The executable Cake resolved.</param>
/// <param name="Arguments">The arguments as <c>ProcessSettings.Arguments.Render()</c> gives them (what the OS gets).</param>
/// <param name="SafeArguments">The same with secrets redacted (<c>RenderSafe()</c>, what a log shows).</param>
/// <param name="StandardInput">The bytes written to its standard input, or null when none were.</param>
/// <param name="WorkingDirectory">The working directory it was started in.</param>
internal sealed record DockerCall(int Index, FilePath ToolPath, string Arguments, string SafeArguments, byte[]? StandardInput, DirectoryPath? WorkingDirectory)
{
    /// <summary>The standard input as UTF-8 text, or null.</summary>
    public string? StandardInputText => StandardInput is null ? null : Encoding.UTF8.GetString(StandardInput);

    /// <summary>The command line as a user would type it.</summary>
    public string CommandLine => "docker " + Arguments;

    public override string ToString() => $"#{Index} docker {SafeArguments}";
}
