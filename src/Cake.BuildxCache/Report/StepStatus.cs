namespace Cake.BuildxCache.Report;

/// <summary>How a build step ended, as the progress output last said.</summary>
public enum StepStatus
{
    /// <summary>Started but no end was seen (the output was cut off, or the step was still running).</summary>
    Incomplete,

    /// <summary>Taken from the cache: <c>#N CACHED</c>, or <c>"cached": true</c>.</summary>
    Cached,

    /// <summary>Ran and finished: <c>#N DONE 1.2s</c>, or a <c>completed</c> time without error.</summary>
    Done,

    /// <summary>Ran and failed: <c>#N ERROR: …</c>, or an <c>error</c> other than a cancellation.</summary>
    Error,

    /// <summary>Stopped because another step failed: <c>#N CANCELED</c>, or an error ending in <c>context canceled</c>.</summary>
    Canceled,
}
