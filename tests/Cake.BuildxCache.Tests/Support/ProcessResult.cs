namespace Cake.BuildxCache.Tests.Support;

/// <summary>The outcome of a process a test ran: exit code and what it printed.</summary>
internal sealed record ProcessResult(int ExitCode, string StandardOutput, string StandardError)
{
    public string Output => StandardOutput + StandardError;
}
