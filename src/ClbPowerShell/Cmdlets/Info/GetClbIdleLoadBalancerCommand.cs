using System.Management.Automation;
using ClbPowerShell.Client.Models;
using ClbPowerShell.Client.Operations;
using ClbPowerShell.Infrastructure;

namespace ClbPowerShell.Cmdlets.Info
{
    /// <summary>
    /// <para type="synopsis">Gets idle load balancers: those with no forwarding rules or no real servers behind them.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "ClbIdleLoadBalancer", SupportsPaging = true)]
    [OutputType(typeof(IdleLoadBalancer))]
    [ClbApiAction("DescribeIdleLoadBalancers")]
    public sealed class GetClbIdleLoadBalancerCommand : ClbCmdlet
    {
        /// <summary><para type="description">Only load balancers in this region (for example ap-shanghai); without it the service decides which it lists.</para></summary>
        [Parameter(Position = 0)]
        [ValidatePattern(RegionPattern)]
        public string? LoadBalancerRegion { get; set; }

        protected override void ProcessRecord()
        {
            var client = GetClient();
            Run(async cancellationToken =>
            {
                var pages = InfoOperations.ListIdleAsync(client, LoadBalancerRegion, PagingSkip, PagingFirst, cancellationToken);
                await EmitPagesAsync(pages, cancellationToken).ConfigureAwait(false);
            }, client.Region);
        }
    }
}
