using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NotificationOps.Engine.Tests.TestSupport;

namespace NotificationOps.Engine.Tests.Security;

public sealed class KeyProtectionTests : IDisposable
{
    private const string Password = "pfx-password-1";
    private readonly string pfx = Path.Combine(Path.GetTempPath(), $"nops-keys-{Guid.NewGuid():N}.pfx");

    public void Dispose() => File.Delete(pfx);

    [Fact]
    public async Task KeyRing_IsStoredEncrypted_WithTheConfiguredCertificate_AndStillUnprotects()
    {
        WriteCertificate();
        await using var engine = await EngineHost.CreateAsync(new Dictionary<string, string?>
        {
            ["DataProtection:CertificatePath"] = pfx,
            ["DataProtection:CertificatePassword"] = Password,
        });
        var protector = engine.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test");

        var secret = protector.Protect("sendgrid-api-key");

        Assert.Equal("sendgrid-api-key", protector.Unprotect(secret));
        await using var db = engine.CreateContext();
        var key = Assert.Single(await db.DataProtectionKeys.AsNoTracking().ToListAsync());
        Assert.Contains("<encryptedSecret", key.Xml);
        Assert.DoesNotContain("<masterKey", key.Xml);
    }

    [Fact]
    public async Task KeyRing_IsStoredInTheClear_WithoutACertificate()
    {
        await using var engine = await EngineHost.CreateAsync(new Dictionary<string, string?>());
        engine.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("x");

        await using var db = engine.CreateContext();
        Assert.Contains("<masterKey", Assert.Single(await db.DataProtectionKeys.AsNoTracking().ToListAsync()).Xml);
    }

    [Theory]
    [InlineData(false, Password, "no file at")]
    [InlineData(true, "wrong-password", "could not be read as a PKCS#12 file with DataProtection:CertificatePassword")]
    public async Task Start_NamesTheKeyToFix_WhenTheCertificateIsUnusable(bool exists, string password, string expected)
    {
        if (exists)
        {
            WriteCertificate();
        }

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => EngineHost.CreateAsync(new Dictionary<string, string?>
        {
            ["DataProtection:CertificatePath"] = pfx,
            ["DataProtection:CertificatePassword"] = password,
        }));

        Assert.StartsWith("DataProtection:CertificatePath", error.Message);
        Assert.Contains(expected, error.Message);
    }

    private void WriteCertificate()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=NotificationOps key ring", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        File.WriteAllBytes(pfx, certificate.Export(X509ContentType.Pkcs12, Password));
    }
}
