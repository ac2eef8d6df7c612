using Cake.BuildxCache.Options;
using Cake.Core;
using Cake.Core.IO;

namespace Cake.BuildxCache.Flow;

/// <summary>
/// The build features' sources checked before any docker command runs: each secret's environment variable is set
/// or its file exists, each SSH key exists (or <c>SSH_AUTH_SOCK</c> is set for an agent), each local build context
/// exists. A secret's value is never read or shown: only the variable's name and the file's path are.
/// </summary>
internal static class BuildFeatureSources
{
    private const string AgentVariable = "SSH_AUTH_SOCK";

    /// <summary>One problem per missing source.</summary>
    /// <param name="options">The options.</param>
    /// <param name="fileSystem">The file system.</param>
    /// <param name="environment">The environment (variables, working directory).</param>
    /// <returns>The problems.</returns>
    public static IEnumerable<OptionProblem> Check(BuildxCacheOptions options, IFileSystem fileSystem, ICakeEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(options);
        bool IsSet(string variable) => !string.IsNullOrEmpty(environment.GetEnvironmentVariable(variable));
        bool FileExists(string path) => fileSystem.Exist(new FilePath(path).MakeAbsolute(environment));
        bool PathExists(string path) => FileExists(path) || fileSystem.Exist(new DirectoryPath(path).MakeAbsolute(environment));

        foreach (var text in options.Secrets)
        {
            if (!BuildSecretSpec.TryParse(text, out var secret, out _))
            {
                continue;
            }

            if (secret.SourceKey == "env" && !IsSet(secret.Source))
            {
                yield return Problem(options, OptionCatalog.Secret, text, $"reads the environment variable {secret.Source}, which is not set (or empty) in this run: set it in the job's variables or export it before the build; docker reads it from its environment, never from its command line");
            }
            else if (secret.SourceKey == "src" && !FileExists(secret.Source))
            {
                yield return Problem(options, OptionCatalog.Secret, text, $"reads the file {secret.Source}, which does not exist (paths are relative to the working directory): write the file before the build, or use env=VARIABLE");
            }
        }

        foreach (var text in options.Ssh)
        {
            if (!SshSpec.TryParse(text, out var ssh, out _))
            {
                continue;
            }

            if (ssh.Paths.Count == 0 && !IsSet(AgentVariable))
            {
                yield return Problem(options, OptionCatalog.Ssh, text, $"uses the SSH agent, but {AgentVariable} is not set: start an agent (eval \"$(ssh-agent)\"; ssh-add) or give key files, {ssh.Id}=/path/to/key");
            }

            foreach (var path in ssh.Paths.Where(path => !PathExists(path)))
            {
                yield return Problem(options, OptionCatalog.Ssh, text, $"names {path}, which does not exist: give an agent socket or key file that does");
            }
        }

        foreach (var (name, value) in options.BuildContexts)
        {
            // Only a local directory can be checked here: images, URLs, git remotes and other targets are the builder's to resolve.
            var isLocal = !value.Contains("://", StringComparison.Ordinal) && !value.StartsWith("target:", StringComparison.Ordinal)
                && !value.Contains('@', StringComparison.Ordinal) && value.Trim().Length > 0;
            if (isLocal && !PathExists(value))
            {
                yield return Problem(options, OptionCatalog.BuildContext, name + "=" + value, "names a local directory that does not exist (relative to the working directory); for an image write docker-image://image:tag");
            }
        }
    }

    private static OptionProblem Problem(BuildxCacheOptions options, OptionDescriptor option, string value, string problem) =>
        OptionProblem.For(option, value, options.OriginOf(option), problem);
}
