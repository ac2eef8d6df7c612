using Cake.Core;
using Cake.Core.IO;

namespace Cake.BuildxCache.Refs;

/// <summary>
/// The one entry point that resolves <see cref="GitRefInfo"/>: picks the CI provider, lets its reader
/// read the refs, then applies the explicit overrides, which win over everything.
/// </summary>
/// <param name="environment">Environment variables and the working directory.</param>
/// <param name="fileSystem">Reads CI files such as GitHub's event payload.</param>
/// <param name="git">Runs git, which reads a local checkout.</param>
internal sealed class GitRefResolver(ICakeEnvironment environment, IFileSystem fileSystem, GitCli git)
{
    private readonly ICakeEnvironment _environment = environment ?? throw new ArgumentNullException(nameof(environment));
    private readonly IFileSystem _fileSystem = fileSystem ?? throw new ArgumentNullException(nameof(fileSystem));
    private readonly LocalRefReader _local = new(git ?? throw new ArgumentNullException(nameof(git)));
    private readonly CommitTimeReader _commitTime = new(git);
    private readonly MergedBranchReader _mergedBranch = new(git);

    /// <summary>Resolves the refs of the current run from a Cake context.</summary>
    /// <param name="context">The Cake context (its environment, file system, working directory, process runner
    /// and tool locator are used).</param>
    /// <param name="overrides">The explicit <c>--branch</c>/<c>--sha</c>/<c>--default-branch</c> values.</param>
    /// <returns>The refs and the fallbacks taken.</returns>
    /// <exception cref="CakeException">The refs cannot be known; the message says which option supplies them.</exception>
    public static GitRefResolution Resolve(ICakeContext context, RefOverrides overrides)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new GitRefResolver(context.Environment, context.FileSystem, new GitCli(context.ProcessRunner, context.Tools)).Resolve(overrides);
    }

    /// <summary>Resolves the refs of the current run.</summary>
    /// <param name="overrides">The explicit <c>--branch</c>/<c>--sha</c>/<c>--default-branch</c> values.</param>
    /// <param name="repositoryDirectory">Where to look for the git repository; the working directory when null.</param>
    /// <returns>The refs and the fallbacks taken.</returns>
    /// <exception cref="CakeException">The refs cannot be known; the message says which option supplies them.</exception>
    public GitRefResolution Resolve(RefOverrides overrides, DirectoryPath? repositoryDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        var directory = (repositoryDirectory ?? _environment.WorkingDirectory).MakeAbsolute(_environment).FullPath;
        var provider = CiDetector.Detect(_environment);

        // CI variables may not name the default branch; a clone's origin/HEAD is the next best witness.
        string DefaultBranchFallback() => _local.ReadDefaultBranch(directory) ?? LocalRefReader.FallbackDefaultBranch;

        var read = provider switch
        {
            CiProvider.GitLabCI => GitLabRefReader.Read(_environment, DefaultBranchFallback),
            CiProvider.GitHubActions => GitHubRefReader.Read(_environment, _fileSystem, DefaultBranchFallback),
            _ => ReadLocal(directory, overrides),
        };

        // CI variables are input too: checked as strictly as the options that override them, before they are used.
        if (CiInputChecks.Check(read.Inputs, overrides) is { Count: > 0 } problems)
        {
            throw new CakeException(string.Join(Environment.NewLine, problems));
        }

        GitRefInfo refs;
        try
        {
            refs = overrides.ApplyTo(read.Refs);
        }
        catch (ArgumentException exception)
        {
            throw new CakeException(exception.Message, exception);
        }

        if (refs.Sha.Length == 0)
        {
            throw new CakeException(
                $"The commit sha of this build is unknown ({string.Join(" ", read.Notes)}). Pass it explicitly: --sha=<commit>.");
        }

        // The image's time when it is reproducible: never fatal, an unknown time falls back to the build time (the plan says why).
        refs = _commitTime.Read(refs, _environment, directory, shaOverridden: !string.IsNullOrWhiteSpace(overrides.Sha));
        return new GitRefResolution(_mergedBranch.Read(refs, directory), read.Notes);
    }

    private GitRefResolution ReadLocal(string directory, RefOverrides overrides)
    {
        var read = _local.Read(directory);
        if (read.Resolution is { } resolution)
        {
            return resolution;
        }

        // Without git the explicit values are the whole story; a sha is the least a build needs.
        var (reason, fix) = read.Reason is { } why
            ? (why, read.Fix!)
            : ($"'{directory}' is not inside a git repository", "Run the build from a git clone");
        if (string.IsNullOrWhiteSpace(overrides.Sha))
        {
            throw new CakeException(
                $"{reason}, so the branch and commit cannot be read from git. " +
                $"{fix}, or pass them explicitly: --sha=<commit> [--branch=<name>] [--default-branch=<name>].");
        }

        // Not being in a repository is a choice; git missing or refusing is a problem worth its fix.
        var note = read.Reason is null
            ? $"{reason}: the refs come from the explicit options alone."
            : $"{reason}: the refs come from the explicit options alone. {fix} to have git read them from '{directory}'.";
        return new GitRefResolution(
            new GitRefInfo(CiProvider.None, RefKind.Detached, string.Empty, string.Empty, string.Empty, string.Empty, LocalRefReader.FallbackDefaultBranch, null, false, null),
            [note]);
    }
}
