using System;

namespace ClbPowerShell.Client.Operations
{
    /// <summary>
    /// A cloud function (SCF) bound to a layer-7 rule, flattened with where it is bound, so it can be piped
    /// into Set-ClbFunctionTarget or Unregister-ClbFunctionTarget.
    /// </summary>
    public sealed class ClbFunctionTarget
    {
        public string? Region { get; set; }
        public string LoadBalancerId { get; set; } = "";
        public string ListenerId { get; set; } = "";
        public string? LocationId { get; set; }
        public string? Domain { get; set; }
        public string? Url { get; set; }
        /// <summary>The listener's protocol.</summary>
        public string? Protocol { get; set; }
        /// <summary>The listener's port.</summary>
        public long? ListenerPort { get; set; }
        public string FunctionNamespace { get; set; } = "";
        public string FunctionName { get; set; } = "";
        /// <summary>The version or alias the rule calls.</summary>
        public string? FunctionQualifier { get; set; }
        /// <summary>VERSION or ALIAS.</summary>
        public string? FunctionQualifierType { get; set; }
        public long? Weight { get; set; }

        public override string ToString() => FunctionNamespace + "/" + FunctionName + (FunctionQualifier != null ? ":" + FunctionQualifier : "") +
                                             " on " + ListenerId + (LocationId != null ? "/" + LocationId : "");
    }
}
