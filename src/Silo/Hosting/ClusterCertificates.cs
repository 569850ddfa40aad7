using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using SweepGrid.Silo.Settings;

namespace SweepGrid.Silo.Hosting;

/// <summary>What mutual TLS runs on: the certificate this silo or client presents and the policy its peers' certificates must pass.</summary>
public sealed record ClusterCertificates(X509Certificate2 Certificate, PeerCertificatePolicy Peers)
{
    /// <summary>
    /// The certificates of section Tls, or null when Tls:CertificatePath is unset (no TLS). The files' existence and the
    /// thumbprints' form are checked by <see cref="ClusterTlsOptionsValidator"/>; here, what only reading them shows: a
    /// file that is no certificate, a certificate without its key, one outside its validity period.
    /// </summary>
    public static ClusterCertificates? Load(ClusterTlsOptions settings, TimeProvider clock)
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

        WithinValidity(certificate, "Tls:CertificatePath", path, clock, "renew it");
        var authority = settings.CaPath is { Length: > 0 } caPath ? LoadAuthority(caPath, clock) : null;

        var allowed = settings.AllowedThumbprints
            .Select(t => t.Replace(":", "", StringComparison.Ordinal).ToUpperInvariant())
            .ToHashSet();
        if (allowed.Count == 0 && authority is null)
        {
            // No CA: one shared cluster certificate, its own thumbprint the one allowed.
            allowed.Add(certificate.Thumbprint.ToUpperInvariant());
        }

        return new ClusterCertificates(certificate, new PeerCertificatePolicy(authority, allowed, clock));
    }

    /// <summary>The cluster CA's certificate from a PEM or DER file.</summary>
    private static X509Certificate2 LoadAuthority(string path, TimeProvider clock)
    {
        X509Certificate2 authority;
        try
        {
            authority = X509CertificateLoader.LoadCertificateFromFile(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException)
        {
            throw new SiloConfigurationException("Tls:CaPath",
                $"Tls:CaPath '{path}' could not be read ({e.Message}): give the cluster CA's certificate as a PEM or DER file", e);
        }

        WithinValidity(authority, "Tls:CaPath", path, clock, "renew the CA and re-issue the silos' and clients' certificates");
        return authority;
    }

    private static void WithinValidity(X509Certificate2 certificate, string key, string path, TimeProvider clock, string remedy)
    {
        var now = clock.GetUtcNow();
        var (notBefore, notAfter) = (certificate.NotBefore.ToUniversalTime(), certificate.NotAfter.ToUniversalTime());
        if (now < notBefore || now > notAfter)
        {
            var state = now < notBefore ? "is not valid yet" : "has expired";
            throw new SiloConfigurationException(key,
                $"{key} '{path}' {state}: {certificate.Subject} is valid from NotBefore {notBefore:u} to NotAfter {notAfter:u}, and it is {now.UtcDateTime:u}: {remedy}");
        }
    }
}
