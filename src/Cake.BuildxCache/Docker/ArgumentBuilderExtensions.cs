using Cake.Core;
using Cake.Core.IO;

namespace Cake.BuildxCache.Docker;

/// <summary>
/// The few argument shapes docker commands repeat, so every runner renders them alike:
/// caller-supplied values are always quoted; lists keep the caller's order; dictionaries are
/// rendered sorted by key (ordinal) so the same settings always give the same command line.
/// </summary>
internal static class ArgumentBuilderExtensions
{
    /// <summary><c>--switch "value"</c> when <paramref name="value"/> is not null or empty.</summary>
    public static ProcessArgumentBuilder AppendOption(this ProcessArgumentBuilder arguments, string @switch, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            arguments.AppendSwitchQuoted(@switch, value);
        }

        return arguments;
    }

    /// <summary><c>--switch "path"</c> when <paramref name="path"/> is set; the path is rendered as given.</summary>
    public static ProcessArgumentBuilder AppendOption(this ProcessArgumentBuilder arguments, string @switch, Core.IO.Path? path) =>
        arguments.AppendOption(@switch, path?.FullPath);

    /// <summary>One <c>--switch "value"</c> per value, in the given order.</summary>
    public static ProcessArgumentBuilder AppendEach<T>(this ProcessArgumentBuilder arguments, string @switch, IEnumerable<T>? values)
    {
        foreach (var value in values ?? [])
        {
            arguments.AppendOption(@switch, value?.ToString());
        }

        return arguments;
    }

    /// <summary>One <c>--switch "key=value"</c> per entry, sorted by key (ordinal); a null value renders <c>key</c> alone.</summary>
    public static ProcessArgumentBuilder AppendSorted<TValue>(this ProcessArgumentBuilder arguments, string @switch, IEnumerable<KeyValuePair<string, TValue>>? entries)
        where TValue : class?
    {
        foreach (var (key, value) in (entries ?? []).OrderBy(entry => entry.Key, StringComparer.Ordinal))
        {
            arguments.AppendOption(@switch, value is null ? key : key + "=" + value);
        }

        return arguments;
    }

    /// <summary>
    /// One <c>--switch key=value</c> per entry, sorted by key (ordinal), each written as the CSV field buildx reads
    /// (<see cref="BuildxCsv"/>): <c>"key=a,b"</c> when the value holds a comma or a quote.
    /// </summary>
    public static ProcessArgumentBuilder AppendSortedCsv(this ProcessArgumentBuilder arguments, string @switch, IEnumerable<KeyValuePair<string, string>>? entries)
    {
        foreach (var (key, value) in (entries ?? []).OrderBy(entry => entry.Key, StringComparer.Ordinal))
        {
            arguments.AppendOption(@switch, BuildxCsv.Field(key + "=" + value));
        }

        return arguments;
    }

    /// <summary><c>--switch "a,b,c"</c> when there is at least one value.</summary>
    public static ProcessArgumentBuilder AppendJoined(this ProcessArgumentBuilder arguments, string @switch, IEnumerable<string>? values)
    {
        var list = (values ?? []).Where(value => !string.IsNullOrEmpty(value)).ToList();
        return list.Count == 0 ? arguments : arguments.AppendOption(@switch, string.Join(',', list));
    }

    /// <summary>The bare <paramref name="flag"/> when <paramref name="enabled"/>.</summary>
    public static ProcessArgumentBuilder AppendFlag(this ProcessArgumentBuilder arguments, string flag, bool enabled)
    {
        if (enabled)
        {
            arguments.Append(flag);
        }

        return arguments;
    }

    /// <summary>A quoted positional value when it is not null or empty.</summary>
    public static ProcessArgumentBuilder AppendPositional(this ProcessArgumentBuilder arguments, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            arguments.AppendQuoted(value);
        }

        return arguments;
    }
}
