using System.Collections.Immutable;
using System.Globalization;
using Cake.BuildxCache.Refs;

namespace Cake.BuildxCache.Policy;

/// <summary>
/// What a promoted cache ref says about itself: the commit whose build wrote it, and further fields by name
/// (a later change records build-argument and base-image digests here). It travels as top-level annotations of
/// the cache manifest (an OCI image manifest or index may carry <c>annotations</c>; BuildKit ignores them when it
/// imports the cache), so the record and the cache it describes are one registry object, written by one PUT.
/// </summary>
/// <param name="Commit">The full commit sha (40 or 64 lowercase hex digits) whose build wrote the cache.</param>
/// <param name="Fields">Further fields: name to value. Names are lowercase <c>a-z</c>, <c>0-9</c>, <c>.</c> and <c>-</c>; never <c>commit</c>.</param>
internal sealed record CacheRecord(string Commit, ImmutableSortedDictionary<string, string> Fields)
{
    /// <summary>What every annotation key of a record starts with.</summary>
    public const string AnnotationPrefix = "cake-buildxcache.";

    /// <summary>The annotation that holds <see cref="Commit"/>.</summary>
    public const string CommitAnnotation = AnnotationPrefix + "commit";

    /// <summary>
    /// The field that says when the ref was written (by the build's export and the record's PUT, or by the promotion's
    /// copy): <c>yyyy-MM-ddTHH:mm:ssZ</c>. The registry prune's age rule reads it: a cache's layers carry only when they
    /// were first built, which a fully cached build exports again unchanged.
    /// </summary>
    public const string WrittenField = "written";

    /// <summary>
    /// The field of a <c>--cache-promote</c> commit ref: the tag of the branch ref it is promoted to. With the commit, it
    /// proves the tag is a commit ref (<c>&lt;that tag&gt;-&lt;first 8 digits of the commit&gt;</c>), which its shape alone
    /// cannot (a cache scope may be 8 hex digits).
    /// </summary>
    public const string CommitRefOfField = "commit-ref-of";

    private const string WrittenFormat = "yyyy-MM-ddTHH:mm:ssZ";

    /// <summary>When the ref was written, from <see cref="WrittenField"/>; null when absent or unreadable.</summary>
    public DateTimeOffset? Written =>
        Fields.TryGetValue(WrittenField, out var text)
        && DateTimeOffset.TryParseExact(text, WrittenFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var written)
            ? written
            : null;

    /// <summary>The branch ref's tag this commit ref is promoted to, from <see cref="CommitRefOfField"/>; null for any other ref.</summary>
    public string? CommitRefOf => Fields.TryGetValue(CommitRefOfField, out var tag) && tag.Length > 0 ? tag : null;

    /// <summary>The same record with <see cref="WrittenField"/> set to <paramref name="time"/> (to the second, UTC).</summary>
    /// <param name="time">When the ref is written.</param>
    /// <returns>The record.</returns>
    public CacheRecord WithWritten(DateTimeOffset time) =>
        With(WrittenField, time.UtcDateTime.ToString(WrittenFormat, CultureInfo.InvariantCulture));

    /// <summary>A record of <paramref name="commit"/> with no further fields.</summary>
    /// <param name="commit">The full commit sha.</param>
    /// <returns>The record.</returns>
    /// <exception cref="ArgumentException">When <paramref name="commit"/> is not a full lowercase sha.</exception>
    public static CacheRecord Of(string commit)
    {
        ArgumentNullException.ThrowIfNull(commit);
        if (!CommitSha.IsFull(commit))
        {
            throw new ArgumentException($"'{commit}' is not a full commit sha (40 or 64 lowercase hex digits)", nameof(commit));
        }

        return new(commit, ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal));
    }

    /// <summary>The same record with one more field (or that field replaced).</summary>
    /// <param name="name">The field's name: lowercase <c>a-z</c>, <c>0-9</c>, <c>.</c> and <c>-</c>, not <c>commit</c>.</param>
    /// <param name="value">Its value.</param>
    /// <returns>The record.</returns>
    /// <exception cref="ArgumentException">When the name is not a field name.</exception>
    public CacheRecord With(string name, string value)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(value);
        if (!IsFieldName(name))
        {
            throw new ArgumentException($"'{name}' is not a record field name (lowercase a-z, 0-9, '.', '-'; not 'commit')", nameof(name));
        }

        return this with { Fields = Fields.SetItem(name, value) };
    }

    /// <summary>The record as manifest annotations: <c>cake-buildxcache.commit</c> and <c>cake-buildxcache.&lt;field&gt;</c>.</summary>
    /// <returns>The annotations, ordered by key.</returns>
    public IReadOnlyList<KeyValuePair<string, string>> ToAnnotations() =>
        [new(CommitAnnotation, Commit), .. Fields.Select(field => new KeyValuePair<string, string>(AnnotationPrefix + field.Key, field.Value))];

    /// <summary>Reads a record from a manifest's top-level annotations.</summary>
    /// <param name="annotations">The annotations; other keys are ignored.</param>
    /// <returns>The record, or null when there is none or its commit is not a full sha (an unreadable record is no record).</returns>
    public static CacheRecord? FromAnnotations(IEnumerable<KeyValuePair<string, string>> annotations)
    {
        ArgumentNullException.ThrowIfNull(annotations);
        string? commit = null;
        var fields = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in annotations)
        {
            if (key == CommitAnnotation)
            {
                commit = value;
            }
            else if (key.StartsWith(AnnotationPrefix, StringComparison.Ordinal) && IsFieldName(key[AnnotationPrefix.Length..]))
            {
                fields[key[AnnotationPrefix.Length..]] = value;
            }
        }

        return commit is not null && CommitSha.IsFull(commit) ? new(commit, fields.ToImmutable()) : null;
    }

    private static bool IsFieldName(string name) =>
        name.Length > 0 && name != "commit" && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '.' or '-');
}
