using SweepGrid.Silo.Hosting;

namespace SweepGrid.Silo.Settings;

/// <summary>Tls: a certificate file that exists, and thumbprints that can match one (a SHA-256 fingerprint never would).</summary>
public sealed class ClusterTlsOptionsValidator : ISettingsValidator
{
    public void Validate(SweepGridSettings settings)
    {
        var tls = settings.Tls;
        if (tls.CertificatePath is { Length: > 0 } path && !File.Exists(path))
        {
            throw new SiloConfigurationException("Tls:CertificatePath", $"Tls:CertificatePath '{path}' does not exist: give the cluster's PFX/PKCS#12 certificate file");
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
