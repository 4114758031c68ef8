using System;
using System.Collections.Generic;
using System.Management.Automation;
using ClbPowerShell.Client.Models;
using ClbPowerShell.Client.Operations;
using ClbPowerShell.Infrastructure;

namespace ClbPowerShell.Cmdlets.Rules
{
    /// <summary>
    /// <para type="synopsis">Renames a domain on a listener: every forwarding rule of the old domain moves to the new one.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Rename, "ClbDomain", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(ClbTask), typeof(RuleOutput))]
    [ClbApiAction("ModifyDomain", "DescribeListeners")]
    public sealed class RenameClbDomainCommand : ClbAsyncCmdlet
    {
        private readonly HashSet<string> _done = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        /// <summary><para type="description">The load balancer (lb-xxxxxxxx). Binds from the LoadBalancerId property of piped rules.</para></summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ValidatePattern(ClbIdPatterns.LoadBalancer)]
        public string LoadBalancerId { get; set; } = "";

        /// <summary><para type="description">The HTTP or HTTPS listener (lbl-xxxxxxxx). Binds from the ListenerId property of piped rules.</para></summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ValidatePattern(ClbIdPatterns.Listener)]
        public string ListenerId { get; set; } = "";

        /// <summary><para type="description">The domain to rename. Binds from the Domain property of piped rules; several rules of one domain rename it once.</para></summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidatePattern(RuleParameters.DomainPattern)]
        public string Domain { get; set; } = "";

        /// <summary><para type="description">The new domain name: a name, a wildcard with '*' at the start or end, or a regular expression starting with '~'.</para></summary>
        [Parameter(Mandatory = true, Position = 1)]
        [ValidatePattern(RuleParameters.DomainPattern)]
        public string NewDomain { get; set; } = "";

        protected override void ProcessRecord()
        {
            if (string.Equals(Domain, NewDomain, StringComparison.OrdinalIgnoreCase))
                RefuseParameter("NewDomain", "the new domain is the same as -Domain.");
            if (!_done.Add(LoadBalancerId + "/" + ListenerId + "/" + Domain))
            {
                WriteVerbose(Domain + " on " + ListenerId + " was already renamed by this command.");
                return;
            }
            if (!ShouldProcess(Domain + " on " + ListenerId, "Rename domain to " + NewDomain)) return;
            var request = new ModifyDomainRequest { LoadBalancerId = LoadBalancerId, ListenerId = ListenerId, Domain = Domain, NewDomain = NewDomain };
            var client = GetClient();
            var newDomain = NewDomain;
            Run(async cancellationToken =>
            {
                var task = await RuleOperations.RenameDomainAsync(client, request, cancellationToken).ConfigureAwait(false);
                await CompleteAsync(client, task, async ct =>
                    await RuleOperations.GetByDomainAsync(client, request.LoadBalancerId!, request.ListenerId!, newDomain, ct).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            }, Domain);
        }
    }
}
