using System.Text;

namespace Cake.BuildxCache.Docker.Context;

/// <summary>
/// The <c>--docker</c> value of <c>docker context create</c>, rendered in one place (<see cref="ToString"/>):
/// <c>host=tcp://docker:2376,ca=…,cert=…,key=…</c>. docker reads it as one CSV record, so a field holding
/// a comma or a quote is quoted CSV-style.
/// </summary>
/// <param name="Host">The daemon address, e.g. <c>tcp://docker:2376</c>.</param>
public sealed record DockerEndpoint(string Host)
{
    /// <summary>Gets the CA certificate file (<c>ca=</c>).</summary>
    public string? Ca { get; init; }

    /// <summary>Gets the client certificate file (<c>cert=</c>).</summary>
    public string? Cert { get; init; }

    /// <summary>Gets the client key file (<c>key=</c>).</summary>
    public string? Key { get; init; }

    /// <summary>Gets whether the server certificate is not verified (<c>skip-tls-verify=</c>).</summary>
    public bool? SkipTlsVerify { get; init; }

    /// <summary>Gets a value indicating whether the endpoint carries TLS material.</summary>
    public bool HasTls => Ca is not null || Cert is not null || Key is not null;

    /// <summary>Renders the value of <c>--docker</c>.</summary>
    /// <returns>The CSV record.</returns>
    public override string ToString()
    {
        var fields = new List<string> { Field("host", Host) };
        Add(fields, "ca", Ca);
        Add(fields, "cert", Cert);
        Add(fields, "key", Key);
        Add(fields, "skip-tls-verify", SkipTlsVerify switch { true => "true", false => "false", null => null });
        return string.Join(',', fields);
    }

    private static void Add(List<string> fields, string key, string? value)
    {
        if (value is not null)
        {
            fields.Add(Field(key, value));
        }
    }

    private static string Field(string key, string value)
    {
        var field = key + "=" + value;
        if (!field.Contains(',', StringComparison.Ordinal) && !field.Contains('"', StringComparison.Ordinal))
        {
            return field;
        }

        return new StringBuilder("\"").Append(field.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"').ToString();
    }
}
