using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Orleans.Connections.Security;
using SweepGrid.Silo.Settings;

namespace SweepGrid.Silo.Hosting;

/// <summary>
/// Mutual TLS between silos and clients, on when Tls:CertificatePath names a PFX/PKCS#12 file (Tls:CertificatePassword
/// if it has one). Each side presents that certificate and accepts a peer only when the peer's certificate thumbprint is in
/// Tls:AllowedThumbprints (comma-separated; by default the configured certificate's own: one shared cluster certificate).
/// </summary>
public static class SweepGridTls
{
    /// <summary>Silo-to-silo and gateway connections over TLS; a peer without an allowed certificate is refused.</summary>
    public static ISiloBuilder UseSweepGridTls(this ISiloBuilder silo, ClusterTlsOptions settings)
    {
        if (Load(settings) is { } tls)
        {
            silo.UseTls(tls.Certificate, options =>
            {
                options.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
                options.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
                options.RemoteCertificateValidation = tls.Accepts;
            });
        }

        return silo;
    }

    /// <summary>Gateway connections over TLS, presenting the configured certificate and accepting only an allowed silo.</summary>
    public static IClientBuilder UseSweepGridTls(this IClientBuilder client, ClusterTlsOptions settings)
    {
        if (Load(settings) is { } tls)
        {
            client.UseTls(tls.Certificate, options =>
            {
                options.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
                options.RemoteCertificateValidation = tls.Accepts;
            });
        }

        return client;
    }

    /// <summary>The certificate and the allowed thumbprints; the file's existence and the thumbprints' form are checked by <see cref="ClusterTlsOptionsValidator"/>.</summary>
    private static Settings? Load(ClusterTlsOptions settings)
    {
        if (settings.CertificatePath is not { Length: > 0 } path)
        {
            return null;
        }

        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(path, settings.CertificatePassword);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException)
        {
            throw new SiloConfigurationException("Tls:CertificatePath",
                $"Tls:CertificatePath '{path}' could not be read ({e.Message}): give a PFX/PKCS#12 file with its private key, and Tls:CertificatePassword if it has a password", e);
        }

        if (!certificate.HasPrivateKey)
        {
            throw new SiloConfigurationException("Tls:CertificatePath", $"Tls:CertificatePath '{path}' holds no private key: export the certificate as PFX/PKCS#12 with its key");
        }

        var allowed = settings.AllowedThumbprints
            .Select(t => t.Replace(":", "", StringComparison.Ordinal).ToUpperInvariant())
            .ToHashSet();
        if (allowed.Count == 0)
        {
            allowed.Add(certificate.Thumbprint.ToUpperInvariant());
        }

        return new Settings(certificate, allowed);
    }

    private sealed record Settings(X509Certificate2 Certificate, IReadOnlySet<string> AllowedThumbprints)
    {
        // Peers are pinned by thumbprint, so a self-signed certificate's chain and host-name errors do not matter.
        public bool Accepts(X509Certificate2? peer, X509Chain? chain, SslPolicyErrors errors) =>
            peer is not null && AllowedThumbprints.Contains(peer.Thumbprint.ToUpperInvariant());
    }
}
