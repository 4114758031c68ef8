using System.Linq;
using System.Management.Automation;
using ClbPowerShell.Client.Models;
using ClbPowerShell.Client.Operations;
using ClbPowerShell.Infrastructure;

namespace ClbPowerShell.Cmdlets.Configs
{
    /// <summary>
    /// <para type="synopsis">Gets the client addresses a load balancer blocks, streaming them page by page.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "ClbBlockedIp", SupportsPaging = true)]
    [OutputType(typeof(BlockedIP))]
    [ClbApiAction("DescribeBlockIPList")]
    public sealed class GetClbBlockedIpCommand : ClbCmdlet
    {
        /// <summary><para type="description">The load balancers (lb-xxxxxxxx). Binds from piped ids and from the LoadBalancerId property of piped objects; -Skip and -First apply to each load balancer's list.</para></summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidatePattern(ClbIdPatterns.LoadBalancer)]
        public string[] LoadBalancerId { get; set; } = new string[0];

        protected override void ProcessRecord()
        {
            var client = GetClient();
            foreach (var id in LoadBalancerId.Distinct())
            {
                Run(async cancellationToken =>
                {
                    var pages = BlockIpOperations.ListAsync(client, id, PagingSkip, PagingFirst, cancellationToken);
                    await EmitPagesAsync(pages, cancellationToken).ConfigureAwait(false);
                }, id);
            }
        }
    }
}
