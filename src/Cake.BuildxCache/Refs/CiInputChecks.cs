using Cake.BuildxCache.Options;

namespace Cake.BuildxCache.Refs;

/// <summary>
/// The values CI variables and the event payload give, checked as strictly as the options that override them
/// (<c>--sha</c>, <c>--branch</c>, <c>--default-branch</c>): a value an option overrides is not used, so not checked.
/// Pure; each problem names the variable and the fix.
/// </summary>
internal static class CiInputChecks
{
    /// <summary>What is wrong with <paramref name="inputs"/>.</summary>
    /// <param name="inputs">The values the reader took.</param>
    /// <param name="overrides">The explicit options.</param>
    /// <returns>One message per problem, empty when all are usable.</returns>
    public static IReadOnlyList<string> Check(IEnumerable<CiInput> inputs, RefOverrides overrides)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(overrides);
        var problems = new List<string>();
        foreach (var input in inputs)
        {
            var source = $"{input.Source} '{Printable(input.Value)}'";
            switch (input.Kind)
            {
                case CiInputKind.Sha when Given(overrides.Sha) is null && !CommitSha.IsValid(input.Value):
                    problems.Add($"{source} is not a commit sha (4 to 64 hex digits): fix the CI variable, or pass --sha=<commit>.");
                    break;
                case CiInputKind.RefName when Given(overrides.Branch) is null && OptionFormats.CheckBranchName(input.Value) is { } problem:
                    problems.Add($"{source} {problem}: fix the CI variable, or pass --branch=<name>.");
                    break;
                case CiInputKind.Slug when Given(overrides.Branch) is null:
                    if (!input.Value.All(c => char.IsAsciiDigit(c) || char.IsAsciiLetterLower(c) || c == '-'))
                    {
                        problems.Add($"{source} is not a slug GitLab makes (only 0-9, a-z and -, as in feature-x): unset it to have the slug computed from the ref name, or pass --branch=<name>.");
                    }
                    else if (input.Name is { } name && RefSlug.From(name) is var slug && slug != input.Value)
                    {
                        problems.Add($"{source} is not the slug of {input.NameSource} '{Printable(name)}', which is '{slug}' (GitLab's rule: lowercased, every character outside 0-9 and a-z as '-', cut to {RefSlug.MaxLength}, no '-' at either end): tags and cache refs would be another branch's; unset {input.Source} to have it computed, fix the job's variables, or pass --branch=<name>.");
                    }

                    break;
                case CiInputKind.DefaultBranch when Given(overrides.DefaultBranch) is null && OptionFormats.CheckBranchName(input.Value) is { } problem:
                    problems.Add($"{source} {problem}: fix it, or pass --default-branch=<name>.");
                    break;
                case CiInputKind.TargetBranch when OptionFormats.CheckBranchName(input.Value) is { } problem:
                    problems.Add($"{source} {problem}: fix the CI variable (the merge request's target branch), or unset it.");
                    break;
            }
        }

        return problems;
    }

    /// <summary>A value cut for a message: control characters would break its line, and a long value is cut.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The printable text.</returns>
    public static string Printable(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var text = new string([.. value.Take(80).Select(c => char.IsControl(c) ? '?' : c)]);
        return value.Length > 80 ? text + "…" : text;
    }

    private static string? Given(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
