using System.Security.Cryptography;
using System.Text;

namespace Cake.BuildxCache.Miss;

/// <summary>
/// The key of the build-argument digests in a cache record (<c>--cache-record-key</c>). Anyone who can pull reads the
/// record, so an unkeyed digest of a value confirms a guess of it (a salt stored beside it would not stop that); an
/// HMAC under a key kept in the CI's secret variables does. Its id tells records written under another key apart, so a
/// changed key reads as "not compared", never as every argument changed.
/// </summary>
internal sealed class RecordKey
{
    private readonly byte[] key;

    /// <summary>A key from its text.</summary>
    /// <param name="text">The key (its length is checked with the options: <see cref="Options.CacheRecordKeyCheck"/>).</param>
    public RecordKey(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        key = Encoding.UTF8.GetBytes(text);
        Id = Hmac("cake-buildxcache.record-key");
    }

    /// <summary>The key's id: its HMAC of a fixed text, which says nothing of any value.</summary>
    public string Id { get; }

    /// <summary>The keyed digest of a build argument's value: <c>hmac-sha256:</c> and 16 hex digits.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The digest.</returns>
    public string Digest(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Hmac(value);
    }

    private string Hmac(string text) => "hmac-sha256:" + Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(text)))[..16];
}
