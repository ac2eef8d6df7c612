using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace Cake.BuildxCache.Options;

/// <summary>
/// The grammars buildx 0.36 reads the build's pass-through flags with, checked before anything runs so that a value
/// buildx would refuse (after the builder is up and the registries logged in to) is refused first, and a value buildx
/// would misread never reaches it. Each check returns what is wrong, phrased to follow the value, or null.
/// </summary>
internal static partial class BuildFlagFormats
{
    /// <summary>The largest <c>--shm-size</c> taken: /dev/shm is memory, and no CI runner has a terabyte to give one RUN step.</summary>
    public const long MaxShmSize = 1L << 40;

    private static readonly string[] AnnotationTypes = ["manifest", "index", "manifest-descriptor", "index-descriptor"];

    /// <summary>
    /// Checks <c>--provenance</c> or <c>--sbom</c>: a boolean as Go reads one, or <c>key=value[,key=value]</c> fields (CSV,
    /// as buildx's <c>ParseAttests</c> reads them after prefixing <c>type=…</c>); provenance's <c>mode</c> is min or max.
    /// </summary>
    /// <param name="attestation"><c>provenance</c> or <c>sbom</c>.</param>
    /// <param name="value">The value.</param>
    /// <returns>What is wrong, or null.</returns>
    public static string? CheckAttestation(string attestation, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var form = attestation == "provenance"
            ? "false, true or key=value[,key=value] (e.g. mode=max)"
            : "false, true or key=value[,key=value] (e.g. generator=docker/buildkit-syft-scanner)";
        if (IsGoBool(value))
        {
            return null;
        }

        if (value.Any(char.IsWhiteSpace) || value.Any(char.IsControl))
        {
            return $"has whitespace: write {form}";
        }

        if (CsvFields(value) is not { } fields)
        {
            return $"has a stray or unclosed quote: write {form}";
        }

        foreach (var field in fields)
        {
            var equals = field.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                return $"has '{field}', which is not key=value: write {form}";
            }

            var (key, fieldValue) = (field[..equals].ToLowerInvariant(), field[(equals + 1)..]);
            switch (key)
            {
                case "type":
                    return $"sets type= itself: --{attestation} sets the type; drop '{field}'";
                case "disabled" when !IsGoBool(fieldValue):
                    return $"has '{field}': disabled takes true or false";
                case "mode" when attestation == "provenance" && fieldValue is not ("min" or "max"):
                    return $"has '{field}': mode takes min or max";
            }
        }

