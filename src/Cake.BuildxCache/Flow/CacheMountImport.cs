using System.Diagnostics;
using System.Globalization;
using Cake.BuildxCache.Miss;
using Cake.BuildxCache.Policy;
using Cake.BuildxCache.Registry;
using Cake.Common.Diagnostics;
using Cake.Core;

namespace Cake.BuildxCache.Flow;

/// <summary>
/// Before the build: fills each cache mount the plan carries from its image, the first of its refs the registry has
/// (a record naming the mount proves the image is one), with a helper build on the build's builder. Nothing here fails
/// the build: a mount that cannot be filled only makes the build's own step do the work again.
/// </summary>
internal static class CacheMountImport
{
    /// <summary>Fills the mounts.</summary>
    /// <param name="run">The run.</param>
    /// <param name="mounts">The mounts' plan (<see cref="CacheMountRun.Plan"/>).</param>
    /// <param name="fill">Per mount id: null to fill it, else the layer cache ref whose steps it would serve; and why (<see cref="CacheMountSteps.Fill"/>).</param>
    /// <returns>The mounts' plan and what was imported, for <see cref="CacheMountExport"/>.</returns>
    public static async Task<(CacheMountsPlan Plan, IReadOnlyList<CacheMountImported> Imported)> RunAsync(BuildxCacheRun run, CacheMountsPlan mounts, Func<string, (string? MatchedRef, string Why)> fill)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(mounts);
        ArgumentNullException.ThrowIfNull(fill);
        foreach (var note in mounts.Notes)
        {
            run.Verbose("{0}", note);
        }

        if (mounts.Mounts.Count == 0)
        {
            return (mounts, []);
        }

        var imported = new List<CacheMountImported>();
        using var client = RegistryAccess.Client(run);
        foreach (var mount in mounts.Mounts)
        {
            var (matched, why) = fill(mount.Mount.Id);
            if (matched is not null)
            {
                run.Information("cache mount '{0}': not filled: {1}", mount.Mount.Id, why);
                imported.Add(new(mount, null, null, 0, TimeSpan.Zero) { Why = why });
                continue;
            }

            run.Verbose("cache mount '{0}': filled: {1}", mount.Mount.Id, why);
            var result = await ImportAsync(run, client, mounts, mount).ConfigureAwait(false);
            imported.Add(result.From is null ? result : result with { Why = why });
        }

        return (mounts, imported);
    }

    private static async Task<CacheMountImported> ImportAsync(BuildxCacheRun run, RegistryClient client, CacheMountsPlan mounts, CacheMountPlan mount)
    {
        var started = Stopwatch.GetTimestamp();
        var id = mount.Mount.Id;
        foreach (var candidate in mount.From)
        {
            ManifestInfo? info;
            try
            {
                info = await client.GetManifestInfoAsync(RepositoryReference.Parse(candidate.Ref)).ConfigureAwait(false);
            }
            catch (RegistryException exception)
            {
                run.Warning("cache mount '{0}': {1} could not be read ({2}); the mount starts empty", id, candidate.Ref, exception.Message);
                return new(mount, null, null, 0, Stopwatch.GetElapsedTime(started)) { Why = $"{candidate.Ref} could not be read" };
            }

            if (info is null)
            {
                continue;
            }

            if (info.Record is not { } record || !record.Fields.TryGetValue(CacheMountPolicy.MountIdField, out var recordedId) || recordedId != id)
            {
                run.Warning("cache mount '{0}': {1} carries no record of that mount, so it is not read", id, candidate.Ref);
                continue;
            }

            var pinned = RepositoryReference.Parse(candidate.Ref).WithReference(info.Digest).ToString();
            var directory = CacheMountRun.Directory(CacheMountHelpers.ImportDockerfile(mounts, mount, pinned));
            try
            {
                CacheMountRun.Build(run, CacheMountHelpers.Import(mounts, new Core.IO.DirectoryPath(directory.FullName), CacheMountRun.NewRunValue()));
            }
            catch (CakeException exception)
            {
                run.Warning("cache mount '{0}': filling it from {1} failed ({2}); the mount starts empty", id, candidate.Ref, exception.Message);
                return new(mount, null, null, 0, Stopwatch.GetElapsedTime(started)) { Why = $"filling it from {candidate.Ref} failed" };
            }
            finally
            {
                CacheMountRun.Remove(directory);
            }

            var elapsed = Stopwatch.GetElapsedTime(started);
            run.Information(
                "cache mount '{0}': filled from {1} ({2}), {3} downloaded in {4} s",
                id,
                candidate.Ref,
                candidate.Describe(),
                CacheMountContent.Describe(info.Size),
                elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture));
            return new(mount, candidate.Ref, record, info.Size, elapsed);
        }

        run.Information("cache mount '{0}': no image yet ({1}); the mount starts empty", id, string.Join(", ", mount.From.Select(candidate => candidate.Ref)));
        return new(mount, null, null, 0, Stopwatch.GetElapsedTime(started)) { Why = "no image of the mount yet" };
    }
}
