using System.Management.Automation;
using ClbPowerShell.Client.Models;
using ClbPowerShell.Client.Operations;
using ClbPowerShell.Infrastructure;

namespace ClbPowerShell.Cmdlets.Info
{
    /// <summary>
    /// <para type="synopsis">Gets the zones of the region where load balancers can be created, with the ISPs and specifications each offers.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "ClbResource", SupportsPaging = true)]
    [OutputType(typeof(ZoneResource))]
    [ClbApiAction("DescribeResources")]
    public sealed class GetClbResourceCommand : ClbCmdlet
    {
        /// <summary><para type="description">Only these primary zones, such as ap-guangzhou-3.</para></summary>
        [Parameter(Position = 0)]
        [ValidateNotNullOrEmpty]
        public string[]? Zone { get; set; }

        /// <summary><para type="description">Only resources of these ISPs: BGP, CMCC, CUCC, CTCC or INTERNAL (private network).</para></summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? Isp { get; set; }

        protected override void ProcessRecord()
        {
            var client = GetClient();
            Run(async cancellationToken =>
            {
                var pages = InfoOperations.ListResourcesAsync(client, Zone, Isp, PagingSkip, PagingFirst, cancellationToken);
                await EmitPagesAsync(pages, cancellationToken).ConfigureAwait(false);
            }, client.Region);
        }
    }
}
