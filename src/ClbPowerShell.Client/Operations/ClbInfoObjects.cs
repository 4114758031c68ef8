namespace ClbPowerShell.Client.Operations
{
    /// <summary>How many load balancers a region holds, by state (DescribeLoadBalancerOverview).</summary>
    public sealed class ClbLoadBalancerOverview
    {
        public string? Region { get; set; }
        public long TotalCount { get; set; }
        public long RunningCount { get; set; }
        public long IsolationCount { get; set; }
        public long WillExpireCount { get; set; }
    }

    /// <summary>The CLB logset of one type (ACCESS or HEALTH) in a region.</summary>
    public sealed class ClbLogSet
    {
        public string? Region { get; set; }
        public string LogSetId { get; set; } = "";
        /// <summary>ACCESS or HEALTH.</summary>
        public string LogSetType { get; set; } = "";
        /// <summary>The name given at creation; null when listed (DescribeClsLogSet returns only ids).</summary>
        public string? Name { get; set; }
        /// <summary>The retention in days given at creation; null when listed.</summary>
        public long? Period { get; set; }

        public override string ToString() => LogSetId;
    }

    /// <summary>A log topic made for CLB logs. Its LogSetId, LogTopicId and LogType bind by name to Set-ClbLoadBalancerLog.</summary>
    public sealed class ClbLogTopic
    {
        public string? Region { get; set; }
        public string LogTopicId { get; set; } = "";
        public string Name { get; set; } = "";
        /// <summary>ACCESS or HEALTH: the kind of log the topic takes.</summary>
        public string LogType { get; set; } = "";
        /// <summary>The logset of that type the topic was created in; null if it could not be read back.</summary>
        public string? LogSetId { get; set; }
        public long? PartitionCount { get; set; }
        public long? Period { get; set; }
        public string? StorageType { get; set; }

        public override string ToString() => LogTopicId;
    }
}
