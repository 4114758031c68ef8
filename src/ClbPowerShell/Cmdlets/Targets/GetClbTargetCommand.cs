using System.Linq;
using System.Management.Automation;
using System.Net;
using ClbPowerShell.Client.Operations;
using ClbPowerShell.Infrastructure;

namespace ClbPowerShell.Cmdlets.Targets
{
    /// <summary>
    /// <para type="synopsis">Gets the backends bound to a load balancer's listeners and rules, one object per binding.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "ClbTarget")]
    [OutputType(typeof(ClbTarget))]
    [ClbApiAction("DescribeTargets")]
    public sealed class GetClbTargetCommand : ClbCmdlet
    {
        /// <summary><para type="description">The load balancer (lb-xxxxxxxx). Binds from the LoadBalancerId of piped listeners, rules and targets.</para></summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidatePattern(ClbIdPatterns.LoadBalancer)]
        public string LoadBalancerId { get; set; } = "";

        /// <summary><para type="description">Only these listeners (lbl-xxxxxxxx); any number, sent 20 per call. Binds from piped listeners and rules.</para></summary>
        [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
        [ValidatePattern(ClbIdPatterns.Listener)]
        public string[]? ListenerId { get; set; }

        /// <summary><para type="description">Only the targets of this layer-7 rule (loc-xxxxxxxx). Binds from piped rules.</para></summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidatePattern(ClbIdPatterns.Location)]
        public string? LocationId { get; set; }

        /// <summary><para type="description">Only listeners of this protocol.</para></summary>
        [Parameter]
        [ValidateSet("TCP", "UDP", "TCP_SSL", "HTTP", "HTTPS", "QUIC")]
        public string? Protocol { get; set; }

        /// <summary><para type="description">Only the listener on this port (1 to 65535).</para></summary>
        [Parameter]
        [ValidateRange(1, 65535)]
        public int? Port { get; set; }

        /// <summary><para type="description">Only backends with these private IP addresses.</para></summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? PrivateIp { get; set; }

        /// <summary><para type="description">Only these CVM instances (ins-xxxxxxxx); matched after the answer, since the API cannot filter by instance.</para></summary>
        [Parameter]
        [ValidatePattern(ClbIdPatterns.Instance)]
        public string[]? InstanceId { get; set; }

        protected override void ProcessRecord()
        {
            if (PrivateIp != null)
                foreach (var ip in PrivateIp)
                    if (!IPAddress.TryParse(ip, out _))
                        RefuseParameter("PrivateIp", "'" + ip + "' is not an IP address.", ip);
            var query = new TargetQuery
            {
                LoadBalancerId = LoadBalancerId,
                ListenerIds = ListenerId?.ToList(),
                LocationId = LocationId,
                Protocol = Protocol,
                Port = Port,
                PrivateIps = PrivateIp?.ToList(),
                InstanceIds = InstanceId?.ToList(),
            };
            var client = GetClient();
            Run(async cancellationToken =>
            {
                var targets = await TargetQueryOperations.ListAsync(client, query, cancellationToken).ConfigureAwait(false);
                await EmitAsync(targets, enumerate: true).ConfigureAwait(false);
            }, LoadBalancerId);
        }
    }
}
