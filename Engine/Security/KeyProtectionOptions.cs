using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace NotificationOps.Engine.Security;

/// <summary>
/// Encryption at rest of the data-protection key ring, which is kept in the database: with a certificate, whoever
/// holds only the database file can read neither the cookies nor the stored provider secrets.
/// </summary>
public sealed class KeyProtectionOptions
{
    public const string SectionName = "DataProtection";

    /// <summary>A PKCS#12 (.pfx) file with an RSA key; relative to the content root.</summary>
    public string? CertificatePath { get; set; }

    public string? CertificatePassword { get; set; }

    /// <summary>The certificate to protect keys with; null when none is configured. An unusable one stops the start.</summary>
    public X509Certificate2? LoadCertificate(string contentRoot)
    {
        if (string.IsNullOrWhiteSpace(CertificatePath))
        {
            return null;
        }

        var path = Path.GetFullPath(CertificatePath, contentRoot);
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"{SectionName}:CertificatePath: no file at '{path}'.");
        }

        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(path, CertificatePassword, X509KeyStorageFlags.EphemeralKeySet);
        }
        catch (CryptographicException ex)
        {
            throw new InvalidOperationException($"{SectionName}:CertificatePath: '{path}' could not be read as a PKCS#12 file with {SectionName}:CertificatePassword ({ex.Message}).", ex);
        }

        if (!certificate.HasPrivateKey || certificate.GetRSAPrivateKey() is null)
        {
            throw new InvalidOperationException($"{SectionName}:CertificatePath: '{path}' must hold an RSA certificate with its private key.");
        }

        return certificate;
    }
}
