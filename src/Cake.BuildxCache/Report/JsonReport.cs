using System.Text;
using System.Text.Json;

namespace Cake.BuildxCache.Report;

/// <summary>
/// The cache report as JSON, for <c>artifacts/buildx-report.json</c>. Property names and their meaning are stable
/// (a change of meaning bumps <c>schemaVersion</c>); times are seconds (3 decimals); absent values are <c>null</c>:
/// <code>
/// {
///   "schemaVersion": 1,
///   "progressFormat": "plain" | "rawjson",
///   "summary": {
///     "buildSteps": 2,        // Dockerfile steps other than FROM (see BuildSummary for what counts)
///     "cached": 2, "ran": 0,  // of those: from cache / executed (finished or failed)
///     "hitRatio": 1.0,        // cached / (cached + ran), 0..1, null without such steps
///     "stepTimeSeconds": 0.1, // summed durations of all steps (concurrent steps overlap)
///     "elapsedSeconds": null  // wall-clock time, when known (BuildKit's build record, rawjson, or set by the caller)
///   },
///   "counts": {               // every step as BuildKit counts them (not buildx's own [auth] … steps)
///     "source": "buildRecord", // or "progress": where steps and cached came from
///     "steps": 9, "cached": 2,
///     "recordId": "l4tjehbe06vzj55yjgje4d3tg", // the build record's id (buildx.build.ref), null from progress
///     "completed": 9, "durationSeconds": 0.995, "status": "completed", "error": null, // the record's, else null
///     "note": null,            // why the record was not read, when it was not
///     "progressSteps": 9, "progressCached": 2, // the progress output's counts of the same, null without one
///     "disagreements": []      // where the record and the progress output differ
///   },
///   "cache": {
///     "imported": ["ref"],                          // cache-from refs that were read
///     "importFailures": [{ "ref": "…", "error": "…" }],
///     "exported": true,                             // a cache-to export finished
///     "exportErrors": ["…"]
///   },
///   "image": {                                      // a reproducible push against what its tags held; null otherwise
///     "change": "unchanged",                        // or "same-image" (same image manifests, new attestation index), "changed", "new"
///     "unchanged": true, "digest": "sha256:…",
///     "previous": [{ "tag": "registry/app:main", "digest": "sha256:…" }],
///     "message": "image unchanged: …"
///   },
///   "cacheMiss": {           // a warm build that ran steps (--explain-cache-miss), else null
///     "step": "[stage-1 2/3] RUN …", "line": 6, // the first step that ran, its Dockerfile line (null when unknown)
///     "cause": "buildArg",   // noCache, baseImage, buildArg, gitInContext or unknown
///     "why": "build argument GIT_COMMIT changed since the cache was written (declared at Dockerfile line 5, …)",
///     "cacheRef": "…"        // the cache ref whose record was compared, null when none had one
///   },
///   "error": null,                                  // the build's error
///   "stages": [{ "stage": "slow", "steps": 1, "cached": 1, "ran": 0, "timeSeconds": 0.0 }],
///   "steps": [{ "number": 7, "name": "[slow 2/2] RUN …", "kind": "build", "stage": "slow", "platform": null,
///               "status": "cached", "durationSeconds": null, "error": null, "digest": null }]
/// }
/// </code>
/// <c>kind</c> is one of <c>build</c>, <c>baseImage</c>, <c>internal</c>, <c>auth</c>, <c>metadata</c>,
/// <c>cacheImport</c>, <c>cacheExport</c>, <c>imageExport</c>, <c>other</c>; <c>status</c> one of <c>incomplete</c>,
/// <c>cached</c>, <c>done</c>, <c>error</c>, <c>canceled</c>; a stage's <c>stage</c> is empty for an unnamed single stage.
/// </summary>
internal static class JsonReport
{
    /// <summary>The version of the document's shape.</summary>
    public const int SchemaVersion = 1;

