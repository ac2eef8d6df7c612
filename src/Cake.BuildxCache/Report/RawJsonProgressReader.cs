using System.Globalization;
using System.Text.Json;

namespace Cake.BuildxCache.Report;

/// <summary>
/// Reads <c>--progress=rawjson</c> output (buildx 0.15 and later) into a <see cref="BuildReport"/>. Each line is
/// one BuildKit <c>client.SolveStatus</c>: <c>{"vertexes":[{"digest","inputs","name","started","completed",
/// "cached","error"}],"statuses":[{"id","vertex","name",…}],"logs":[…],"warnings":[…]}</c>. A vertex appears in
/// many lines as it progresses: they are merged by digest, later fields over earlier ones. Property names are
/// matched ignoring case (BuildKit before 0.13 had no JSON tags, so Go wrote <c>Vertexes</c>, <c>Digest</c>, …);
/// lines that are not JSON objects, and fields of an unexpected type, are ignored.
/// </summary>
internal sealed class RawJsonProgressReader
{
    private readonly StepLedger ledger = new();
    private readonly Dictionary<string, (DateTimeOffset? Started, DateTimeOffset? Completed)> times = new(StringComparer.Ordinal);
    private int nextNumber = 1;
    private string? finalError;

    /// <summary>Reads a whole captured output.</summary>
    /// <param name="text">The output.</param>
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
        var reader = new RawJsonProgressReader();
        foreach (var line in lines)
        {
            reader.Accept(line);
        }

        return reader.ToReport();
    }

    /// <summary>Takes the next line of output.</summary>
    /// <param name="line">The line; null, blank and non-JSON lines are ignored.</param>
    public void Accept(string? line)
    {
        var text = line?.Trim();
        if (string.IsNullOrEmpty(text) || text[0] != '{')
        {
            // buildx prints the final error itself, outside the JSON stream.
            if (finalError is null && text is not null && text.StartsWith("ERROR: ", StringComparison.Ordinal))
            {
                finalError = text["ERROR: ".Length..].Trim();
            }

            return;
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return;
            }

            foreach (var vertex in Array(document.RootElement, "vertexes"))
            {
                AcceptVertex(vertex);
            }

            foreach (var status in Array(document.RootElement, "statuses"))
            {
                AcceptStatus(status);
            }
        }
        catch (JsonException)
        {
            // A line cut off or not ours: the rest of the stream still counts.
        }
    }

    /// <summary>The report of everything read so far.</summary>
    /// <returns>The report.</returns>
    public BuildReport ToReport()
    {
        var started = times.Values.Select(time => time.Started).Where(time => time is not null).Min();
        var completed = times.Values.Select(time => time.Completed).Where(time => time is not null).Max();
        TimeSpan? elapsed = started is not null && completed is not null && completed >= started ? completed - started : null;
        var steps = ledger.ToSteps();
        // Without buildx's own ERROR line, the first failed step is the error, unless it is a cache import:
        // a cache ref that cannot be read never fails a build.
        var error = finalError ?? steps.FirstOrDefault(step => step.Status == StepStatus.Error && step.Kind != StepKind.CacheImport)?.Error;
        return new BuildReport(ProgressFormat.RawJson, steps, error, elapsed);
    }

    private void AcceptVertex(JsonElement vertex)
    {
        var digest = String(vertex, "digest");
        if (digest is null)
        {
            return;
        }

        var step = ledger.Contains(digest) ? ledger.Step(digest, 0, string.Empty) : ledger.Step(digest, nextNumber++, string.Empty);
        step.Digest = digest;
        if (String(vertex, "name") is { Length: > 0 } name && step.Name.Length == 0)
        {
            step.Name = name;
        }

        // Merge the times: the earliest start and the latest completion span every run of the vertex.
        var (started, completed) = times.GetValueOrDefault(digest);
        var newStarted = Time(vertex, "started");
        var newCompleted = Time(vertex, "completed");
        started = Earliest(started, newStarted);
        completed = newCompleted is not null && (completed is null || newCompleted > completed) ? newCompleted : completed;
        times[digest] = (started, completed);

        var error = String(vertex, "error");
        if (!string.IsNullOrEmpty(error))
        {
            // BuildKit's own printer shows an error ending in "context canceled" as CANCELED.
            step.End(error.EndsWith("context canceled", StringComparison.Ordinal) ? StepStatus.Canceled : StepStatus.Error, error);
        }
        else if (Bool(vertex, "cached") == true)
        {
            step.End(StepStatus.Cached);
        }
        else if (newCompleted is not null)
        {
            step.End(StepStatus.Done);
        }

        if (started is not null && completed is not null && completed >= started)
        {
            step.Duration = completed - started;
        }
    }

    private void AcceptStatus(JsonElement status)
    {
        if (String(status, "vertex") is { } digest && ledger.TryGet(digest, out var step)
            && String(status, "name") is { } name && CacheExportStatus.IsCacheExport(name))
        {
            step.ExportsCache = true;
        }
    }

    private static DateTimeOffset? Earliest(DateTimeOffset? a, DateTimeOffset? b) =>
        a is null ? b : b is null ? a : a < b ? a : b;

    private static bool TryProperty(JsonElement element, string name, out JsonElement value)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
                {
                    value = property.Value;
                    return true;
                }
            }
        }

        value = default;
        return false;
    }

    private static IEnumerable<JsonElement> Array(JsonElement element, string name) =>
        TryProperty(element, name, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().ToList()
            : [];

    private static string? String(JsonElement element, string name) =>
        TryProperty(element, name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static bool? Bool(JsonElement element, string name) =>
        TryProperty(element, name, out var value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? value.GetBoolean()
            : null;

    // Go writes RFC 3339 with up to nanoseconds (2024-05-01T10:00:00.123456789Z); .NET keeps 7 digits.
    private static DateTimeOffset? Time(JsonElement element, string name)
    {
        var text = String(element, name);
        if (text is null)
        {
            return null;
        }

        var dot = text.IndexOf('.', StringComparison.Ordinal);
        if (dot > 0)
        {
            var end = dot + 1;
            while (end < text.Length && char.IsAsciiDigit(text[end]))
            {
                end++;
            }

            if (end - dot - 1 > 7)
            {
                text = text[..(dot + 8)] + text[end..];
            }
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var time) ? time : null;
    }
}
