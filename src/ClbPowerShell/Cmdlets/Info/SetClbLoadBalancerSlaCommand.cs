using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using ClbPowerShell.Client;
using ClbPowerShell.Client.Models;
using ClbPowerShell.Client.Operations;
using ClbPowerShell.Infrastructure;

namespace ClbPowerShell.Cmdlets.Info
{
    /// <summary>
    /// <para type="synopsis">Changes the performance-capacity specification (SLA) of load balancers.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "ClbLoadBalancerSla", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(LoadBalancer))]
    [ClbApiAction("ModifyLoadBalancerSla", "DescribeLoadBalancers")]
    public sealed class SetClbLoadBalancerSlaCommand : ClbCmdlet
    {
        private readonly Dictionary<string, (ClbClient Client, List<SlaUpdateParam> Changes)> _pending = new Dictionary<string, (ClbClient, List<SlaUpdateParam>)>();

        /// <summary><para type="description">The load balancers to change (lb-xxxxxxxx). Binds from the LoadBalancerId of piped objects; piped ids are changed together, 20 per call.</para></summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidatePattern(ClbIdPatterns.LoadBalancer)]
        public string[] LoadBalancerId { get; set; } = new string[0];

        /// <summary><para type="description">The specification: SLA (super large) or one such as clb.c2.medium, clb.c3.small, clb.c4.xlarge. Never taken from piped objects, whose SlaType is the current one.</para></summary>
        [Parameter(Mandatory = true, Position = 1)]
        [ValidatePattern("^(SLA|clb\\.c[0-9]+\\.[a-z0-9]+)$")]
        public string SlaType { get; set; } = "";

        /// <summary><para type="description">Emit the changed load balancers as they are afterwards.</para></summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            var client = GetClient();
            var key = client.Region + "|" + client.Endpoint;
            foreach (var id in LoadBalancerId)
            {
                if (!ShouldProcess(id + " (" + client.Region + ")", "Set specification " + SlaType)) continue;
                if (!_pending.TryGetValue(key, out var entry)) _pending[key] = entry = (client, new List<SlaUpdateParam>());
                entry.Changes.Add(new SlaUpdateParam { LoadBalancerId = id, SlaType = SlaType });
            }
        }

        /// <summary>Piped ids are changed here, per region, in as few calls as the API allows.</summary>
        protected override void EndProcessing()
        {
            foreach (var (client, changes) in _pending.Values)
            {
                Run(async cancellationToken =>
                {
                    var results = await InfoOperations.SetSlaAsync(client, changes, cancellationToken).ConfigureAwait(false);
                    var changed = new List<string>();
                    foreach (var result in results)
                    {
                        if (result.Error != null) { PostError(result.Error, string.Join(",", result.Ids)); continue; }
                        PostVerbose("Specification " + SlaType + " set on " + string.Join(", ", result.Ids) + ".");
                        changed.AddRange(result.Ids);
                    }
                    if (PassThru && changed.Count > 0)
                    {
                        var lbs = await LoadBalancerOperations.GetManyAsync(client, changed, cancellationToken).ConfigureAwait(false);
                        await EmitAsync(changed.Select(id => lbs.FirstOrDefault(lb => lb.LoadBalancerId == id)).Where(lb => lb != null).ToList(), enumerate: true).ConfigureAwait(false);
                    }
                }, string.Join(",", changes.Select(c => c.LoadBalancerId)));
            }
        }
    }
}