    /// <summary>Renders a report (and its summary) as indented JSON with <c>\n</c> line ends.</summary>
    /// <param name="report">The report.</param>
    /// <param name="counts">The step counts, when BuildKit's build record was read; null counts from the progress output.</param>
    /// <param name="image">How a reproducible push compares with what its tags pointed at before, or null.</param>
    /// <param name="miss">The first step of a warm build that ran and its likely cause, or null.</param>
    /// <returns>The JSON text, ending with a line break.</returns>
    public static string Render(BuildReport report, StepCounts? counts = null, Policy.ImageChange? image = null, CacheMiss? miss = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        var summary = BuildSummary.From(report);
        counts ??= summary.Counts!;
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, NewLine = "\n" }))
        {
            json.WriteStartObject();
            json.WriteNumber("schemaVersion", SchemaVersion);
            json.WriteString("progressFormat", report.Format == ProgressFormat.RawJson ? "rawjson" : "plain");

            json.WriteStartObject("summary");
            json.WriteNumber("buildSteps", summary.BuildSteps);
            json.WriteNumber("cached", summary.Cached);
            json.WriteNumber("ran", summary.Ran);
            WriteNumber(json, "hitRatio", summary.HitRatio is { } ratio ? Math.Round(ratio, 4) : null);
            WriteNumber(json, "stepTimeSeconds", Seconds(summary.StepTime));
            WriteNumber(json, "elapsedSeconds", Seconds(summary.Elapsed));
            json.WriteEndObject();

            WriteCounts(json, counts);

            json.WriteStartObject("cache");
            json.WriteStartArray("imported");
            foreach (var reference in summary.ImportedCacheRefs)
            {
                json.WriteStringValue(reference);
            }

            json.WriteEndArray();
            json.WriteStartArray("importFailures");
            foreach (var import in summary.FailedCacheImports)
            {
                json.WriteStartObject();
                json.WriteString("ref", import.Ref);
                json.WriteString("error", import.Error);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteBoolean("exported", summary.CacheExported);
            json.WriteStartArray("exportErrors");
            foreach (var error in summary.CacheExportErrors)
            {
                json.WriteStringValue(error);
            }

            json.WriteEndArray();
            json.WriteEndObject();

            WriteImage(json, image);
            WriteMiss(json, miss);
            json.WriteString("error", report.Error ?? counts.Error);

            json.WriteStartArray("stages");
            foreach (var stage in summary.Stages)
            {
                json.WriteStartObject();
                json.WriteString("stage", stage.Stage);
                json.WriteNumber("steps", stage.Steps);
                json.WriteNumber("cached", stage.Cached);
                json.WriteNumber("ran", stage.Ran);
                WriteNumber(json, "timeSeconds", Seconds(stage.Time));
                json.WriteEndObject();
            }

            json.WriteEndArray();

            json.WriteStartArray("steps");
            foreach (var step in report.Steps)
            {
                WriteStep(json, step);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static void WriteImage(Utf8JsonWriter json, Policy.ImageChange? image)
    {
        if (image is null)
        {
            json.WriteNull("image");
            return;
        }

        json.WriteStartObject("image");
        json.WriteString("change", image.KindText);
        json.WriteBoolean("unchanged", image.IsUnchanged);
        json.WriteString("digest", image.Digest);
        json.WriteStartArray("previous");
        foreach (var (tag, digest) in image.Previous)
        {
            json.WriteStartObject();
            json.WriteString("tag", tag);
            json.WriteString("digest", digest);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteString("message", image.Message);
        json.WriteEndObject();
    }

    /// <summary>The JSON name of a step kind.</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>Its name, camel case.</returns>
    public static string Name(StepKind kind) => JsonNamingPolicy.CamelCase.ConvertName(kind.ToString());

    /// <summary>The JSON name of a step status.</summary>
    /// <param name="status">The status.</param>
    /// <returns>Its name, camel case.</returns>
    public static string Name(StepStatus status) => JsonNamingPolicy.CamelCase.ConvertName(status.ToString());

    private static void WriteCounts(Utf8JsonWriter json, StepCounts counts)
    {
        json.WriteStartObject("counts");
        json.WriteString("source", JsonNamingPolicy.CamelCase.ConvertName(counts.Source.ToString()));
        json.WriteNumber("steps", counts.Steps);
        json.WriteNumber("cached", counts.Cached);
        json.WriteString("recordId", counts.RecordId);
        WriteNumber(json, "completed", counts.Completed);
        WriteNumber(json, "durationSeconds", Seconds(counts.Duration));
        json.WriteString("status", counts.Status);
        json.WriteString("error", counts.Error);
        json.WriteString("note", counts.Note);
        WriteNumber(json, "progressSteps", counts.ProgressSteps);
        WriteNumber(json, "progressCached", counts.ProgressCached);
        json.WriteStartArray("disagreements");
        foreach (var disagreement in counts.Disagreements)
        {
            json.WriteStringValue(disagreement);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteMiss(Utf8JsonWriter json, CacheMiss? miss)
    {
        if (miss is null)
        {
            json.WriteNull("cacheMiss");
            return;
        }

        json.WriteStartObject("cacheMiss");
        json.WriteString("step", miss.Step);
        WriteNumber(json, "line", miss.Line);
        json.WriteString("cause", JsonNamingPolicy.CamelCase.ConvertName(miss.Cause.ToString()));
        json.WriteString("why", miss.Why);
        json.WriteString("cacheRef", miss.CacheRef);
        json.WriteEndObject();
    }

    private static void WriteStep(Utf8JsonWriter json, BuildStep step)
    {
        json.WriteStartObject();
        json.WriteNumber("number", step.Number);
        json.WriteString("name", step.Name);
        json.WriteString("kind", Name(step.Kind));
        json.WriteString("stage", step.Stage);
        json.WriteString("platform", step.Platform);
        json.WriteString("status", Name(step.Status));
        WriteNumber(json, "durationSeconds", Seconds(step.Duration));
        json.WriteString("error", step.Error);
        json.WriteString("digest", step.Digest);
        json.WriteEndObject();
    }

    private static double? Seconds(TimeSpan? time) => time is { } value ? Math.Round(value.TotalSeconds, 3) : null;

    private static void WriteNumber(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } number)
        {
            json.WriteNumber(name, number);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
