using System.Linq;
using System.Management.Automation;
using ClbPowerShell.Client.Operations;
using ClbPowerShell.Infrastructure;

namespace ClbPowerShell.Cmdlets.Targets
{
    /// <summary>
    /// The parameters that name one function binding (the rule, and the function with its qualifier),
    /// shared by Register- and Unregister-ClbFunctionTarget, which both start asynchronous tasks.
    /// </summary>
    public abstract class ClbFunctionBindingCmdlet : ClbAsyncCmdlet
    {
        /// <summary><para type="description">The load balancer (lb-xxxxxxxx). Binds from piped rules.</para></summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidatePattern(ClbIdPatterns.LoadBalancer)]
        public string LoadBalancerId { get; set; } = "";

        /// <summary><para type="description">The HTTP or HTTPS listener (lbl-xxxxxxxx). Binds from piped rules.</para></summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [ValidatePattern(ClbIdPatterns.Listener)]
        public string ListenerId { get; set; } = "";

        /// <summary><para type="description">The rule (loc-xxxxxxxx). Give it, or -Domain and -Url. Binds from piped rules.</para></summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateOptionalPattern(ClbIdPatterns.Location)]
        public string? LocationId { get; set; }

        /// <summary><para type="description">The rule's domain, with -Url, when -LocationId is not given.</para></summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateOptionalPattern(ClbIdPatterns.Domain)]
        public string? Domain { get; set; }

        /// <summary><para type="description">The rule's URL path, with -Domain, when -LocationId is not given.</para></summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateOptionalPattern("^.{1,200}$")]
        public string? Url { get; set; }

        /// <summary><para type="description">The function's namespace (default: default).</para></summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidatePattern(FunctionPatterns.Namespace)]
        public string FunctionNamespace { get; set; } = "default";

        /// <summary><para type="description">The function's name.</para></summary>
        [Parameter(Mandatory = true, Position = 2, ValueFromPipelineByPropertyName = true)]
        [ValidatePattern(FunctionPatterns.Name)]
        public string FunctionName { get; set; } = "";

        /// <summary><para type="description">The version or alias to call (default: $LATEST).</para></summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidatePattern(FunctionPatterns.Qualifier)]
        public string FunctionQualifier { get; set; } = "$LATEST";

        /// <summary><para type="description">Whether -FunctionQualifier is a VERSION or an ALIAS.</para></summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateOptionalPattern("(?i)^(VERSION|ALIAS)$")]
        public string? FunctionQualifierType { get; set; }
    }
}
