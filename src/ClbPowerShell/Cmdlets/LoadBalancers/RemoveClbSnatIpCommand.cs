using System.Linq;
using System.Management.Automation;
using ClbPowerShell.Client.Models;
using ClbPowerShell.Client.Operations;
using ClbPowerShell.Infrastructure;

namespace ClbPowerShell.Cmdlets.LoadBalancers
{
    /// <summary>
    /// <para type="synopsis">Removes SNAT IPs from a load balancer with SnatPro.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "ClbSnatIp", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(ClbTask), typeof(LoadBalancer))]
    [ClbApiAction("DeleteLoadBalancerSnatIps", "DescribeLoadBalancers")]
    public sealed class RemoveClbSnatIpCommand : ClbAsyncCmdlet
    {
        /// <summary><para type="description">The load balancer (lb-xxxxxxxx). Binds from the LoadBalancerId property of piped objects.</para></summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidatePattern(ClbIdPatterns.LoadBalancer)]
        public string LoadBalancerId { get; set; } = "";

        /// <summary><para type="description">The SNAT addresses to remove (1 to 10).</para></summary>
        [Parameter(Mandatory = true, Position = 1)]
        [ValidateCount(1, SnatOperations.MaxSnatIps)]
        [ValidatePattern(ClbIdPatterns.IPv4)]
        public string[] Ip { get; set; } = new string[0];

        /// <summary><para type="description">Remove without asking for confirmation (-WhatIf still only reports).</para></summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void ProcessRecord()
        {
            var ips = Ip.Distinct().ToList();
            if (!ShouldProcessUnlessForced(Force, LoadBalancerId + ": " + string.Join(", ", ips), "Remove SNAT IPs")) return;
            var client = GetClient();
            Run(async cancellationToken =>
            {
                var task = await SnatOperations.RemoveAsync(client, LoadBalancerId, ips, cancellationToken).ConfigureAwait(false);
                PostVerbose("DeleteLoadBalancerSnatIps accepted for " + LoadBalancerId + " (task " + task.TaskId + ").");
                await CompleteAsync(client, task, async ct => await LoadBalancerOperations.GetAsync(client, LoadBalancerId, ct).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            }, LoadBalancerId);
        }
    }
}
