using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using ClbPowerShell.Client;
using ClbPowerShell.Client.Operations;
using ClbPowerShell.Infrastructure;

namespace ClbPowerShell.Cmdlets.Targets
{
    /// <summary>
    /// <para type="synopsis">Gets the health check status of the backends of load balancers, one object per backend binding.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "ClbTargetHealth")]
    [OutputType(typeof(ClbTargetHealth))]
    [ClbApiAction("DescribeTargetHealth")]
    public sealed class GetClbTargetHealthCommand : ClbCmdlet
    {
        private readonly List<(ClbClient Client, string Id)> _pending = new List<(ClbClient, string)>();

        /// <summary><para type="description">The load balancers (lb-xxxxxxxx). Piped ids and objects are gathered and asked 20 per call.</para></summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidatePattern(ClbIdPatterns.LoadBalancer)]
        public string[] LoadBalancerId { get; set; } = new string[0];

        /// <summary><para type="description">Only backends whose health check fails (HealthStatus false).</para></summary>
        [Parameter]
        public SwitchParameter Unhealthy { get; set; }

        protected override void ProcessRecord()
        {
            var client = GetClient();
            foreach (var id in LoadBalancerId)
                if (!_pending.Any(p => p.Client == client && p.Id == id)) _pending.Add((client, id));
        }

        protected override void EndProcessing()
        {
            foreach (var group in _pending.GroupBy(p => p.Client))
            {
                var client = group.Key;
                var ids = group.Select(p => p.Id).ToList();
                Run(async cancellationToken =>
                {
                    var health = await TargetQueryOperations.HealthAsync(client, ids, cancellationToken,
                        (id, ex) => PostError(ex, id)).ConfigureAwait(false);
                    // Report in the order the load balancers were asked for.
                    var ordered = health.OrderBy(h => ids.IndexOf(h.LoadBalancerId)).Where(h => !Unhealthy || h.HealthStatus == false).ToList();
                    await EmitAsync(ordered, enumerate: true).ConfigureAwait(false);
                }, ids.Count == 1 ? ids[0] : (object)ids.ToArray());
            }
        }
    }
}
