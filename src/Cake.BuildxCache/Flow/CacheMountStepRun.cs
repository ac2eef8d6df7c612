using System.Diagnostics;
using System.Globalization;
using Cake.BuildxCache.Miss;
using Cake.BuildxCache.Policy;
using Cake.BuildxCache.Registry;
using Cake.Common.Diagnostics;
using Cake.Core.IO;

namespace Cake.BuildxCache.Flow;

/// <summary>
/// Before the build: each carried mount's step-input digest (<see cref="CacheMountSteps"/>). This part reads: the
/// Dockerfile, the <c>.dockerignore</c>, the context files the copies read (<see cref="ContextFiles"/>), the current digest
/// of each base image named by a tag (a manifest read through the run's registry client; unreadable is unknown).
/// </summary>
internal static class CacheMountStepRun
{
    /// <summary>Per mount id, its digest (null when not known) and why.</summary>
    /// <param name="run">The run.</param>
    /// <param name="plan">The build plan.</param>
    /// <param name="mounts">The mounts carried.</param>
    /// <returns>The digests.</returns>
    public static async Task<IReadOnlyDictionary<string, (string? Digest, string Why)>> DigestsAsync(BuildxCacheRun run, BuildPlan plan, CacheMountsPlan mounts)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(mounts);
        var result = new Dictionary<string, (string?, string)>(StringComparer.Ordinal);
        if (mounts.Mounts.Count == 0)
        {
            return result;
        }

        var started = Stopwatch.GetTimestamp();
        var dockerfile = new FilePath(plan.Dockerfile).MakeAbsolute(run.Environment).FullPath;
        var context = new DirectoryPath(plan.Context).MakeAbsolute(run.Environment).FullPath;
        var outline = File.Exists(dockerfile) ? DockerfileOutline.Parse(await File.ReadAllTextAsync(dockerfile).ConfigureAwait(false)) : null;
        var ignore = ReadText(dockerfile + ".dockerignore") ?? ReadText(System.IO.Path.Combine(context, ".dockerignore"));
        var key = run.BuildxOptions.CacheRecordKey is { IsEmpty: false } secret ? new RecordKey(secret.Reveal()) : null;
        var argDigests = CacheInputs.Of(plan.BuildArgs, RecordedBuildArgs.Names(plan.BuildArgs, outline, plan.Target), key, null).BuildArgs;
        var baseDigests = new Dictionary<string, string?>(StringComparer.Ordinal);
        using var client = RegistryAccess.Client(run);
        foreach (var mount in mounts.Mounts)
        {
            if (outline is null)
            {
                result[mount.Mount.Id] = (null, $"the Dockerfile {plan.Dockerfile} could not be read");
                continue;
            }

            var inputs = CacheMountSteps.Inputs(outline, mount.Mount, plan.BuildArgs);
            foreach (var reference in inputs.BaseImages.Values.Where(reference => !reference.Contains('@', StringComparison.Ordinal) && !baseDigests.ContainsKey(reference)))
            {
                baseDigests[reference] = await ResolveAsync(run, client, reference).ConfigureAwait(false);
            }

            var copyDigests = inputs.Copies.ToDictionary(copy => copy.Instruction.Line, copy => (string?)ContextFiles.Digest(context, ignore, copy.Sources));
            result[mount.Mount.Id] = CacheMountSteps.Digest(inputs, baseDigests, argDigests, plan.Platforms, copyDigests);
        }

        run.Verbose("cache mounts: steps' inputs read in {0} ms", Stopwatch.GetElapsedTime(started).TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture));
        return result;
    }

    private static async Task<string?> ResolveAsync(BuildxCacheRun run, RegistryClient client, string reference)
    {
        try
        {
            return (await client.GetManifestInfoAsync(RepositoryReference.Parse(reference)).ConfigureAwait(false))?.Digest;
        }
        catch (Exception exception) when (exception is RegistryException or ArgumentException or FormatException or HttpRequestException)
        {
            run.Verbose("cache mounts: the digest of {0} could not be read ({1})", reference, exception.Message);
            return null;
        }
    }

    private static string? ReadText(string path) => File.Exists(path) ? File.ReadAllText(path) : null;
}
