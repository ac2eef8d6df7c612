namespace Cake.BuildxCache.Report;

/// <summary>Why the first step of a warm build that ran missed the cache, in the order they are tried.</summary>
public enum MissCause
{
    /// <summary>The build was asked not to use the cache for that stage (<c>--no-cache</c>, <c>--no-cache-filter</c>).</summary>
    NoCache,

    /// <summary>A base image of the step's stage has another digest than when the cache was written.</summary>
    BaseImage,

    /// <summary>A build argument in scope of the step has another value than when the cache was written.</summary>
    BuildArg,

    /// <summary>The step copies the context root, which holds a <c>.git</c> that no <c>.dockerignore</c> excludes.</summary>
    GitInContext,

    /// <summary>None of the above: files in the context or the Dockerfile changed.</summary>
    Unknown,
}
