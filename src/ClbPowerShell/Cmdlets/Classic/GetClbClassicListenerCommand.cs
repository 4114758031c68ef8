using System.Linq;
using System.Management.Automation;
using ClbPowerShell.Client.Models;
using ClbPowerShell.Client.Operations;
using ClbPowerShell.Infrastructure;

namespace ClbPowerShell.Cmdlets.Classic
{
    /// <summary>
    /// <para type="synopsis">Gets the listeners of classic load balancers.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "ClbClassicListener")]
    [OutputType(typeof(ClassicalListener))]
    [ClbApiAction("DescribeClassicalLBListeners")]
    public sealed class GetClbClassicListenerCommand : ClbCmdlet
    {
        /// <summary><para type="description">Classic load balancers (lb-xxxxxxxx), one request each. Binds from piped ids and objects.</para></summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidatePattern(ClbIdPatterns.LoadBalancer)]
        public string[] LoadBalancerId { get; set; } = new string[0];

        /// <summary><para type="description">Only these listeners (lbl-xxxxxxxx; up to 100).</para></summary>
        [Parameter(Position = 1)]
        [ValidateCount(1, 100)]
        [ValidatePattern(ClbIdPatterns.Listener)]
        public string[]? ListenerId { get; set; }

        /// <summary><para type="description">Only listeners of this protocol: TCP, UDP, HTTP or HTTPS.</para></summary>
        [Parameter]
        [ValidateSet("TCP", "UDP", "HTTP", "HTTPS")]
        public string? Protocol { get; set; }

        /// <summary><para type="description">Only the listener on this port (1 to 65535).</para></summary>
        [Parameter]
        [ValidateRange(1, 65535)]
        public int? ListenerPort { get; set; }

        /// <summary><para type="description">Only listeners in this state: 0 (being created) or 1 (running).</para></summary>
        [Parameter]
        [ValidateRange(0, 1)]
        public int? Status { get; set; }

        protected override void ProcessRecord()
        {
            var client = GetClient();
            foreach (var id in LoadBalancerId)
            {
                var query = new DescribeClassicalLBListenersRequest
                {
                    LoadBalancerId = id,
                    ListenerIds = ListenerId?.Distinct().ToList(),
                    Protocol = Protocol,
                    ListenerPort = ListenerPort,
                    Status = Status,
                };
                Run(async cancellationToken =>
                {
                    var listeners = await ClassicOperations.ListListenersAsync(client, query, cancellationToken).ConfigureAwait(false);
                    await EmitAsync(listeners, enumerate: true).ConfigureAwait(false);
                }, id);
            }
        }
    }
}
