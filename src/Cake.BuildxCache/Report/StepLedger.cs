namespace Cake.BuildxCache.Report;

/// <summary>
/// The steps seen so far while one progress stream is read, keyed by what identifies a vertex in that form
/// (its <c>#N</c> in plain output, its digest in rawjson). Both parsers feed it; it turns into <see cref="BuildStep"/>s.
/// </summary>
internal sealed class StepLedger
{
    private readonly Dictionary<string, Draft> byKey = new(StringComparer.Ordinal);
    private readonly List<Draft> inOrder = [];

    public bool Contains(string key) => byKey.ContainsKey(key);

    /// <summary>The step of <paramref name="key"/>, created with <paramref name="number"/> and <paramref name="name"/> when new.
    /// A later name for a known step does not rename it (the plain printer repeats the same header).</summary>
    public Draft Step(string key, int number, string name)
    {
        if (!byKey.TryGetValue(key, out var draft))
        {
            draft = new Draft(number, name);
            byKey.Add(key, draft);
            inOrder.Add(draft);
        }
        else if (draft.Name.Length == 0 && name.Length > 0)
        {
            draft.Name = name;
        }

        return draft;
    }

    public bool TryGet(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Draft? draft) =>
        byKey.TryGetValue(key, out draft);

    public IReadOnlyList<BuildStep> ToSteps() =>
        inOrder.OrderBy(draft => draft.Number).Select(draft => draft.ToStep()).ToList();

    /// <summary>One step while it is being read.</summary>
    internal sealed class Draft(int number, string name)
    {
        public int Number { get; } = number;

        public string Name { get; set; } = name;

        public StepStatus Status { get; private set; } = StepStatus.Incomplete;

        public TimeSpan? Duration { get; set; }

        public string? Error { get; private set; }

        public string? Digest { get; set; }

        /// <summary>Set when a status line showed cache export work (<c>preparing build cache for export</c>) under an unrecognised name.</summary>
        public bool ExportsCache { get; set; }

        /// <summary>
        /// Set when the step's result came from the registry cache: BuildKit marks the step cached, then pulls its
        /// layer lazily when a later step needs it and reports that pull under the step again, as a plain
        /// completion (plain output shows only the layer's download and extraction, no <c>CACHED</c>).
        /// </summary>
        public bool LoadedFromCache { get; set; }

        /// <summary>Set when BuildKit said the step was cached (a layer download alone does not: a base image's is a pull).</summary>
        public bool SaidCached { get; private set; }

        /// <summary>Records an end. An error sticks (a failed step stays failed); otherwise the latest word wins,
        /// since BuildKit may report a step twice (the plain fixture of a failing build prints <c>#5 DONE</c> twice).</summary>
        public void End(StepStatus status, string? error = null)
        {
            if (Status == StepStatus.Error)
            {
                return;
            }

            if (Status == StepStatus.Canceled && status != StepStatus.Error)
            {
                return;
            }

            if (status == StepStatus.Cached)
            {
                LoadedFromCache = true;
                SaidCached = true;
            }

            Status = status;
            if (status is StepStatus.Error or StepStatus.Canceled)
            {
                Error ??= string.IsNullOrWhiteSpace(error) ? null : error.Trim();
            }
        }

        public BuildStep ToStep()
        {
            var parsed = StepName.Parse(Name);
            var kind = ExportsCache && parsed.Kind == StepKind.Other ? StepKind.CacheExport : parsed.Kind;
            var status = Status == StepStatus.Done && LoadedFromCache && kind == StepKind.Build ? StepStatus.Cached : Status;
            var duration = status == StepStatus.Cached ? null : Duration;
            return new BuildStep(Number, Name, kind, parsed.Stage, parsed.Platform, status, duration, Error, Digest) { MarkedCached = SaidCached || status == StepStatus.Cached };
        }
    }
}
