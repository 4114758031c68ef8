namespace ClbPowerShell.Client.Operations
{
    /// <summary>
    /// One redirect between two layer-7 rules of a load balancer, flattened from DescribeRewrite's RuleOutput/RewriteTarget
    /// with everything Remove-ClbRewrite needs to delete it again.
    /// </summary>
    public sealed class ClbRewrite
    {
        public string? Region { get; set; }
        public string LoadBalancerId { get; set; } = "";
        /// <summary>The listener of the rule that redirects.</summary>
        public string SourceListenerId { get; set; } = "";
        /// <summary>The rule that redirects.</summary>
        public string SourceLocationId { get; set; } = "";
        /// <summary>The listener of the rule redirected to.</summary>
        public string TargetListenerId { get; set; } = "";
        /// <summary>The rule redirected to.</summary>
        public string TargetLocationId { get; set; } = "";
        /// <summary>The domain of the redirecting rule.</summary>
        public string? Domain { get; set; }
        /// <summary>The URL path of the redirecting rule.</summary>
        public string? Url { get; set; }
        /// <summary>The HTTP status of the redirect: 301, 302 or 307.</summary>
        public long? RewriteCode { get; set; }
        /// <summary>Whether the redirect keeps the request path.</summary>
        public bool? TakeUrl { get; set; }
        /// <summary>Manual (ManualRewrite) or Auto (AutoRewrite).</summary>
        public string? RewriteType { get; set; }

        public override string ToString() => SourceLocationId + " -> " + TargetLocationId;
    }
}
