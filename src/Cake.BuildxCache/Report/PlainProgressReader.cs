using System.Globalization;
using System.Text.RegularExpressions;

namespace Cake.BuildxCache.Report;

/// <summary>
/// Reads <c>--progress=plain</c> output line by line (feed it as the build prints, or all at once) into a
/// <see cref="BuildReport"/>. The plain printer writes, per vertex, a header <c>#N name</c> after a blank line,
/// then <c>#N …</c> status, transfer and log lines, then one of <c>#N DONE 1.2s</c>, <c>#N CACHED</c>,
/// <c>#N ERROR: …</c>, <c>#N CANCELED</c>. Concurrent vertexes interleave: the printer closes one with
/// <c>#N ...</c> and repeats the next one's header. Any other line is ignored; nothing here throws on input.
/// </summary>
internal sealed partial class PlainProgressReader
{
    private readonly StepLedger ledger = new();
    private bool previousWasStepLine;
    private string? error;

    /// <summary>Reads a whole captured output.</summary>
    /// <param name="text">The output (stdout and stderr together, as buildx prints progress to stderr).</param>
    /// <returns>The report.</returns>
    public static BuildReport Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Parse(text.Split('\n'));
    }

    /// <summary>Reads captured output lines.</summary>
    /// <param name="lines">The lines.</param>
    /// <returns>The report.</returns>
    public static BuildReport Parse(IEnumerable<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var reader = new PlainProgressReader();
        foreach (var line in lines)
        {
            reader.Accept(line);
        }

        return reader.ToReport();
    }

    /// <summary>Takes the next line of output.</summary>
    /// <param name="line">The line, with or without its line ending; null is ignored.</param>
    public void Accept(string? line)
    {
        var text = line?.TrimEnd('\r', '\n') ?? string.Empty;
        var match = StepLine().Match(text);
        if (!match.Success || !int.TryParse(match.Groups["n"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            if (error is null && text.StartsWith("ERROR: ", StringComparison.Ordinal))
            {
                error = text["ERROR: ".Length..].Trim();
            }

            previousWasStepLine = false;
            return;
        }

        // BuildKit 0.11 prints some log lines as #0 (a vertex without an index): they name no step.
        if (number != 0)
        {
            AcceptStepLine(number, match.Groups["text"].Value.TrimEnd());
        }

        previousWasStepLine = true;
    }

    /// <summary>The report of everything read so far.</summary>
    /// <returns>The report.</returns>
    public BuildReport ToReport() => new(ProgressFormat.Plain, ledger.ToSteps(), error, null);

    private void AcceptStepLine(int number, string text)
    {
        var key = number.ToString(CultureInfo.InvariantCulture);
        if (text == "...")
        {
            return;
        }

        if (text == "CACHED")
        {
            ledger.Step(key, number, string.Empty).End(StepStatus.Cached);
            return;
        }

        if (text.StartsWith("CANCELED", StringComparison.Ordinal))
        {
            ledger.Step(key, number, string.Empty).End(StepStatus.Canceled);
            return;
        }

        if (text == "ERROR" || text.StartsWith("ERROR:", StringComparison.Ordinal))
        {
            ledger.Step(key, number, string.Empty).End(StepStatus.Error, text.Length > "ERROR:".Length ? text["ERROR:".Length..] : null);
            return;
        }

        var done = Done().Match(text);
        if (done.Success)
        {
            var step = ledger.Step(key, number, string.Empty);
            step.End(StepStatus.Done);
            if (double.TryParse(done.Groups["seconds"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
            {
                step.Duration = TimeSpan.FromSeconds(seconds);
            }

            return;
        }

        // A header opens a block: it follows a blank or foreign line, or names a vertex not seen yet.
        if (!previousWasStepLine || !ledger.Contains(key))
        {
            ledger.Step(key, number, text);
            return;
        }

        if (CacheExportStatus.IsCacheExport(text) && ledger.TryGet(key, out var exporting))
        {
            exporting.ExportsCache = true;
        }

        // A build step does not download layers when it runs; when it shows one, its result came from the
        // registry cache (see StepLedger.Draft.LoadedFromCache).
        if (LayerTransfer().IsMatch(text) && ledger.TryGet(key, out var loading))
        {
            loading.LoadedFromCache = true;
        }
    }

    [GeneratedRegex(@"^#(?<n>\d{1,9})(?: (?<text>.*))?$")]
    private static partial Regex StepLine();

    [GeneratedRegex(@"^DONE (?<seconds>\d+(?:\.\d+)?)s$")]
    private static partial Regex Done();

    [GeneratedRegex(@"^(?:extracting )?sha256:[0-9a-f]{64}\b")]
    private static partial Regex LayerTransfer();
}
