namespace SweepGrid.Silo.Settings;

/// <summary>Mutual TLS between silos and clients: section Tls (not Orleans' own TlsOptions, which it sets).</summary>
public sealed class ClusterTlsOptions
{
    public const string Section = "Tls";

    /// <summary>A PFX/PKCS#12 file with its private key that this silo or client presents; unset (the default): no TLS.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The password of Tls:CertificatePath, if it has one; default none.</summary>
    public string? CertificatePassword { get; set; }

    /// <summary>SHA-1 thumbprints of the certificates a peer may present, comma-separated in one value (colons allowed);
    /// empty (the default): the configured certificate's own, one shared cluster certificate.</summary>
    public string[] AllowedThumbprints { get; set; } = [];
}
