using System.Text;
using System.Text.Json;
using Cake.BuildxCache.Docker.Build;

namespace Cake.BuildxCache.Docker.Bake;

/// <summary>
/// A bake definition in buildx's JSON format: one target per build, each holding what <c>docker buildx build</c> would be
/// given for it (<see cref="BuildxBuildSettings"/>, the settings the single-image build runs with), and a <c>default</c>
/// group of them all. Pure. <see cref="Override"/> is the same for a user's own file: given after it
/// (<c>-f docker-bake.hcl -f override.json</c>), bake merges its targets into theirs by name, field by field.
/// </summary>
internal static class BakeDefinition
{
    /// <summary>The group every target is in, which bake builds when no target is named.</summary>
    public const string DefaultGroup = "default";

    /// <summary>The definition of <paramref name="targets"/>, indented, in the order given.</summary>
    /// <param name="targets">Each target's name and the build settings it holds.</param>
    /// <returns>The JSON text.</returns>
    public static string Json(IReadOnlyList<KeyValuePair<string, BuildxBuildSettings>> targets) => Write(targets, own: true);

    /// <summary>
    /// The override of a user's bake file's targets: what the module adds to each (tags, labels, build arguments,
    /// platforms, secrets, cache-from, cache-to, output…) and nothing that places the build (context, dockerfile,
    /// target: the user's file says those) and no group (the caller names the targets).
    /// </summary>
    /// <param name="targets">Each target's name, as the user's file names it, and the build settings it holds.</param>
    /// <returns>The JSON text.</returns>
    public static string Override(IReadOnlyList<KeyValuePair<string, BuildxBuildSettings>> targets) => Write(targets, own: false);

    private static string Write(IReadOnlyList<KeyValuePair<string, BuildxBuildSettings>> targets, bool own)
    {
        ArgumentNullException.ThrowIfNull(targets);
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            if (own)
            {
                json.WriteStartObject("group");
                json.WriteStartObject(DefaultGroup);
                Strings(json, "targets", targets.Select(target => target.Key));
                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteStartObject("target");
            foreach (var (name, settings) in targets)
            {
                json.WriteStartObject(name);
                if (own)
                {
                    Placement(json, settings);
                }

                Target(json, settings);
                json.WriteEndObject();
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void Placement(Utf8JsonWriter json, BuildxBuildSettings settings)
    {
        var context = string.IsNullOrEmpty(settings.ContextPath) ? "." : settings.ContextPath;
        json.WriteString("context", context);
        if (settings.File is { } file)
        {
            // bake reads a target's dockerfile relative to its context; buildx build reads --file relative to the working directory.
            json.WriteString("dockerfile", file.IsRelative ? Path.GetRelativePath(context, file.FullPath).Replace('\\', '/') : file.FullPath);
        }

        if (settings.Target is { } stage)
        {
            json.WriteString("target", stage);
        }
    }

    private static void Target(Utf8JsonWriter json, BuildxBuildSettings settings)
    {
        Strings(json, "platforms", settings.Platforms);
        Strings(json, "tags", settings.Tags);
        Map(json, "labels", settings.Labels.Select(pair => new KeyValuePair<string, string?>(pair.Key, pair.Value)));
        Map(json, "annotations", settings.Annotations.Select(pair => new KeyValuePair<string, string?>(pair.Key, pair.Value)));
        Map(json, "args", settings.BuildArgs);
        Map(json, "contexts", settings.BuildContexts.Select(pair => new KeyValuePair<string, string?>(pair.Key, pair.Value)));
        Strings(json, "secret", settings.Secrets.Select(secret => secret.ToString()));
        Strings(json, "ssh", settings.Ssh);
        Strings(json, "cache-from", settings.CacheFrom.Select(spec => spec.ToString()));
        Strings(json, "cache-to", settings.CacheTo.Select(spec => spec.ToString()));
        Strings(json, "output", Outputs(settings));
        Strings(json, "attest", Attestations(settings));
        Strings(json, "entitlements", settings.Allow);
        if (settings.Network is { } network)
        {
            json.WriteString("network", network);
        }

        Strings(json, "extra-hosts", settings.AddHosts);
        Strings(json, "ulimits", settings.Ulimits);
        if (settings.ShmSize is { } shm)
        {
            json.WriteString("shm-size", shm);
        }

        if (settings.Pull)
        {
            json.WriteBoolean("pull", true);
        }

        if (settings.NoCache)
        {
            json.WriteBoolean("no-cache", true);
        }

        Strings(json, "no-cache-filter", settings.NoCacheFilter);
        if (settings.Call is { } call)
        {
            json.WriteString("call", call);
        }
    }

    // buildx build adds push=true (--push) or the docker exporter (--load) to the outputs; a bake target says it itself.
    private static IEnumerable<string> Outputs(BuildxBuildSettings settings)
    {
        if (settings.Outputs.Count == 0)
        {
            return settings.Push ? ["type=registry"] : settings.Load ? ["type=docker"] : ["type=cacheonly"];
        }

        return settings.Push
            ? settings.Outputs.Select(output => output.Contains("push=", StringComparison.Ordinal) ? output : output + ",push=true")
            : settings.Outputs;
    }

    private static IEnumerable<string> Attestations(BuildxBuildSettings settings)
    {
        static string? Attest(string type, string? value) => value switch
        {
            null => null,
            "false" or "0" => $"type={type},disabled=true",
            "true" or "1" => $"type={type}",
            _ => $"type={type},{value}",
        };

        return new[] { Attest("provenance", settings.Provenance), Attest("sbom", settings.Sbom) }.OfType<string>().Concat(settings.Attestations);
    }

    private static void Strings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        var list = values.ToList();
        if (list.Count == 0)
        {
            return;
        }

        json.WriteStartArray(name);
        foreach (var value in list)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }

    private static void Map(Utf8JsonWriter json, string name, IEnumerable<KeyValuePair<string, string?>> pairs)
    {
        var list = pairs.OrderBy(pair => pair.Key, StringComparer.Ordinal).ToList();
        if (list.Count == 0)
        {
            return;
        }

        json.WriteStartObject(name);
        foreach (var (key, value) in list)
        {
            if (value is null)
            {
                json.WriteNull(key);
            }
            else
            {
                json.WriteString(key, value);
            }
        }

        json.WriteEndObject();
    }
}
