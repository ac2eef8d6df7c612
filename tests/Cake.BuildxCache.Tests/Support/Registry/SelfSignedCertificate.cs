using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Cake.BuildxCache.Tests.Support.Registry;

/// <summary>
/// A certificate nothing trusts, for a registry served over TLS on loopback: RSA, valid for a day, for
/// <c>localhost</c>, <c>127.0.0.1</c> and this machine's name. Written as PEM files for the registry; the tests' own
/// HTTP clients trust exactly this certificate (by thumbprint), never any other.
/// </summary>
internal sealed class SelfSignedCertificate
{
    private SelfSignedCertificate(string certificateFile, string keyFile, string thumbprint)
    {
        CertificateFile = certificateFile;
        KeyFile = keyFile;
        Thumbprint = thumbprint;
    }

    /// <summary>The certificate, PEM.</summary>
    public string CertificateFile { get; }

    /// <summary>Its private key, PEM (PKCS#8).</summary>
    public string KeyFile { get; }

    public string Thumbprint { get; }

    /// <summary>Creates one and writes it into <paramref name="directory"/>.</summary>
    public static SelfSignedCertificate Create(string directory)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=cake-buildxcache-test-registry", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddDnsName(Dns.GetHostName());
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        var certificateFile = Path.Combine(directory, "registry.crt");
        var keyFile = Path.Combine(directory, "registry.key");
        File.WriteAllText(certificateFile, certificate.ExportCertificatePem());
        File.WriteAllText(keyFile, key.ExportPkcs8PrivateKeyPem());
        return new SelfSignedCertificate(certificateFile, keyFile, certificate.Thumbprint);
    }

    /// <summary>A handler that accepts this certificate and nothing else a chain check refuses.</summary>
    public SocketsHttpHandler Handler()
    {
        var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, presented, _, errors) =>
            errors == System.Net.Security.SslPolicyErrors.None || (presented is not null && string.Equals(presented.GetCertHashString(), Thumbprint, StringComparison.OrdinalIgnoreCase));
        return handler;
    }
}
