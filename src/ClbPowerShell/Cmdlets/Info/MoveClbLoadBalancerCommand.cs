using System.Collections.Generic;
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
    /// <para type="synopsis">Moves load balancers into another project.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Move, "ClbLoadBalancer", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(LoadBalancer))]
    [ClbApiAction("ModifyLoadBalancersProject", "DescribeLoadBalancers")]
    public sealed class MoveClbLoadBalancerCommand : LoadBalancerBatchCmdlet
    {

        /// <summary><para type="description">The load balancers to move (lb-xxxxxxxx). Binds from the LoadBalancerId of piped objects; piped ids are moved together, 20 per call.</para></summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidatePattern(ClbIdPatterns.LoadBalancer)]
        public string[] LoadBalancerId { get; set; } = new string[0];

        /// <summary><para type="description">The project to move them into (0 is the default project). Never taken from piped objects, whose ProjectId is the project they are in now.</para></summary>
        [Parameter(Mandatory = true, Position = 1)]
        [ValidateRange(0, long.MaxValue)]
        public long ProjectId { get; set; }

        protected override IEnumerable<string> RecordIds => LoadBalancerId;

        protected override string ChangeDescription => "Move load balancer to project " + ProjectId;

        protected override Task<IReadOnlyList<ChunkResult>> ApplyAsync(ClbClient client, IReadOnlyList<string> ids, CancellationToken cancellationToken) =>
            InfoOperations.MoveToProjectAsync(client, ids, ProjectId, cancellationToken);
    }
}
