using System.Text.RegularExpressions;

namespace Cake.BuildxCache.Tests.Support;

/// <summary>
/// This test run: its id (eight hex digits, <c>BUILDX_CACHE_TESTS_RUN_ID</c> when the build's Test task chose it), and its
/// folder <c>&lt;temp&gt;/buildx-cache-tests-&lt;id&gt;</c>, which holds every temporary directory of the run and the
/// run's lock: <c>run.lock</c>, held open (exclusively) from the first use of the id until the process ends. The kernel
/// lets go of it when the process dies however it dies, so a lock that can be taken proves the run is over
/// (<see cref="StaleTestRuns"/>). Every name the run gives a resource carries the id, and the id is only handed out once
/// the lock is held: no resource of a live run can be taken for a dead one's.
/// </summary>
internal static partial class TestRun
{
    /// <summary>What a run folder's name starts with.</summary>
    public const string FolderPrefix = "buildx-cache-tests-";

    /// <summary>The lock file in a run folder.</summary>
    public const string LockFile = "run.lock";

    /// <summary>The variable the build's Test task passes the id in.</summary>
    public const string IdVariable = "BUILDX_CACHE_TESTS_RUN_ID";

    private static readonly Lazy<(string Id, string Folder, FileStream Lock)> Started = new(Start);

    /// <summary>The run's id, its folder made and locked on first use.</summary>
    public static string Id => Started.Value.Id;

    /// <summary>The run's folder, made on first use.</summary>
    public static string Path => Started.Value.Folder;

    /// <summary>Whether the run's folder was made.</summary>
    public static bool Created => Started.IsValueCreated;

    /// <summary>True for a run id: eight lowercase hex digits.</summary>
    public static bool IsId(string text) => RunId().IsMatch(text);

    /// <summary>The folder of run <paramref name="id"/> under <paramref name="tempRoot"/>.</summary>
    public static string FolderOf(string tempRoot, string id) => System.IO.Path.Combine(tempRoot, FolderPrefix + id);

    /// <summary>
    /// Holds the lock of the run folder <paramref name="folder"/>, or null when another process holds it or (unless
    /// <paramref name="create"/>) there is no lock file: a folder without one is a run still starting, or not a run of this kind.
    /// </summary>
    public static FileStream? TryLock(string folder, bool create = false)
    {
        try
        {
            return new FileStream(System.IO.Path.Combine(folder, LockFile), create ? FileMode.OpenOrCreate : FileMode.Open, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Lets go of the lock (the run's last step, after its folder is gone).</summary>
    public static void End()
    {
        if (Started.IsValueCreated)
        {
            Started.Value.Lock.Dispose();
        }
    }

    private static (string, string, FileStream) Start()
    {
        var given = Environment.GetEnvironmentVariable(IdVariable);
        for (var attempt = 0; ; attempt++)
        {
            var id = attempt == 0 && given is not null && IsId(given) ? given : Guid.NewGuid().ToString("N")[..8];
            var folder = FolderOf(System.IO.Path.GetTempPath(), id);
            if (Directory.Exists(folder))
            {
                // Another run's (or an ended one's, which the sweep removes): never share a folder.
                continue;
            }

            Directory.CreateDirectory(folder);
            if (TryLock(folder, create: true) is { } held)
            {
                return (id, folder, held);
            }
        }
    }

    [GeneratedRegex("^[0-9a-f]{8}$")]
    private static partial Regex RunId();
}
