namespace SweepGrid.Silo.Settings;

/// <summary>Mutual TLS between silos and clients: section Tls (not Orleans' own TlsOptions, which it sets).</summary>
public sealed class ClusterTlsOptions
{
    public const string Section = "Tls";

    /// <summary>A PFX/PKCS#12 file with its private key that this silo or client presents; it must be within its validity
    /// period at start. Unset (the default): no TLS.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The password of Tls:CertificatePath, if it has one; default none.</summary>
    public string? CertificatePassword { get; set; }

    /// <summary>The cluster CA's certificate (a PEM or DER file): a peer is accepted when its certificate chains to it, so each
    /// silo and client can hold its own certificate. Unset (the default): peers are trusted by thumbprint only.</summary>
    public string? CaPath { get; set; }

    /// <summary>SHA-1 thumbprints of the certificates a peer may present, comma-separated in one value (colons allowed);
    /// with Tls:CaPath a peer needs both. Empty (the default): with Tls:CaPath any certificate the CA signed, without it the
    /// configured certificate's own, one shared cluster certificate.</summary>
    public string[] AllowedThumbprints { get; set; } = [];
}
