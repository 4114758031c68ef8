using System.Management.Automation;
using ClbPowerShell.Client.Models;
using ClbPowerShell.Client.Operations;
using ClbPowerShell.Infrastructure;

namespace ClbPowerShell.Cmdlets.LoadBalancers
{
    /// <summary>
    /// <para type="synopsis">Changes a load balancer's name, security group pass-through, cross-region binding, deletion protection or network billing.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "ClbLoadBalancer", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(ClbTask), typeof(LoadBalancer))]
    [ClbApiAction("ModifyLoadBalancerAttributes", "DescribeLoadBalancers")]
    public sealed class SetClbLoadBalancerCommand : ClbAsyncCmdlet
    {
        /// <summary><para type="description">The load balancer to change (lb-xxxxxxxx). Binds from the LoadBalancerId of piped objects.</para></summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidatePattern(ClbIdPatterns.LoadBalancer)]
        public string LoadBalancerId { get; set; } = "";

        /// <summary><para type="description">The new name; up to 60 letters, digits, '-', '_' and '.'.</para></summary>
        [Parameter]
        [ValidatePattern("^[A-Za-z0-9_.\\-]{1,60}$")]
        public string? Name { get; set; }

        /// <summary><para type="description">$true: backends accept all traffic from the load balancer and only its security groups are checked; $false: the backends' security groups are checked too.</para></summary>
        [Parameter]
        public bool? LoadBalancerPassToTarget { get; set; }

        /// <summary><para type="description">$true turns on binding targets in other VPCs and regions (cross-region binding 2.0); $false turns it off.</para></summary>
        [Parameter]
        public bool? SnatPro { get; set; }

        /// <summary><para type="description">$true protects the load balancer from deletion; $false removes the protection.</para></summary>
        [Parameter]
        public bool? DeleteProtect { get; set; }

        /// <summary><para type="description">The network billing mode of a public load balancer: TRAFFIC_POSTPAID_BY_HOUR, BANDWIDTH_POSTPAID_BY_HOUR or BANDWIDTH_PACKAGE.</para></summary>
        [Parameter]
        [ValidateSet("TRAFFIC_POSTPAID_BY_HOUR", "BANDWIDTH_POSTPAID_BY_HOUR", "BANDWIDTH_PACKAGE")]
        public string? InternetChargeType { get; set; }

        /// <summary><para type="description">The maximum outbound bandwidth of a public load balancer, in Mbps (0 to 65535).</para></summary>
        [Parameter]
        [ValidateRange(0, 65535)]
        public long? InternetMaxBandwidthOut { get; set; }

        protected override void ProcessRecord()
        {
            if (Name == null && LoadBalancerPassToTarget == null && SnatPro == null && DeleteProtect == null && InternetChargeType == null && InternetMaxBandwidthOut == null)
                RefuseParameter("Name", "give at least one attribute to change (-Name, -LoadBalancerPassToTarget, -SnatPro, -DeleteProtect, -InternetChargeType, -InternetMaxBandwidthOut).");
            if (!ShouldProcess(LoadBalancerId, "Modify load balancer attributes")) return;
            var request = new ModifyLoadBalancerAttributesRequest
            {
                LoadBalancerId = LoadBalancerId,
                LoadBalancerName = Name,
                LoadBalancerPassToTarget = LoadBalancerPassToTarget,
                SnatPro = SnatPro,
                DeleteProtect = DeleteProtect,
                InternetChargeInfo = InternetChargeType != null || InternetMaxBandwidthOut != null
                    ? new InternetAccessible { InternetChargeType = InternetChargeType, InternetMaxBandwidthOut = InternetMaxBandwidthOut }
                    : null,
            };
            var client = GetClient();
            Run(async cancellationToken =>
            {
                var task = await LoadBalancerOperations.ModifyAsync(client, request, cancellationToken).ConfigureAwait(false);
                PostVerbose("ModifyLoadBalancerAttributes accepted for " + LoadBalancerId + " (task " + task.TaskId + ").");
                await CompleteAsync(client, task, async ct => await LoadBalancerOperations.GetAsync(client, request.LoadBalancerId!, ct).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            }, LoadBalancerId);
        }
    }
}
