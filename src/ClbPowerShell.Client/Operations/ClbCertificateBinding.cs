namespace ClbPowerShell.Client.Operations
{
    /// <summary>
    /// One place a certificate is used: a listener (LocationId null) or a layer-7 rule of a load balancer,
    /// as a server certificate or as the client CA certificate of mutual authentication.
    /// </summary>
    public sealed class ClbCertificateBinding
    {
        public string? Region { get; set; }
        /// <summary>The certificate asked about.</summary>
        public string CertificateId { get; set; } = "";
        /// <summary>Server (the listener's or rule's own certificate) or CA (its client CA certificate).</summary>
        public string Usage { get; set; } = "";
        public string LoadBalancerId { get; set; } = "";
        public string? LoadBalancerName { get; set; }
        /// <summary>The listener that uses the certificate (or whose rule does); null when the service named only the load balancer.</summary>
        public string? ListenerId { get; set; }
        public string? Protocol { get; set; }
        public long? Port { get; set; }
        /// <summary>The rule that uses the certificate; null for a listener-level certificate.</summary>
        public string? LocationId { get; set; }
        public string? Domain { get; set; }
        public string? Url { get; set; }
        /// <summary>UNIDIRECTIONAL or MUTUAL.</summary>
        public string? SSLMode { get; set; }

        public override string ToString() => CertificateId + " on " + LoadBalancerId + (ListenerId != null ? "/" + ListenerId : "") + (LocationId != null ? "/" + LocationId : "");
    }
}
