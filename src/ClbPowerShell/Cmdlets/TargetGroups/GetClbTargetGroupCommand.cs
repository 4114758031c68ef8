using System.Linq;
using System.Management.Automation;
using ClbPowerShell.Client.Models;
using ClbPowerShell.Client.Operations;
using ClbPowerShell.Infrastructure;

namespace ClbPowerShell.Cmdlets.TargetGroups
{
    /// <summary>
    /// <para type="synopsis">Gets target groups, streaming them page by page.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "ClbTargetGroup", SupportsPaging = true)]
    [OutputType(typeof(TargetGroupInfo))]
    [ClbApiAction("DescribeTargetGroups")]
    public sealed class GetClbTargetGroupCommand : ClbCmdlet
    {
        /// <summary><para type="description">Target group ids (lbtg-xxxxxxxx). Any number; they are sent 20 per call.</para></summary>
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidatePattern(ClbIdPatterns.TargetGroup)]
        public string[]? TargetGroupId { get; set; }

        /// <summary><para type="description">The target group name; wildcards (*, ?) are matched here, an exact name by the service.</para></summary>
        [Parameter]
        [SupportsWildcards]
        [ValidateLength(1, 50)]
        public string? Name { get; set; }

        /// <summary><para type="description">Only target groups in this VPC (vpc-xxxxxxxx).</para></summary>
        [Parameter]
        [ValidatePattern(ClbIdPatterns.Vpc)]
        public string? VpcId { get; set; }

        protected override void ProcessRecord()
        {
            var client = GetClient();
            var ids = TargetGroupId?.ToList();
            Run(async cancellationToken =>
            {
                var pages = TargetGroupOperations.ListAsync(client, ids, Name, VpcId, PagingSkip, PagingFirst, cancellationToken);
                await EmitPagesAsync(pages, cancellationToken).ConfigureAwait(false);
            }, TargetGroupId);
        }
    }
}
