using System.Linq;
using System.Management.Automation;
using ClbPowerShell.Client.Models;
using ClbPowerShell.Client.Operations;
using ClbPowerShell.Infrastructure;

namespace ClbPowerShell.Cmdlets.Rules
{
    /// <summary>
    /// <para type="synopsis">Gets the layer-7 forwarding rules of HTTP and HTTPS listeners.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "ClbRule")]
    [OutputType(typeof(RuleOutput))]
    [ClbApiAction("DescribeListeners")]
    public sealed class GetClbRuleCommand : ClbCmdlet
    {
        /// <summary><para type="description">The load balancer (lb-xxxxxxxx) whose rules to get. Binds from the LoadBalancerId property of piped objects.</para></summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidatePattern(ClbIdPatterns.LoadBalancer)]
        public string LoadBalancerId { get; set; } = "";

        /// <summary><para type="description">Only the rules of these listeners (lbl-xxxxxxxx). Binds from the ListenerId property of piped listeners, so Get-ClbListener | Get-ClbRule works.</para></summary>
        [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
        [ValidatePattern(ClbIdPatterns.Listener)]
        public string[]? ListenerId { get; set; }

        /// <summary><para type="description">Only these rules (loc-xxxxxxxx).</para></summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidatePattern(ClbIdPatterns.Location)]
        public string[]? LocationId { get; set; }

        /// <summary><para type="description">Only rules for this domain; wildcards (*, ?, [ ]) are matched here, case-insensitively. A rule with several domains matches when any of them does. Escape a literal '*' with a backtick.</para></summary>
        [Parameter]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string? Domain { get; set; }

        /// <summary><para type="description">Only rules for this URL path; wildcards (*, ?, [ ]) are matched here.</para></summary>
        [Parameter]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string? Url { get; set; }

        protected override void ProcessRecord()
        {
            var filter = new RuleFilter { Domain = Domain, Url = Url, LocationIds = LocationId };
            var client = GetClient();
            Run(async cancellationToken =>
            {
                var rules = await RuleOperations.ListAsync(client, LoadBalancerId, ListenerId, filter, cancellationToken).ConfigureAwait(false);
                PostVerbose(rules.Count + " rule(s) on " + LoadBalancerId + (ListenerId != null ? " (" + string.Join(", ", ListenerId) + ")" : "") + " match.");
                await EmitAsync(rules, enumerate: true).ConfigureAwait(false);
            }, (object?)ListenerId?.FirstOrDefault() ?? LoadBalancerId);
        }
    }
}
