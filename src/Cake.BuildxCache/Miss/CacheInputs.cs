using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cake.BuildxCache.Policy;

namespace Cake.BuildxCache.Miss;

/// <summary>
/// What a build's cache was written with, as far as the cache-miss analysis compares it: a keyed digest of each build
/// argument a record may keep (<see cref="RecordedBuildArgs"/>; never a value, never an unkeyed digest: anyone who can pull
/// reads the record) and each base image's digest. It travels in a cache ref's <see cref="CacheRecord"/> as the fields
/// <c>build-args</c> and <c>base-images</c> (JSON objects) and <c>build-args-key</c> (the key's id).
/// </summary>
/// <param name="BuildArgs">Build argument name to its keyed digest (<see cref="RecordKey.Digest"/>); null when not known (no key).</param>
/// <param name="BuildArgsKey">The id of the key of <paramref name="BuildArgs"/> (<see cref="RecordKey.Id"/>); null when not known.</param>
/// <param name="BaseImages">Base image (<c>host/repository:tag</c>, as BuildKit's provenance names it) to its digest; null when not known.</param>
internal sealed record CacheInputs(ImmutableSortedDictionary<string, string>? BuildArgs, string? BuildArgsKey, ImmutableSortedDictionary<string, string>? BaseImages)
{
    /// <summary>The record field of the build arguments.</summary>
    public const string BuildArgsField = "build-args";

    /// <summary>The record field of the build arguments' key id.</summary>
    public const string BuildArgsKeyField = "build-args-key";

    /// <summary>The record field of the base images.</summary>
    public const string BaseImagesField = "base-images";

    /// <summary>Nothing known.</summary>
    public static CacheInputs None { get; } = new(null, null, null);

    /// <summary>The inputs of a build: the keyed digests of the build arguments named, and the base images BuildKit resolved.</summary>
    /// <param name="buildArgs">The build arguments as passed.</param>
    /// <param name="recorded">The names a record may keep (<see cref="RecordedBuildArgs.Names"/>).</param>
    /// <param name="key">The record key, or null when none is set (then no build argument is known).</param>
    /// <param name="baseImages">The base images and their digests, or null when the build did not say.</param>
    /// <returns>The inputs.</returns>
    public static CacheInputs Of(IEnumerable<KeyValuePair<string, string>> buildArgs, IReadOnlyCollection<string> recorded, RecordKey? key, IReadOnlyDictionary<string, string>? baseImages)
    {
        ArgumentNullException.ThrowIfNull(buildArgs);
        ArgumentNullException.ThrowIfNull(recorded);
        ImmutableSortedDictionary<string, string>? args = null;
        if (key is not null)
        {
            var builder = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
            foreach (var (name, value) in buildArgs.Where(pair => recorded.Contains(pair.Key)))
            {
                builder[name] = key.Digest(value);
            }

            args = builder.ToImmutable();
        }

        return new(args, key?.Id, baseImages?.ToImmutableSortedDictionary(StringComparer.Ordinal));
    }

    /// <summary>Reads the inputs from a record's fields; a field that is missing or unreadable is not known.</summary>
    /// <param name="record">The record, or null.</param>
    /// <returns>The inputs.</returns>
    public static CacheInputs From(CacheRecord? record) =>
        record is null ? None : new(Read(record, BuildArgsField), record.Fields.GetValueOrDefault(BuildArgsKeyField), Read(record, BaseImagesField));

    /// <summary>The record with these inputs as its fields (a field not known is left as it was).</summary>
    /// <param name="record">The record.</param>
    /// <returns>The record.</returns>
    public CacheRecord AddTo(CacheRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (BuildArgs is not null && BuildArgsKey is not null)
        {
            record = record.With(BuildArgsField, Json(BuildArgs)).With(BuildArgsKeyField, BuildArgsKey);
        }

        if (BaseImages is not null)
        {
            record = record.With(BaseImagesField, Json(BaseImages));
        }

        return record;
    }

    private static ImmutableSortedDictionary<string, string>? Read(CacheRecord record, string field)
    {
        if (!record.Fields.TryGetValue(field, out var json))
        {
            return null;
        }

        // JsonNode rather than the reflection serializer: it is loaded already (the manifest is read with it), and this
        // runs after the build, where every millisecond is the user's.
        try
        {
            if (JsonNode.Parse(json) is not JsonObject map || map.Any(pair => pair.Value is not JsonValue value || value.GetValueKind() != JsonValueKind.String))
            {
                return null;
            }

            return map.ToImmutableSortedDictionary(pair => pair.Key, pair => pair.Value!.GetValue<string>(), StringComparer.Ordinal);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Json(ImmutableSortedDictionary<string, string> map) =>
        new JsonObject(map.Select(pair => new KeyValuePair<string, JsonNode?>(pair.Key, JsonValue.Create(pair.Value)))).ToJsonString();
}
