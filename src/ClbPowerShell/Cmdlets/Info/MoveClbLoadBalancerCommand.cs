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
    /// <para type="synopsis">Moves load balancers into another project.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Move, "ClbLoadBalancer", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(LoadBalancer))]
    [ClbApiAction("ModifyLoadBalancersProject", "DescribeLoadBalancers")]
    public sealed class MoveClbLoadBalancerCommand : ClbCmdlet
    {
        private readonly Dictionary<string, (ClbClient Client, List<string> Ids)> _pending = new Dictionary<string, (ClbClient, List<string>)>();

        /// <summary><para type="description">The load balancers to move (lb-xxxxxxxx). Binds from the LoadBalancerId of piped objects; piped ids are moved together, 20 per call.</para></summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidatePattern(ClbIdPatterns.LoadBalancer)]
        public string[] LoadBalancerId { get; set; } = new string[0];

        /// <summary><para type="description">The project to move them into (0 is the default project). Never taken from piped objects, whose ProjectId is the project they are in now.</para></summary>
        [Parameter(Mandatory = true, Position = 1)]
        [ValidateRange(0, long.MaxValue)]
        public long ProjectId { get; set; }

        /// <summary><para type="description">Emit the moved load balancers as they are afterwards.</para></summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            var client = GetClient();
            var key = client.Region + "|" + client.Endpoint;
            foreach (var id in LoadBalancerId)
            {
                if (!ShouldProcess(id + " (" + client.Region + ")", "Move load balancer to project " + ProjectId)) continue;
                if (!_pending.TryGetValue(key, out var entry)) _pending[key] = entry = (client, new List<string>());
                if (!entry.Ids.Contains(id)) entry.Ids.Add(id);
            }
        }

        /// <summary>Piped ids are moved here, per region, in as few calls as the API allows.</summary>
        protected override void EndProcessing()
        {
            foreach (var (client, ids) in _pending.Values)
            {
                Run(async cancellationToken =>
                {
                    var results = await InfoOperations.MoveToProjectAsync(client, ids, ProjectId, cancellationToken).ConfigureAwait(false);
                    var moved = new List<string>();
                    foreach (var result in results)
                    {
                        if (result.Error != null) { PostError(result.Error, string.Join(",", result.Ids)); continue; }
                        PostVerbose("Moved " + string.Join(", ", result.Ids) + " to project " + ProjectId + ".");
                        moved.AddRange(result.Ids);
                    }
                    if (PassThru && moved.Count > 0)
                    {
                        var lbs = await LoadBalancerOperations.GetManyAsync(client, moved, cancellationToken).ConfigureAwait(false);
                        await EmitAsync(moved.Select(id => lbs.FirstOrDefault(lb => lb.LoadBalancerId == id)).Where(lb => lb != null).ToList(), enumerate: true).ConfigureAwait(false);
                    }
                }, string.Join(",", ids));
            }
        }
    }
}
