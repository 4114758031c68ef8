using System.Linq;
using System.Management.Automation;
using ClbPowerShell.Client.Models;
using ClbPowerShell.Client.Operations;
using ClbPowerShell.Infrastructure;

namespace ClbPowerShell.Cmdlets.Targets
{
    /// <summary>
    /// <para type="synopsis">Gets CVMs and ENIs bound across regions or VPCs (cross-region binding 2.0), streaming them page by page.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "ClbCrossTarget", SupportsPaging = true)]
    [OutputType(typeof(CrossTargets))]
    [ClbApiAction("DescribeCrossTargets")]
    public sealed class GetClbCrossTargetCommand : ClbCmdlet
    {
        /// <summary><para type="description">Only backends in these VPCs (vpc-xxxxxxxx; filter vpc-id).</para></summary>
        [Parameter]
        [ValidatePattern(ClbIdPatterns.Vpc)]
        public string[]? VpcId { get; set; }

        /// <summary><para type="description">Only backends with these IP addresses (filter ip).</para></summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? Ip { get; set; }

        /// <summary><para type="description">Only backends of these listeners (lbl-xxxxxxxx; filter listener-id). Binds from piped listeners.</para></summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidatePattern(ClbIdPatterns.Listener)]
        public string[]? ListenerId { get; set; }

        /// <summary><para type="description">Only backends of these layer-7 rules (loc-xxxxxxxx; filter location-id). Binds from piped rules.</para></summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidatePattern(ClbIdPatterns.Location)]
        public string[]? LocationId { get; set; }

        protected override void ProcessRecord()
        {
            if (Ip != null)
                foreach (var ip in Ip)
                    if (!System.Net.IPAddress.TryParse(ip, out _))
                        RefuseParameter("Ip", "'" + ip + "' is not an IP address.", ip);
            var query = new CrossTargetQuery
            {
                VpcIds = VpcId?.ToList(),
                Ips = Ip?.ToList(),
                ListenerIds = ListenerId?.ToList(),
                LocationIds = LocationId?.ToList(),
            };
            var client = GetClient();
            Run(async cancellationToken =>
            {
                var pages = TargetQueryOperations.CrossTargetsAsync(client, query, PagingSkip, PagingFirst, cancellationToken);
                await EmitPagesAsync(pages, cancellationToken).ConfigureAwait(false);
            }, (object?)ListenerId ?? LocationId);
        }
    }
}
