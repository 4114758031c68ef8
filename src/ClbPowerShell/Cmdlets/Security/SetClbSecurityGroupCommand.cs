using System.Linq;
using System.Management.Automation;
using ClbPowerShell.Client.Models;
using ClbPowerShell.Client.Operations;
using ClbPowerShell.Infrastructure;

namespace ClbPowerShell.Cmdlets.Security
{
    /// <summary>
    /// <para type="synopsis">Sets the security groups of a load balancer, replacing the ones it has.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "ClbSecurityGroup", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(LoadBalancer))]
    [ClbApiAction("SetLoadBalancerSecurityGroups", "DescribeLoadBalancers")]
    public sealed class SetClbSecurityGroupCommand : ClbCmdlet
    {
        /// <summary><para type="description">The load balancer (lb-xxxxxxxx). Binds from the LoadBalancerId property of piped objects.</para></summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidatePattern(ClbIdPatterns.LoadBalancer)]
        public string LoadBalancerId { get; set; } = "";

        /// <summary><para type="description">The complete list of security groups (sg-xxxxxxxx, up to 50) the load balancer should have; an empty array @() removes them all.</para></summary>
        [Parameter(Mandatory = true, Position = 1)]
        [AllowEmptyCollection]
        [ValidateCount(0, SecurityOperations.MaxGroupsPerLoadBalancer)]
        [ValidatePattern(ClbIdPatterns.SecurityGroup)]
        public string[] SecurityGroupId { get; set; } = new string[0];

        /// <summary><para type="description">Emit the load balancer as it is after the change.</para></summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            var groups = SecurityGroupId.Distinct().ToList();
            var what = groups.Count == 0 ? "no security groups (remove all)" : string.Join(", ", groups);
            if (!ShouldProcess(LoadBalancerId + ": " + what, "Set security groups")) return;
            var client = GetClient();
            Run(async cancellationToken =>
            {
                await SecurityOperations.SetGroupsAsync(client, LoadBalancerId, groups, cancellationToken).ConfigureAwait(false);
                PostVerbose(LoadBalancerId + " now has " + groups.Count + " security group(s).");
                if (PassThru) await EmitAsync(await LoadBalancerOperations.GetAsync(client, LoadBalancerId, cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
            }, LoadBalancerId);
        }
    }
}
