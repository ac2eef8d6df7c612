using System.Net;

namespace Cake.BuildxCache.Registry;

/// <summary>What went wrong talking to a registry.</summary>
public enum RegistryFailure
{
    /// <summary>No connection could be made, or none answered in time, after the retries.</summary>
    Unreachable,

    /// <summary>The registry wants credentials and none were found, or it refused the ones given.</summary>
    Unauthorized,

    /// <summary>The credentials were accepted but do not allow the operation (403, or a token without the scope).</summary>
    Denied,

    /// <summary>The registry does not allow deleting (405 Method Not Allowed).</summary>
    DeleteDisabled,

    /// <summary>Any other unexpected answer (a 5xx, a malformed manifest, …).</summary>
    Unexpected,
}

/// <summary>
/// A registry operation that failed. The message says what in plain words, with the registry host and
/// repository; it never contains a password, a token or an <c>Authorization</c> header.
/// </summary>
public sealed class RegistryException : Exception
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
}
