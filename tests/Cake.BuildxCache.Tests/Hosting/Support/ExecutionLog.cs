namespace Cake.BuildxCache.Tests.Hosting.Support;

/// <summary>What test tasks and lifetimes did, in order; injected into them by the host's container.</summary>
internal sealed class ExecutionLog
{
    private readonly List<string> _entries = [];

    public IReadOnlyList<string> Entries => _entries;

    public void Add(string entry) => _entries.Add(entry);
}
