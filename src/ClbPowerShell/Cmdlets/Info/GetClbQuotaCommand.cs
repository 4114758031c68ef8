using System.Linq;
using System.Management.Automation;
using ClbPowerShell.Client.Models;
using ClbPowerShell.Client.Operations;
using ClbPowerShell.Infrastructure;

namespace ClbPowerShell.Cmdlets.Info
{
    /// <summary>
    /// <para type="synopsis">Gets the region's load balancer quotas: the limit of each and, where counted, how much is used.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "ClbQuota")]
    [OutputType(typeof(Quota))]
    [ClbApiAction("DescribeQuota")]
    public sealed class GetClbQuotaCommand : ClbCmdlet
    {
        /// <summary><para type="description">Only these quotas, such as TOTAL_OPEN_CLB_QUOTA or TOTAL_LISTENER_QUOTA; wildcards (*, ?) are allowed.</para></summary>
        [Parameter(Position = 0)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[]? QuotaId { get; set; }

        protected override void ProcessRecord()
        {
            var client = GetClient();
            var matchers = QuotaId?.Select(Wildcard.Matcher).ToList();
            Run(async cancellationToken =>
            {
                var quotas = await InfoOperations.GetQuotaAsync(client, cancellationToken).ConfigureAwait(false);
                var selected = matchers == null ? quotas.ToList() : quotas.Where(q => matchers.Any(m => m(q.QuotaId))).ToList();
                await EmitAsync(selected, enumerate: true).ConfigureAwait(false);
            }, client.Region);
        }
    }
}
