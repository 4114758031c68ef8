using ClbPowerShell.Client.Operations;

namespace ClbPowerShell.Cmdlets.Targets
{
    /// <summary>What the function target cmdlets share: the name rules and how the rule is named.</summary>
    internal static class FunctionPatterns
    {
        public const string Namespace = "^[A-Za-z0-9_-]{1,60}$";
        public const string Name = "^[A-Za-z][A-Za-z0-9_-]{0,59}$";
        public const string Qualifier = "^(\\$LATEST|[A-Za-z0-9_-]{1,128})$";

        /// <summary>Why the rule is not named properly, or null: -LocationId, or -Domain with -Url.</summary>
        public static string? RuleProblem(string? locationId, string? domain, string? url) =>
            locationId == null && (domain == null || url == null)
                ? "name the rule by -LocationId, or by -Domain and -Url together."
                : null;

        /// <summary>The rule to act on; a LocationId wins over Domain + Url (which are then not sent).</summary>
        public static FunctionTargetBinding Binding(string loadBalancerId, string listenerId, string? locationId, string? domain, string? url) =>
            new FunctionTargetBinding
            {
                LoadBalancerId = loadBalancerId,
                ListenerId = listenerId,
                LocationId = locationId,
                Domain = locationId == null ? domain : null,
                Url = locationId == null ? url : null,
            };
    }
}
