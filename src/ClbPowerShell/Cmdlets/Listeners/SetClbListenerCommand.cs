using System.Collections.Generic;
using System.Management.Automation;
using ClbPowerShell.Client.Models;
using ClbPowerShell.Client.Operations;
using ClbPowerShell.Infrastructure;

namespace ClbPowerShell.Cmdlets.Listeners
{
    /// <summary>
    /// <para type="synopsis">Changes a listener's name, health check, certificate, scheduler or session persistence.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "ClbListener", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(ClbTask), typeof(Listener))]
    [ClbApiAction("ModifyListener", "DescribeListeners")]
    public sealed class SetClbListenerCommand : ClbListenerSettingsCmdlet
    {
        /// <summary><para type="description">The listener's load balancer (lb-xxxxxxxx). Binds from the LoadBalancerId of piped listeners.</para></summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidatePattern(ClbIdPatterns.LoadBalancer)]
        public string LoadBalancerId { get; set; } = "";

        /// <summary><para type="description">The listener to change (lbl-xxxxxxxx). Binds from the ListenerId of piped listeners.</para></summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [ValidatePattern(ClbIdPatterns.Listener)]
        public string ListenerId { get; set; } = "";

        /// <summary><para type="description">The listener's protocol, when known (it binds from piped listeners): lets settings that do not fit the protocol be refused before sending.</para></summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateSet("TCP", "UDP", "TCP_SSL", "HTTP", "HTTPS", "QUIC")]
        public string? Protocol { get; set; }

        /// <summary><para type="description">The new listener name (up to 255 characters).</para></summary>
        [Parameter]
        [ValidateLength(1, 255)]
        public string? Name { get; set; }

        protected override void ProcessRecord()
        {
            var request = new ModifyListenerRequest
            {
                LoadBalancerId = LoadBalancerId,
                ListenerId = ListenerId,
                ListenerName = Name,
                HealthCheck = BuildHealthCheck(),
                Certificate = BuildCertificate(),
                Scheduler = Scheduler,
                SessionExpireTime = SessionExpireTime,
                SniSwitch = SniSwitch.IsPresent ? 1 : (long?)null,
            };
            if (request.ListenerName == null && request.HealthCheck == null && request.Certificate == null && request.Scheduler == null &&
                request.SessionExpireTime == null && request.SniSwitch == null)
                RefuseParameter("Name", "give at least one setting to change (-Name, a health check parameter, a certificate, -Scheduler, -SessionExpireTime or -SniSwitch).");
            Refuse(ListenerOperations.CheckModify(request, Protocol));
            if (!ShouldProcess(ListenerId + " on " + LoadBalancerId, "Modify listener")) return;
            var client = GetClient();
            Run(async cancellationToken =>
            {
                var task = await ListenerOperations.ModifyAsync(client, request, cancellationToken).ConfigureAwait(false);
                PostVerbose("ModifyListener accepted for " + ListenerId + " (task " + task.TaskId + ").");
                await CompleteAsync(client, task, async ct =>
                    await ListenerOperations.GetAsync(client, LoadBalancerId, new List<string> { ListenerId }, ct).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            }, ListenerId);
        }
    }
}
