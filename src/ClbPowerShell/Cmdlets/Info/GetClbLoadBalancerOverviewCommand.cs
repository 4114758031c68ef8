using System.Management.Automation;
using ClbPowerShell.Client.Operations;
using ClbPowerShell.Infrastructure;

namespace ClbPowerShell.Cmdlets.Info
{
    /// <summary>
    /// <para type="synopsis">Counts the region's load balancers: in all, running, isolated and about to expire.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "ClbLoadBalancerOverview")]
    [OutputType(typeof(ClbLoadBalancerOverview))]
    [ClbApiAction("DescribeLoadBalancerOverview")]
    public sealed class GetClbLoadBalancerOverviewCommand : ClbCmdlet
    {
        protected override void ProcessRecord()
        {
            var client = GetClient();
            Run(async cancellationToken =>
                await EmitAsync(await InfoOperations.GetOverviewAsync(client, cancellationToken).ConfigureAwait(false)).ConfigureAwait(false),
                client.Region);
        }
    }
}