        return null;
    }

    /// <summary>
    /// Checks an <c>--annotation</c> key: <c>key</c>, or <c>type[,type]:key</c> with each type one of manifest, index,
    /// manifest-descriptor or index-descriptor and an optional <c>[os/arch]</c>, as buildx's <c>ParseAnnotations</c> reads it.
    /// </summary>
    /// <param name="key">Everything before the first <c>=</c>.</param>
    /// <returns>What is wrong, or null.</returns>
    public static string? CheckAnnotationKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var colon = key.IndexOf(':', StringComparison.Ordinal);
        var name = colon < 0 ? key : key[(colon + 1)..];
        if (name.Length == 0 || name.Any(char.IsWhiteSpace) || name.Any(char.IsControl))
        {
            return "has no key, or whitespace in it: write [type:]key=value, e.g. manifest:org.opencontainers.image.vendor=Example";
        }

        if (colon < 0)
        {
            return null;
        }

        foreach (var type in key[..colon].Split(','))
        {
            var match = AnnotationTypePattern().Match(type);
            if (!match.Success || !AnnotationTypes.Contains(match.Groups["type"].Value))
            {
                return $"has the type '{type}': a type is {string.Join(", ", AnnotationTypes)}, optionally with [os/arch] (manifest[linux/amd64]:key=value)";
            }

            if (match.Groups["platform"].Success && OptionFormats.CheckPlatform(match.Groups["platform"].Value) is { } platformProblem)
            {
                return $"has the platform '{match.Groups["platform"].Value}', which {platformProblem}";
            }
        }

        return null;
    }

    /// <summary>
    /// Checks an <c>--add-host</c> entry as buildx reads it: <c>host=ip</c> or <c>host:ip</c>, the ip an IPv4 or IPv6 address
    /// (in brackets or not) or <c>host-gateway</c>.
    /// </summary>
    /// <param name="entry">The entry.</param>
    /// <returns>What is wrong, or null.</returns>
    public static string? CheckAddHost(string entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        const string Form = "is not host:ip (e.g. db.internal:10.0.0.5, db.internal=::1 or db.internal:host-gateway)";
        var separator = entry.IndexOf('=', StringComparison.Ordinal);
        if (separator < 0)
        {
            separator = entry.IndexOf(':', StringComparison.Ordinal);
        }

        if (separator <= 0 || separator == entry.Length - 1)
        {
            return Form;
        }

        var (host, ip) = (entry[..separator], entry[(separator + 1)..]);
        if (!HostNamePattern().IsMatch(host))
        {
            return $"{Form}: the host '{host}' holds a character a host name cannot (letters, digits, '.', '_' and '-')";
        }

        if (ip.Length > 2 && ip[0] == '[' && ip[^1] == ']')
        {
            ip = ip[1..^1];
        }

        return ip == "host-gateway" || IsIpAddress(ip) ? null : $"{Form}: '{ip}' is not an IP address";
    }

    /// <summary>Checks a <c>--ulimit</c> as docker's <c>ParseUlimit</c> reads it: a known name, whole numbers <c>soft[:hard]</c>, soft at most hard (-1: unlimited).</summary>
    /// <param name="name">The name, e.g. <c>nofile</c>.</param>
    /// <param name="limit">The limit, e.g. <c>1024:2048</c>.</param>
    /// <returns>What is wrong, or null.</returns>
    public static string? CheckUlimit(string name, string limit)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(limit);
        const string Form = "is not name=soft[:hard] with a ulimit name (nofile, nproc, memlock, stack, core, …) and whole numbers (-1 for unlimited)";
        var parts = limit.Split(':');
        if (!OptionFormats.UlimitNames.Contains(name) || parts.Length > 2
            || !long.TryParse(parts[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var soft))
        {
            return Form;
        }

        var hard = soft;
        if (parts.Length == 2 && !long.TryParse(parts[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out hard))
        {
            return Form;
        }

        if (hard != -1 && (soft == -1 || soft > hard))
        {
            return $"has the soft limit {(soft == -1 ? "-1 (unlimited)" : soft.ToString(CultureInfo.InvariantCulture))} above the hard limit {hard}: the soft limit is at most the hard one (e.g. {name}={hard}:{hard})";
        }

        return null;
    }

    /// <summary>
    /// Checks <c>--shm-size</c> as docker's <c>RAMInBytes</c> reads it (a number, an optional space, a unit k, m, g, t or p with
    /// optional i and b, powers of 1024), and at most <see cref="MaxShmSize"/>: a larger value overflowed in buildx into a build
    /// that ran.
    /// </summary>
    /// <param name="size">The size.</param>
    /// <returns>What is wrong, or null.</returns>
    public static string? CheckShmSize(string size)
    {
        ArgumentNullException.ThrowIfNull(size);
        var match = RamSizePattern().Match(size);
        if (!match.Success || !decimal.TryParse(match.Groups["number"].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
        {
            return "is not a size: a number with an optional unit k, m, g (powers of 1024), e.g. 256m or 1g";
        }

        var exponent = match.Groups["unit"].Success ? "kmgtp".IndexOf(char.ToLowerInvariant(match.Groups["unit"].Value[0]), StringComparison.Ordinal) + 1 : 0;
        var bytes = number;
        for (var i = 0; i < exponent && bytes <= MaxShmSize; i++)
        {
            bytes *= 1024;
        }

        return bytes > MaxShmSize ? "is more than 1t: /dev/shm is memory; give what a RUN step needs, e.g. 256m or 2g" : null;
    }

    // Go's strconv.ParseBool.
    private static bool IsGoBool(string value) => value is "1" or "t" or "T" or "TRUE" or "true" or "True" or "0" or "f" or "F" or "FALSE" or "false" or "False";

    // Go's net.ParseIP: dotted decimal IPv4 without leading zeros, or IPv6 without a zone.
    private static bool IsIpAddress(string ip) =>
        Ipv4Pattern().IsMatch(ip)
        || (ip.Contains(':', StringComparison.Ordinal) && ip.All(c => char.IsAsciiHexDigit(c) || c is ':' or '.')
            && IPAddress.TryParse(ip, out var address) && address.AddressFamily == AddressFamily.InterNetworkV6);

    // One CSV record as encoding/csv reads it: commas between fields, a quoted field with "" for a quote; null on a stray quote.
    private static List<string>? CsvFields(string text)
    {
        var fields = new List<string>();
        var index = 0;
        while (true)
        {
            var field = new StringBuilder();
            if (index < text.Length && text[index] == '"')
            {
                index++;
                while (true)
                {
                    if (index >= text.Length)
                    {
                        return null;
                    }

                    if (text[index] == '"')
                    {
                        if (index + 1 < text.Length && text[index + 1] == '"')
                        {
                            field.Append('"');
                            index += 2;
                            continue;
                        }

                        index++;
                        break;
                    }

                    field.Append(text[index++]);
                }

                if (index < text.Length && text[index] != ',')
                {
                    return null;
                }
            }
            else
            {
                var end = text.IndexOf(',', index);
                var raw = end < 0 ? text[index..] : text[index..end];
                if (raw.Contains('"', StringComparison.Ordinal))
                {
                    return null;
                }

                field.Append(raw);
                index += raw.Length;
            }

            fields.Add(field.ToString());
            if (index >= text.Length)
            {
                return fields;
            }

            index++;
        }
    }

    [GeneratedRegex(@"^(?<type>[a-z-]+)(?:\[(?<platform>[A-Za-z0-9_/-]+)\])?$", RegexOptions.CultureInvariant)]
    private static partial Regex AnnotationTypePattern();

    [GeneratedRegex(@"^[A-Za-z0-9._-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex HostNamePattern();

    [GeneratedRegex(@"^(?:(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\.){3}(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])$", RegexOptions.CultureInvariant)]
    private static partial Regex Ipv4Pattern();

    [GeneratedRegex(@"^(?<number>[0-9]+(?:\.[0-9]+)?) ?(?:(?<unit>[kKmMgGtTpP])[iI]?[bB]?|[bB])?$", RegexOptions.CultureInvariant)]
    private static partial Regex RamSizePattern();
}
