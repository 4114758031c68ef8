using System;

namespace ClbPowerShell.Client.Operations
{
    /// <summary>
    /// The health of one backend as DescribeTargetHealth reports it, flattened with the load balancer,
    /// listener and (layer 7) rule it is bound to.
    /// </summary>
    public sealed class ClbTargetHealth
    {
        public string? Region { get; set; }
        public string LoadBalancerId { get; set; } = "";
        public string? LoadBalancerName { get; set; }
        public string ListenerId { get; set; } = "";
        public string? ListenerName { get; set; }
        /// <summary>The listener's protocol.</summary>
        public string? Protocol { get; set; }
        /// <summary>The listener's port.</summary>
        public long? ListenerPort { get; set; }
        /// <summary>The layer-7 rule; null on layer-4 listeners.</summary>
        public string? LocationId { get; set; }
        public string? Domain { get; set; }
        public string? Url { get; set; }
        /// <summary>The backend's private IP.</summary>
        public string? IP { get; set; }
        /// <summary>The backend's port.</summary>
        public long? Port { get; set; }
        /// <summary>The backend's id (ins-xxxxxxxx for a CVM).</summary>
        public string? TargetId { get; set; }
        /// <summary>True when the health check passes.</summary>
        public bool? HealthStatus { get; set; }
        /// <summary>Alive, Dead or Unknown.</summary>
        public string? HealthStatusDetail { get; set; }

        public override string ToString() => (TargetId ?? IP ?? "?") + ":" + Port + " " + (HealthStatusDetail ?? (HealthStatus == true ? "Alive" : "Dead"));
    }
}
