using System.Text.Json;
using Cake.Core;
using Cake.Core.IO;

namespace Cake.BuildxCache.Docker.Buildx;

/// <summary>
/// Finds the buildx plugin that <c>docker buildx</c> runs, searching where the docker CLI searches and in its
/// order: the config file's <c>cliPluginsExtraDirs</c>, then <c>cli-plugins</c> in the config folder
/// (<c>DOCKER_CONFIG</c>, else <c>~/.docker</c>), then the system folders. The first <c>docker-buildx</c> that
/// exists is the one docker would start.
/// </summary>
internal static class BuildxPluginLocator
{
    private static readonly string[] UnixSystemFolders =
    [
        "/usr/local/lib/docker/cli-plugins",
        "/usr/local/libexec/docker/cli-plugins",
        "/usr/lib/docker/cli-plugins",
        "/usr/libexec/docker/cli-plugins",
    ];

    /// <summary>The plugin docker would run, or null when there is none where docker looks.</summary>
    /// <param name="environment">The environment (DOCKER_CONFIG, HOME, the platform).</param>
    /// <param name="fileSystem">The file system.</param>
    /// <returns>The plugin's path, or null.</returns>
    public static FilePath? Find(ICakeEnvironment environment, IFileSystem fileSystem)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(fileSystem);
        var windows = environment.Platform.Family == PlatformFamily.Windows;
        var name = windows ? "docker-buildx.exe" : "docker-buildx";
        return Folders(environment, fileSystem, windows)
            .Select(folder => folder.CombineWithFilePath(name))
            .FirstOrDefault(fileSystem.Exist);
    }

    private static IEnumerable<DirectoryPath> Folders(ICakeEnvironment environment, IFileSystem fileSystem, bool windows)
    {
        var home = environment.GetEnvironmentVariable(windows ? "USERPROFILE" : "HOME");
        var configFolder = environment.GetEnvironmentVariable("DOCKER_CONFIG") is { Length: > 0 } set
            ? new DirectoryPath(set)
            : home is { Length: > 0 } ? new DirectoryPath(home).Combine(".docker") : null;
        if (configFolder is not null)
        {
            foreach (var extra in ExtraFolders(fileSystem, configFolder.CombineWithFilePath("config.json")))
            {
                yield return extra;
            }

            yield return configFolder.Combine("cli-plugins");
        }

        if (windows)
        {
            if (environment.GetEnvironmentVariable("ProgramFiles") is { Length: > 0 } programFiles)
            {
                yield return new DirectoryPath(programFiles).Combine("Docker").Combine("cli-plugins");
            }

            yield break;
        }

        foreach (var folder in UnixSystemFolders)
        {
            yield return new DirectoryPath(folder);
        }
    }

    // docker reads the extra folders from its config file; one it cannot read gives none (docker would fail on it anyway).
    private static IEnumerable<DirectoryPath> ExtraFolders(IFileSystem fileSystem, FilePath configFile)
    {
        if (!fileSystem.Exist(configFile))
        {
            return [];
        }

        try
        {
            using var stream = fileSystem.GetFile(configFile).OpenRead();
            using var json = JsonDocument.Parse(stream);
            return json.RootElement.ValueKind == JsonValueKind.Object
                && json.RootElement.TryGetProperty("cliPluginsExtraDirs", out var folders)
                && folders.ValueKind == JsonValueKind.Array
                    ? [.. folders.EnumerateArray().Where(folder => folder.ValueKind == JsonValueKind.String && folder.GetString() is { Length: > 0 }).Select(folder => new DirectoryPath(folder.GetString()!))]
                    : [];
        }
        catch (Exception exception) when (exception is JsonException or IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
