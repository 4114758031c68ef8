using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using System.Management.Automation;
using ClbPowerShell.Client;
using ClbPowerShell.Client.Models;
using ClbPowerShell.Client.Operations;
using ClbPowerShell.Infrastructure;

namespace ClbPowerShell.Cmdlets.Security
{
    /// <summary>
    /// Shared by Add- and Remove-ClbSecurityGroupBinding: one security group, load balancers gathered from the pipeline
    /// and sent together (20 per SetSecurityGroupForLoadbalancers call) at the end.
    /// </summary>
    public abstract class SecurityGroupBindingCmdlet : LoadBalancerBatchCmdlet
    {
        /// <summary><para type="description">The security group (sg-xxxxxxxx).</para></summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidatePattern(ClbIdPatterns.SecurityGroup)]
        public string SecurityGroupId { get; set; } = "";

        /// <summary><para type="description">The load balancers (lb-xxxxxxxx). Binds from piped ids and from the LoadBalancerId property of piped objects; piped load balancers are sent together, 20 per request.</para></summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidatePattern(ClbIdPatterns.LoadBalancer)]
        public string[] LoadBalancerId { get; set; } = new string[0];

        protected abstract bool Add { get; }

        protected override IEnumerable<string> RecordIds => LoadBalancerId;

        protected override string ChangeDescription => (Add ? "Bind security group " : "Unbind security group ") + SecurityGroupId;

        protected override Task<IReadOnlyList<ChunkResult>> ApplyAsync(ClbClient client, IReadOnlyList<string> ids, CancellationToken cancellationToken) =>
            SecurityOperations.SetBindingAsync(client, SecurityGroupId, Add, ids, cancellationToken);
    }
}
