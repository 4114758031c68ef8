using System.Linq;
using System.Management.Automation;
using ClbPowerShell.Client.Operations;
using ClbPowerShell.Infrastructure;

namespace ClbPowerShell.Cmdlets.Logs
{
    /// <summary>
    /// <para type="synopsis">Gets the region's CLB logsets in CLS: one for access logs, one for health check logs, once created.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "ClbLogSet")]
    [OutputType(typeof(ClbLogSet))]
    [ClbApiAction("DescribeClsLogSet")]
    public sealed class GetClbLogSetCommand : ClbCmdlet
    {
        /// <summary><para type="description">Only the logset of this type: ACCESS or HEALTH.</para></summary>
        [Parameter(Position = 0)]
        [ValidateSet("ACCESS", "HEALTH")]
        public string? LogSetType { get; set; }

        protected override void ProcessRecord()
        {
            var client = GetClient();
            Run(async cancellationToken =>
            {
                var sets = await LogOperations.GetLogSetsAsync(client, cancellationToken).ConfigureAwait(false);
                var selected = sets.Where(s => LogSetType == null || string.Equals(s.LogSetType, LogSetType, System.StringComparison.OrdinalIgnoreCase)).ToList();
                await EmitAsync(selected, enumerate: true).ConfigureAwait(false);
            }, client.Region);
        }
    }
}
