using Orleans.Connections.Security;
using SweepGrid.Silo.Settings;

namespace SweepGrid.Silo.Hosting;

/// <summary>
/// Mutual TLS between silos and clients, on when Tls:CertificatePath names a PFX/PKCS#12 file (Tls:CertificatePassword
/// if it has one). Each side presents that certificate and accepts a peer whose certificate is within its validity period
/// and either chains to the cluster CA (Tls:CaPath) or, without one, has a thumbprint in Tls:AllowedThumbprints
/// (comma-separated; by default the configured certificate's own: one shared cluster certificate). With both, a peer
/// needs both. <see cref="PeerCertificatePolicy"/> decides.
/// </summary>
public static class SweepGridTls
{
    /// <summary>Silo-to-silo and gateway connections over TLS; a peer without an accepted certificate is refused.</summary>
    public static ISiloBuilder UseSweepGridTls(this ISiloBuilder silo, ClusterTlsOptions settings)
    {
        if (ClusterCertificates.Load(settings, TimeProvider.System) is { } tls)
        {
            silo.UseTls(tls.Certificate, options =>
            {
                options.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
                options.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
                options.RemoteCertificateValidation = tls.Peers.Accepts;
            });
        }

        return silo;
    }

    /// <summary>Gateway connections over TLS, presenting the configured certificate and accepting only a silo whose certificate passes.</summary>
    public static IClientBuilder UseSweepGridTls(this IClientBuilder client, ClusterTlsOptions settings)
    {
        if (ClusterCertificates.Load(settings, TimeProvider.System) is { } tls)
        {
            client.UseTls(tls.Certificate, options =>
            {
                options.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
                options.RemoteCertificateValidation = tls.Peers.Accepts;
            });
        }

        return client;
    }
}
