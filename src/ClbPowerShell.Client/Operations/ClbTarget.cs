using System;

namespace ClbPowerShell.Client.Operations
{
    /// <summary>
    /// One backend bound to a listener or a layer-7 rule, flattened with everything needed to act on it
    /// again: piped into Unregister-ClbTarget or Set-ClbTarget it says exactly which binding to change.
    /// </summary>
    public sealed class ClbTarget
    {
        public string? Region { get; set; }
        public string LoadBalancerId { get; set; } = "";
        public string ListenerId { get; set; } = "";
        /// <summary>The layer-7 rule the target is bound to; null on layer-4 listeners.</summary>
        public string? LocationId { get; set; }
        public string? Domain { get; set; }
        public string? Url { get; set; }
        /// <summary>The listener's protocol (TCP, UDP, TCP_SSL, HTTP, HTTPS, QUIC).</summary>
        public string? Protocol { get; set; }
        /// <summary>The listener's port.</summary>
        public long? ListenerPort { get; set; }
        /// <summary>CVM or ENI.</summary>
        public string? Type { get; set; }
        /// <summary>The CVM instance id (ins-xxxxxxxx); null for an ENI/IP target.</summary>
        public string? InstanceId { get; set; }
        /// <summary>The IP of an ENI or cross-VPC target; null for a CVM target.</summary>
        public string? EniIp { get; set; }
        /// <summary>The target's port.</summary>
        public long Port { get; set; }
        public long? Weight { get; set; }
        public string? InstanceName { get; set; }
        public string[]? PrivateIpAddresses { get; set; }
        public string[]? PublicIpAddresses { get; set; }
        public string? RegisteredTime { get; set; }
        public string? EniId { get; set; }

        /// <summary>What identifies the backend within its binding: instance id or IP, and port.</summary>
        public string Key => (InstanceId ?? EniIp ?? "?") + ":" + Port;

        public override string ToString() => Key + " on " + ListenerId + (LocationId != null ? "/" + LocationId : "");
    }
}
