using System.Linq;
using System.Management.Automation;
using ClbPowerShell.Client.Models;
using ClbPowerShell.Client.Operations;
using ClbPowerShell.Infrastructure;

namespace ClbPowerShell.Cmdlets.Listeners
{
    /// <summary>
    /// <para type="synopsis">Gets the listeners of a load balancer.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "ClbListener")]
    [OutputType(typeof(Listener))]
    [ClbApiAction("DescribeListeners")]
    public sealed class GetClbListenerCommand : ClbCmdlet
    {
        /// <summary><para type="description">The load balancer whose listeners to get (lb-xxxxxxxx). Binds from the LoadBalancerId of piped objects, so Get-ClbLoadBalancer | Get-ClbListener works.</para></summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidatePattern(ClbIdPatterns.LoadBalancer)]
        public string LoadBalancerId { get; set; } = "";

        /// <summary><para type="description">Only these listeners (lbl-xxxxxxxx).</para></summary>
        [Parameter(Position = 1)]
        [ValidatePattern(ClbIdPatterns.Listener)]
        public string[]? ListenerId { get; set; }

        /// <summary><para type="description">Only listeners of this protocol.</para></summary>
        [Parameter]
        [ValidateSet("TCP", "UDP", "TCP_SSL", "HTTP", "HTTPS", "QUIC")]
        public string? Protocol { get; set; }

        /// <summary><para type="description">Only the listener on this port (1 to 65535).</para></summary>
        [Parameter]
        [ValidateRange(1, 65535)]
        public int? Port { get; set; }

        /// <summary><para type="description">Only listeners whose name matches; wildcards (*, ?) allowed.</para></summary>
        [Parameter]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string? Name { get; set; }

        protected override void ProcessRecord()
        {
            var query = new DescribeListenersRequest
            {
                LoadBalancerId = LoadBalancerId,
                ListenerIds = ListenerId?.ToList(),
                Protocol = Protocol,
                Port = Port,
            };
            var match = Name == null ? null : Wildcard.Matcher(Name);
            var client = GetClient();
            Run(async cancellationToken =>
            {
                var listeners = await ListenerOperations.ListAsync(client, query, cancellationToken).ConfigureAwait(false);
                await EmitAsync(match == null ? listeners : listeners.Where(l => match(l.ListenerName)).ToList(), enumerate: true).ConfigureAwait(false);
            }, LoadBalancerId);
        }
    }
}
