namespace Cake.BuildxCache.Options;

/// <summary>One thing wrong with the options, phrased for the person who has to fix it.</summary>
/// <param name="Option">The option's name (<c>image</c>).</param>
/// <param name="Value">The offending value, or null when missing or secret (a secret's value is never kept here).</param>
/// <param name="Origin">Where the value came from, when it was set.</param>
/// <param name="Problem">What is wrong (<c>must not carry a tag</c>).</param>
/// <param name="HowToSet">How to set the option right.</param>
public sealed record OptionProblem(string Option, string? Value, OptionOrigin? Origin, string Problem, string HowToSet)
{
    /// <summary>Describes a problem with <paramref name="option"/>; a secret's value is dropped.</summary>
    /// <param name="option">The option.</param>
    /// <param name="value">The offending value (ignored for secrets).</param>
    /// <param name="origin">Where it came from.</param>
    /// <param name="problem">What is wrong.</param>
    /// <returns>The problem.</returns>
    public static OptionProblem For(OptionDescriptor option, string? value, OptionOrigin? origin, string problem)
    {
        ArgumentNullException.ThrowIfNull(option);
        return new(option.Name, option.IsSecret ? null : value, origin, problem, option.HowToSet);
    }

    /// <summary>The whole message: <c>image 'App:1' (from --image): must not carry a tag; set --image=…</c>.</summary>
    public string Message
    {
        get
        {
            var value = Value is null ? string.Empty : $" '{Value}'";
            var origin = Origin is null || Origin.Source == OptionSource.Default ? string.Empty : $" ({Origin})";
            return $"{Option}{value}{origin}: {Problem}; {HowToSet}";
        }
    }

    /// <summary>Same as <see cref="Message"/>.</summary>
    /// <returns>The message.</returns>
    public override string ToString() => Message;
}
