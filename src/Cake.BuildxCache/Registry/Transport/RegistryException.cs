using System.Net;

namespace Cake.BuildxCache.Registry;

/// <summary>
/// A registry operation that failed. The message says what in plain words, with the registry host and
/// repository; it never contains a password, a token or an <c>Authorization</c> header.
/// </summary>
internal sealed class RegistryException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="failure">The kind of failure.</param>
    /// <param name="message">The message (no secrets).</param>
    /// <param name="statusCode">The HTTP status, when there was an answer.</param>
    /// <param name="innerException">The cause, when there was one.</param>
    public RegistryException(RegistryFailure failure, string message, HttpStatusCode? statusCode = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Failure = failure;
        StatusCode = statusCode;
    }

    /// <summary>The kind of failure.</summary>
    public RegistryFailure Failure { get; }

    /// <summary>The HTTP status, when there was an answer.</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>
    /// True when a write may have landed although it failed: no answer (a timeout, a lost connection) or a server error
    /// (a proxy's 502/503/504 may come after the registry stored it). Only reading the ref again tells.
    /// </summary>
    public bool OutcomeUnknown => Failure == RegistryFailure.Unreachable || (int?)StatusCode >= 500;
}
