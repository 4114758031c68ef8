using System.Linq;
using System.Management.Automation;
using ClbPowerShell.Client.Models;
using ClbPowerShell.Client.Operations;
using ClbPowerShell.Infrastructure;

namespace ClbPowerShell.Cmdlets.TargetGroups
{
    /// <summary>
    /// <para type="synopsis">Gets the instances (real servers) registered with target groups.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "ClbTargetGroupInstance", SupportsPaging = true)]
    [OutputType(typeof(TargetGroupBackend))]
    [ClbApiAction("DescribeTargetGroupInstances")]
    public sealed class GetClbTargetGroupInstanceCommand : ClbCmdlet
    {
        /// <summary><para type="description">Target groups whose instances to list (lbtg-xxxxxxxx). Binds from piped target groups.</para></summary>
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidatePattern(ClbIdPatterns.TargetGroup)]
        public string[]? TargetGroupId { get; set; }

        /// <summary><para type="description">Only instances registered by these private IPv4 addresses (up to 100).</para></summary>
        [Parameter]
        [ValidateCount(1, 100)]
        [ValidatePattern(ClbIdPatterns.IPv4)]
        public string[]? BindIP { get; set; }

        /// <summary><para type="description">Only these CVM instances (ins-xxxxxxxx, up to 100).</para></summary>
        [Parameter]
        [ValidateCount(1, 100)]
        [ValidatePattern(ClbIdPatterns.Instance)]
        public string[]? InstanceId { get; set; }

        protected override void ProcessRecord()
        {
            if (TargetGroupId == null && BindIP == null && InstanceId == null)
                RefuseParameter("TargetGroupId", "give -TargetGroupId, -BindIP or -InstanceId (or pipe target groups in); the service lists instances only by a filter.");
            var client = GetClient();
            var ids = TargetGroupId?.ToList();
            var ips = BindIP?.ToList();
            var cvms = InstanceId?.ToList();
            Run(async cancellationToken =>
            {
                var pages = TargetGroupOperations.ListInstancesAsync(client, ids, ips, cvms, PagingSkip, PagingFirst, cancellationToken);
                await EmitPagesAsync(pages, cancellationToken).ConfigureAwait(false);
            }, TargetGroupId);
        }
    }
}
