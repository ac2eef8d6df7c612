namespace Cake.BuildxCache.Registry;

/// <summary>What went wrong talking to a registry.</summary>
internal enum RegistryFailure
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
