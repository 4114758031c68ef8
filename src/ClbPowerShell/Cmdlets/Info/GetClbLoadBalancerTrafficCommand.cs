using System.Management.Automation;
using ClbPowerShell.Client.Models;
using ClbPowerShell.Client.Operations;
using ClbPowerShell.Infrastructure;

namespace ClbPowerShell.Cmdlets.Info
{
    /// <summary>
    /// <para type="synopsis">Gets the load balancers with the most outbound traffic, highest first.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "ClbLoadBalancerTraffic")]
    [OutputType(typeof(LoadBalancerTraffic))]
    [ClbApiAction("DescribeLoadBalancerTraffic")]
    public sealed class GetClbLoadBalancerTrafficCommand : ClbCmdlet
    {
        /// <summary><para type="description">Only load balancers in this region (for example ap-shanghai); without it the service ranks every region's.</para></summary>
        [Parameter(Position = 0)]
        [ValidatePattern(RegionPattern)]
        public string? LoadBalancerRegion { get; set; }

        protected override void ProcessRecord()
        {
            var client = GetClient();
            Run(async cancellationToken =>
            {
                var traffic = await InfoOperations.GetTrafficAsync(client, LoadBalancerRegion, cancellationToken).ConfigureAwait(false);
                await EmitAsync(traffic, enumerate: true).ConfigureAwait(false);
            }, client.Region);
        }
    }
}
