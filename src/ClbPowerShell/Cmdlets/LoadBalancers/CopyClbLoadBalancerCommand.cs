using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using ClbPowerShell.Client.Models;
using ClbPowerShell.Client.Operations;
using ClbPowerShell.Infrastructure;

namespace ClbPowerShell.Cmdlets.LoadBalancers
{
    /// <summary>
    /// <para type="synopsis">Makes a copy of a load balancer with its listeners and rules.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Copy, "ClbLoadBalancer", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(ClbTask), typeof(LoadBalancer))]
    [ClbApiAction("CloneLoadBalancer", "DescribeTaskStatus", "DescribeLoadBalancers")]
    public sealed class CopyClbLoadBalancerCommand : ClbAsyncCmdlet
    {
        /// <summary><para type="description">The load balancer to copy (lb-xxxxxxxx). Binds from the LoadBalancerId of piped objects.</para></summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidatePattern(ClbIdPatterns.LoadBalancer)]
        public string LoadBalancerId { get; set; } = "";

        /// <summary><para type="description">The copy's name (1 to 60 letters, digits, '-', '_' and '.'); the source's name when omitted.</para></summary>
        [Parameter(Position = 1)]
        [ValidatePattern("^[A-Za-z0-9_.\\-]{1,60}$")]
        public string? Name { get; set; }

        /// <summary><para type="description">The project of the copy (0 is the default project).</para></summary>
        [Parameter]
        [ValidateRange(0, long.MaxValue)]
        public long? ProjectId { get; set; }

        /// <summary><para type="description">A specific virtual IP for the copy.</para></summary>
        [Parameter]
        [ValidatePattern(ClbIdPatterns.IPv4)]
        public string? Vip { get; set; }

        /// <summary><para type="description">The availability zone of the copy (public load balancers), such as ap-guangzhou-1.</para></summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? ZoneId { get; set; }

        /// <summary><para type="description">The network billing mode of a public copy: TRAFFIC_POSTPAID_BY_HOUR, BANDWIDTH_POSTPAID_BY_HOUR or BANDWIDTH_PACKAGE.</para></summary>
        [Parameter]
        [ValidateSet("TRAFFIC_POSTPAID_BY_HOUR", "BANDWIDTH_POSTPAID_BY_HOUR", "BANDWIDTH_PACKAGE")]
        public string? InternetChargeType { get; set; }

        /// <summary><para type="description">The copy's maximum outbound bandwidth in Mbps (0 to 65535).</para></summary>
        [Parameter]
        [ValidateRange(0, 65535)]
        public long? InternetMaxBandwidthOut { get; set; }

        /// <summary><para type="description">Tags for the copy as a hashtable of key = value (up to 10).</para></summary>
        [Parameter]
        public Hashtable? Tag { get; set; }

        protected override void ProcessRecord()
        {
            if (Tag != null && Tag.Count > 10) RefuseParameter("Tag", "at most 10 tags.");
            if (!ShouldProcess(LoadBalancerId, "Copy load balancer" + (Name != null ? " as " + Name : ""))) return;
            var request = new CloneLoadBalancerRequest
            {
                LoadBalancerId = LoadBalancerId,
                LoadBalancerName = Name,
                ProjectId = ProjectId,
                Vip = Vip,
                ZoneId = ZoneId,
                InternetAccessible = InternetChargeType != null || InternetMaxBandwidthOut != null
                    ? new InternetAccessible { InternetChargeType = InternetChargeType, InternetMaxBandwidthOut = InternetMaxBandwidthOut }
                    : null,
                Tags = Tag?.Cast<DictionaryEntry>().Select(e => new TagInfo { TagKey = e.Key.ToString(), TagValue = e.Value?.ToString() }).ToList(),
            };
            var client = GetClient();
            Run(async cancellationToken =>
            {
                var task = await LoadBalancerOperations.CloneAsync(client, request, cancellationToken).ConfigureAwait(false);
                PostVerbose("CloneLoadBalancer accepted for " + LoadBalancerId + " (task " + task.TaskId + ").");
                await CompleteAsync(client, task, async ct =>
                {
                    var ids = LoadBalancerOperations.CloneIds(task, LoadBalancerId);
                    if (ids.Count == 0)
                    {
                        PostWarning("The clone task finished but did not name the new load balancer; find it with Get-ClbLoadBalancer.");
                        return null;
                    }
                    return await LoadBalancerOperations.GetManyAsync(client, ids, ct).ConfigureAwait(false);
                }, cancellationToken).ConfigureAwait(false);
            }, LoadBalancerId);
        }
    }
}
