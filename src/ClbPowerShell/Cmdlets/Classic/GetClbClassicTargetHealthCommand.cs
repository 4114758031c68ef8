using System.Management.Automation;
using ClbPowerShell.Client.Models;
using ClbPowerShell.Client.Operations;
using ClbPowerShell.Infrastructure;

namespace ClbPowerShell.Cmdlets.Classic
{
    /// <summary>
    /// <para type="synopsis">Gets the health check status of the real servers of a classic load balancer, per listener.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "ClbClassicTargetHealth")]
    [OutputType(typeof(ClassicalHealth))]
    [ClbApiAction("DescribeClassicalLBHealthStatus")]
    public sealed class GetClbClassicTargetHealthCommand : ClbCmdlet
    {
        /// <summary><para type="description">The classic load balancer (lb-xxxxxxxx). Binds from piped ids, load balancers and classic listeners.</para></summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidatePattern(ClbIdPatterns.LoadBalancer)]
        public string LoadBalancerId { get; set; } = "";

        /// <summary><para type="description">Only this listener (lbl-xxxxxxxx). Binds from piped classic listeners; omitted, every listener is reported.</para></summary>
        [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
        [ValidateOptionalPattern(ClbIdPatterns.Listener)]
        public string? ListenerId { get; set; }

        /// <summary><para type="description">Only real servers whose health check fails (HealthStatus 0).</para></summary>
        [Parameter]
        public SwitchParameter Unhealthy { get; set; }

        protected override void ProcessRecord()
        {
            var client = GetClient();
            var lbId = LoadBalancerId;
            var listenerId = string.IsNullOrEmpty(ListenerId) ? null : ListenerId;
            Run(async cancellationToken =>
            {
                var rows = await ClassicOperations.HealthAsync(client, lbId, listenerId, cancellationToken).ConfigureAwait(false);
                foreach (var row in rows)
                    if (!Unhealthy || row.HealthStatus == 0) await EmitAsync(row).ConfigureAwait(false);
            }, listenerId ?? lbId);
        }
    }
}
