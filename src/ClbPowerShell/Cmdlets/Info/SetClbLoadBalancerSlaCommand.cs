using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
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
    public sealed class SetClbLoadBalancerSlaCommand : LoadBalancerBatchCmdlet
    {

        /// <summary><para type="description">The load balancers to change (lb-xxxxxxxx). Binds from the LoadBalancerId of piped objects; piped ids are changed together, 20 per call.</para></summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidatePattern(ClbIdPatterns.LoadBalancer)]
        public string[] LoadBalancerId { get; set; } = new string[0];

        /// <summary><para type="description">The specification: SLA (super large) or one such as clb.c2.medium, clb.c3.small, clb.c4.xlarge. Never taken from piped objects, whose SlaType is the current one.</para></summary>
        [Parameter(Mandatory = true, Position = 1)]
        [ValidatePattern("^(SLA|clb\\.c[0-9]+\\.[a-z0-9]+)$")]
        public string SlaType { get; set; } = "";

        protected override IEnumerable<string> RecordIds => LoadBalancerId;

        protected override string ChangeDescription => "Set specification " + SlaType;

        protected override Task<IReadOnlyList<ChunkResult>> ApplyAsync(ClbClient client, IReadOnlyList<string> ids, CancellationToken cancellationToken) =>
            InfoOperations.SetSlaAsync(client, ids.Select(id => new SlaUpdateParam { LoadBalancerId = id, SlaType = SlaType }).ToList(), cancellationToken);
    }
}
