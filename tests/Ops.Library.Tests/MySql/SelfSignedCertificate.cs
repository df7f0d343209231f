using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Ops.Tests.MySql;

/// <summary>A throwaway certificate and key as PEM files for mariadbd's --ssl-cert/--ssl-key.</summary>
internal static class SelfSignedCertificate
{
    public static (string Cert, string Key) WritePem(string directory)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var certPath = Path.Combine(directory, "server-cert.pem");
        var keyPath = Path.Combine(directory, "server-key.pem");
        File.WriteAllText(certPath, cert.ExportCertificatePem());
        File.WriteAllText(keyPath, rsa.ExportPkcs8PrivateKeyPem());
        return (certPath, keyPath);
    }
}
