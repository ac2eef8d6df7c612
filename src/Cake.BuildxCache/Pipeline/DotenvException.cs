namespace Cake.BuildxCache.Pipeline;

/// <summary>Variables that a GitLab dotenv report cannot hold; <see cref="Exception.Message"/> names every problem.</summary>
internal sealed class DotenvException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="DotenvException"/> class.</summary>
    public DotenvException()
        : this([])
    {
    }

    /// <summary>Initializes a new instance of the <see cref="DotenvException"/> class.</summary>
    /// <param name="message">The message.</param>
    public DotenvException(string message)
        : base(message)
    {
        Problems = [message];
    }

    /// <summary>Initializes a new instance of the <see cref="DotenvException"/> class.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public DotenvException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [message];
    }

    /// <summary>Initializes a new instance of the <see cref="DotenvException"/> class.</summary>
    /// <param name="problems">One line per problem.</param>
    public DotenvException(IReadOnlyList<string> problems)
        : base(Describe(problems))
    {
        Problems = problems;
    }

    /// <summary>Gets one line per problem.</summary>
    public IReadOnlyList<string> Problems { get; }

    private static string Describe(IReadOnlyList<string> problems) =>
        problems.Count switch
        {
            0 => "The dotenv report cannot be written.",
            1 => "The dotenv report cannot be written: " + problems[0],
            _ => $"The dotenv report cannot be written ({problems.Count} problems):\n  - " + string.Join("\n  - ", problems),
        };
}
