using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cake.BuildxCache.Registry;

namespace Cake.BuildxCache.Miss;

/// <summary>
/// What a build's cache was written with, as far as the cache-miss analysis compares it: each build argument's digest
/// (never its value: a build argument may be sensitive) and each base image's digest. It travels in a cache ref's
/// <see cref="CacheRecord"/> as two fields, <c>build-args</c> and <c>base-images</c>, each a JSON object.
/// </summary>
/// <param name="BuildArgs">Build argument name to <see cref="DigestOf"/> its value; null when not known.</param>
/// <param name="BaseImages">Base image (<c>host/repository:tag</c>, as the build's provenance names it) to its digest; null when not known.</param>
internal sealed record CacheInputs(ImmutableSortedDictionary<string, string>? BuildArgs, ImmutableSortedDictionary<string, string>? BaseImages)
{
    /// <summary>The record field of the build arguments.</summary>
    public const string BuildArgsField = "build-args";

    /// <summary>The record field of the base images.</summary>
    public const string BaseImagesField = "base-images";

    /// <summary>Nothing known.</summary>
    public static CacheInputs None { get; } = new(null, null);

    /// <summary>The inputs of a build: its build arguments (hashed here) and the base images its provenance names.</summary>
    /// <param name="buildArgs">The build arguments as passed.</param>
    /// <param name="baseImages">The base images and their digests, or null when the build did not say.</param>
    /// <returns>The inputs.</returns>
    public static CacheInputs Of(IEnumerable<KeyValuePair<string, string>> buildArgs, IReadOnlyDictionary<string, string>? baseImages)
    {
        ArgumentNullException.ThrowIfNull(buildArgs);
        var args = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in buildArgs)
        {
            args[name] = DigestOf(value);
        }

        return new(args.ToImmutable(), baseImages is null ? null : baseImages.ToImmutableSortedDictionary(StringComparer.Ordinal));
    }

    /// <summary>
    /// A short digest of a build argument's value: <c>sha256:</c> and the first 16 hex digits. It tells two values apart;
    /// it does not hide a value that can be guessed (a digest of <c>true</c> is the digest of <c>true</c>).
    /// </summary>
    /// <param name="value">The value.</param>
    /// <returns>The digest.</returns>
    public static string DigestOf(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)))[..16];
    }

    /// <summary>Reads the inputs from a record's fields; a field that is missing or unreadable is not known.</summary>
    /// <param name="record">The record, or null.</param>
    /// <returns>The inputs.</returns>
    public static CacheInputs From(CacheRecord? record) =>
        record is null ? None : new(Read(record, BuildArgsField), Read(record, BaseImagesField));

    /// <summary>The record with these inputs as its fields (a field not known is left as it was).</summary>
    /// <param name="record">The record.</param>
    /// <returns>The record.</returns>
    public CacheRecord AddTo(CacheRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (BuildArgs is not null)
        {
            record = record.With(BuildArgsField, Json(BuildArgs));
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
