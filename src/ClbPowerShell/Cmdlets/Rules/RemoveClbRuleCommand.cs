using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using ClbPowerShell.Client;
using ClbPowerShell.Client.Models;
using ClbPowerShell.Client.Operations;
using ClbPowerShell.Infrastructure;

namespace ClbPowerShell.Cmdlets.Rules
{
    /// <summary>
    /// <para type="synopsis">Deletes layer-7 forwarding rules: one DeleteRule call per listener for everything piped in.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "ClbRule", DefaultParameterSetName = ByLocationSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(ClbTask))]
    [ClbApiAction("DeleteRule")]
    public sealed class RemoveClbRuleCommand : ClbAsyncCmdlet
    {
        private const string ByLocationSet = "ByLocation";
        private const string ByDomainUrlSet = "ByDomainUrl";
        private readonly List<(ClbClient Client, RuleRef Rule)> _pending = new List<(ClbClient, RuleRef)>();

        /// <summary><para type="description">The load balancer (lb-xxxxxxxx). Binds from the LoadBalancerId property of piped rules.</para></summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ValidatePattern(ClbIdPatterns.LoadBalancer)]
        public string LoadBalancerId { get; set; } = "";

        /// <summary><para type="description">The listener (lbl-xxxxxxxx) of the rules. Binds from the ListenerId property of piped rules.</para></summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ValidatePattern(ClbIdPatterns.Listener)]
        public string ListenerId { get; set; } = "";

        /// <summary><para type="description">The rules to delete (loc-xxxxxxxx). Binds from the LocationId property of piped rules; everything piped in is gathered and deleted with one call per listener.</para></summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, ParameterSetName = ByLocationSet)]
        [ValidateNotNullOrEmpty]
        [ValidatePattern(ClbIdPatterns.Location)]
        public string[] LocationId { get; set; } = new string[0];

        /// <summary><para type="description">The domain of the rule to delete (with -Url). For a rule with several domains, any one of them.</para></summary>
        [Parameter(Mandatory = true, ParameterSetName = ByDomainUrlSet)]
        [ValidatePattern(RuleParameters.DomainPattern)]
        public string Domain { get; set; } = "";

        /// <summary><para type="description">The URL path of the rule to delete (with -Domain).</para></summary>
        [Parameter(Mandatory = true, ParameterSetName = ByDomainUrlSet)]
        [ValidatePattern(RuleParameters.UrlPattern)]
        public string Url { get; set; } = "";

        /// <summary><para type="description">When the rule removed is the last one of the listener's default domain, the domain that becomes the default.</para></summary>
        [Parameter(ParameterSetName = ByDomainUrlSet)]
        [ValidatePattern(RuleParameters.DomainPattern)]
        public string? NewDefaultServerDomain { get; set; }

        /// <summary><para type="description">Delete without asking for confirmation (-WhatIf still only reports; an explicit -Confirm still asks).</para></summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary><para type="description">With -Wait, emit the finished task objects (otherwise nothing is emitted after waiting).</para></summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            var client = GetClient();
            if (ParameterSetName == ByLocationSet)
            {
                foreach (var id in LocationId) _pending.Add((client, new RuleRef(LoadBalancerId, ListenerId, id)));
                return;
            }

            if (!Confirm(Domain + Url + " on " + ListenerId, "Delete rule")) return;
            var request = new DeleteRuleRequest
            {
                LoadBalancerId = LoadBalancerId, ListenerId = ListenerId, Domain = Domain, Url = Url, NewDefaultServerDomain = NewDefaultServerDomain,
            };
            Run(async cancellationToken =>
            {
                var task = await RuleOperations.DeleteAsync(client, request, cancellationToken).ConfigureAwait(false);
                await CompleteAsync(client, task, PassThruAfter(task), cancellationToken).ConfigureAwait(false);
            }, Domain + Url);
        }

        protected override void EndProcessing()
        {
            foreach (var byClient in _pending.GroupBy(p => p.Client))
            {
                var client = byClient.Key;
                var confirmed = RuleOperations.GroupForDelete(byClient.Select(p => p.Rule))
                    .Where(g => Confirm(string.Join(", ", g.LocationIds) + " on " + g.ListenerId + " (" + g.LoadBalancerId + ")",
                        g.LocationIds.Count == 1 ? "Delete rule" : "Delete " + g.LocationIds.Count + " rules"))
                    .ToList();
                if (confirmed.Count == 0) continue;
                Run(async cancellationToken =>
                {
                    await foreach (var result in RuleOperations.DeleteGroupsAsync(client, confirmed, System.TimeSpan.FromSeconds(Timeout), cancellationToken).ConfigureAwait(false))
                    {
                        if (result.Error != null)
                        {
                            PostError(result.Error, result.Group);
                            continue;
                        }
                        PostVerbose("DeleteRule accepted for " + result.Group + " (task " + result.Task!.TaskId + ").");
                        await CompleteAsync(client, result.Task, PassThruAfter(result.Task), cancellationToken).ConfigureAwait(false);
                    }
                }, LoadBalancerId);
            }
        }

        private System.Func<System.Threading.CancellationToken, Task<object?>>? PassThruAfter(ClbTask task) =>
            PassThru ? (_ => Task.FromResult<object?>(task)) : (System.Func<System.Threading.CancellationToken, Task<object?>>?)null;

        /// <summary>Asks as ShouldProcess does at High impact; -Force skips the question, -WhatIf still only reports.</summary>
        private bool Confirm(string target, string action) => ShouldProcessUnlessForced(Force, target, action);
    }
}
