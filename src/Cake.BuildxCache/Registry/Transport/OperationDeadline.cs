using System.Globalization;

namespace Cake.BuildxCache.Registry;

/// <summary>
/// The overall deadline of one registry operation. Retries and pages are each bounded, but not their sum: every
/// operation also ends by <see cref="RegistryClientOptions.OperationDeadline"/>.
/// </summary>
internal static class OperationDeadline
{
    /// <summary>Starts the clock: a token that the caller's cancels, and that cancels itself after <paramref name="limit"/>.</summary>
    /// <param name="limit">How long the operation may take.</param>
    /// <param name="caller">The caller's token.</param>
    /// <returns>The source; dispose it when the operation ends.</returns>
    public static CancellationTokenSource Start(TimeSpan limit, CancellationToken caller)
    {
        var deadline = CancellationTokenSource.CreateLinkedTokenSource(caller);
        deadline.CancelAfter(limit);
        return deadline;
    }

    /// <summary>Runs <paramref name="operation"/>; its cancellation by the deadline (not by the caller) becomes an unreachable registry.</summary>
    /// <typeparam name="T">What the operation returns.</typeparam>
    /// <param name="limit">The deadline's length, for the message.</param>
    /// <param name="repository">What the operation was about, for the message.</param>
    /// <param name="deadline">The source from <see cref="Start"/>.</param>
    /// <param name="caller">The caller's token.</param>
    /// <param name="operation">The operation, which observes the deadline's token.</param>
    /// <returns>What it returned.</returns>
    /// <exception cref="RegistryException">The deadline passed first.</exception>
    public static async Task<T> RunAsync<T>(TimeSpan limit, RepositoryReference repository, CancellationTokenSource deadline, CancellationToken caller, Func<Task<T>> operation)
    {
        try
        {
            return await operation().ConfigureAwait(false);
        }
        catch (OperationCanceledException exception) when (deadline.IsCancellationRequested && !caller.IsCancellationRequested)
        {
            throw new RegistryException(RegistryFailure.Unreachable, $"{repository.Host} did not finish with {repository.WithReference(null)} within {limit.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s (the overall deadline of one registry operation)", null, exception);
        }
    }
}
