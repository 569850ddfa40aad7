using SweepGrid.Silo.Hosting;

namespace SweepGrid.Silo.Settings;

/// <summary>Tls: certificate and CA files that exist, a CA only with a certificate to present, and thumbprints that can match one (a SHA-256 fingerprint never would).</summary>
public sealed class ClusterTlsOptionsValidator : ISettingsValidator
{
    public void Validate(SweepGridSettings settings)
    {
        var tls = settings.Tls;
        if (tls.CertificatePath is { Length: > 0 } path && !File.Exists(path))
        {
            throw new SiloConfigurationException("Tls:CertificatePath", $"Tls:CertificatePath '{path}' does not exist: give the cluster's PFX/PKCS#12 certificate file");
        }

        if (tls.CaPath is { Length: > 0 } caPath)
        {
            if (!File.Exists(caPath))
            {
                throw new SiloConfigurationException("Tls:CaPath", $"Tls:CaPath '{caPath}' does not exist: give the cluster CA's certificate as a PEM or DER file");
            }

            if (tls.CertificatePath is not { Length: > 0 })
            {
                throw new SiloConfigurationException("Tls:CertificatePath",
                    $"Tls:CertificatePath is not set, and Tls:CaPath '{caPath}' needs it: give this silo's or client's own certificate (PFX/PKCS#12, signed by that CA)");
            }
        }

        foreach (var thumbprint in tls.AllowedThumbprints)
        {
            var digits = thumbprint.Replace(":", "", StringComparison.Ordinal);
            if (digits.Length != 40 || !digits.All(char.IsAsciiHexDigit))
            {
                throw new SiloConfigurationException("Tls:AllowedThumbprints",
                    $"Tls:AllowedThumbprints entry '{thumbprint}' is not a certificate thumbprint: give SHA-1 thumbprints of 40 hex digits (colons allowed), comma-separated");
            }
        }
    }
}
