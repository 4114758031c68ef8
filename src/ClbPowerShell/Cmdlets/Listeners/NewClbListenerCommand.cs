using System.Linq;
using System.Management.Automation;
using ClbPowerShell.Client.Models;
using ClbPowerShell.Client.Operations;
using ClbPowerShell.Infrastructure;

namespace ClbPowerShell.Cmdlets.Listeners
{
    /// <summary>
    /// <para type="synopsis">Creates listeners on a load balancer, one per port.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.New, "ClbListener", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(ClbTask), typeof(Listener))]
    [ClbApiAction("CreateListener", "DescribeListeners")]
    public sealed class NewClbListenerCommand : ClbListenerSettingsCmdlet
    {
        /// <summary><para type="description">The load balancer to add listeners to (lb-xxxxxxxx). Binds from the LoadBalancerId of piped objects.</para></summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidatePattern(ClbIdPatterns.LoadBalancer)]
        public string LoadBalancerId { get; set; } = "";

        /// <summary><para type="description">The listener protocol: TCP, UDP, TCP_SSL, HTTP, HTTPS or QUIC.</para></summary>
        [Parameter(Mandatory = true, Position = 1)]
        [ValidateSet("TCP", "UDP", "TCP_SSL", "HTTP", "HTTPS", "QUIC")]
        public string Protocol { get; set; } = "";

        /// <summary><para type="description">The ports to listen on (1 to 65535); one listener is created per port, up to 50 in one call.</para></summary>
        [Parameter(Mandatory = true, Position = 2)]
        [ValidateRange(1, 65535)]
        [ValidateCount(1, 50)]
        public int[] Port { get; set; } = new int[0];

        /// <summary><para type="description">Listener names, one per port in the same order (up to 255 characters each).</para></summary>
        [Parameter]
        [ValidateLength(1, 255)]
        public string[]? Name { get; set; }

        protected override void ProcessRecord()
        {
            var request = new CreateListenerRequest
            {
                LoadBalancerId = LoadBalancerId,
                Protocol = Protocol,
                Ports = Port.Select(p => (long)p).ToList(),
                ListenerNames = Name?.ToList(),
                HealthCheck = BuildHealthCheck(),
                Certificate = BuildCertificate(),
                Scheduler = Scheduler,
                SessionExpireTime = SessionExpireTime,
                SniSwitch = SniSwitch.IsPresent ? 1 : (long?)null,
            };
            Refuse(ListenerOperations.CheckCreate(request));
            if (!ShouldProcess(LoadBalancerId, "Create " + Protocol + " listener on port " + string.Join(", ", Port))) return;
            var client = GetClient();
            Run(async cancellationToken =>
            {
                var (task, ids) = await ListenerOperations.CreateAsync(client, request, cancellationToken).ConfigureAwait(false);
                PostVerbose("CreateListener accepted: " + string.Join(", ", ids) + " on " + LoadBalancerId + " (task " + task.TaskId + ").");
                await CompleteAsync(client, task, async ct => await ListenerOperations.GetAsync(client, LoadBalancerId, ids, ct).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            }, LoadBalancerId);
        }
    }
}
