using System.Management.Automation;
using ClbPowerShell.Client.Models;
using ClbPowerShell.Client.Operations;
using ClbPowerShell.Infrastructure;

namespace ClbPowerShell.Cmdlets.Logs
{
    /// <summary>
    /// <para type="synopsis">Sends a load balancer's access or health check logs to a CLS log topic, or stops sending them.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "ClbLoadBalancerLog", DefaultParameterSetName = EnableSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(LoadBalancer))]
    [ClbApiAction("SetLoadBalancerClsLog", "DescribeLoadBalancers")]
    public sealed class SetClbLoadBalancerLogCommand : ClbCmdlet
    {
        private const string EnableSet = "Enable";
        private const string DisableSet = "Disable";

        /// <summary><para type="description">The load balancer (lb-xxxxxxxx). Binds from the LoadBalancerId of piped objects.</para></summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidatePattern(ClbIdPatterns.LoadBalancer)]
        public string LoadBalancerId { get; set; } = "";

        /// <summary><para type="description">The logset the topic is in. Binds from the LogSetId of piped objects (a topic from New-ClbLogTopic).</para></summary>
        [Parameter(ParameterSetName = EnableSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string LogSetId { get; set; } = "";

        /// <summary><para type="description">The topic that receives the logs. Binds from the LogTopicId of piped objects (a topic from New-ClbLogTopic).</para></summary>
        [Parameter(ParameterSetName = EnableSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string LogTopicId { get; set; } = "";

        /// <summary><para type="description">ACCESS (access logs, the default) or HEALTH (health check logs). Binds from the LogType of piped topics.</para></summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateOptionalPattern("^(?i:ACCESS|HEALTH)$")]
        public string? LogType { get; set; }

        /// <summary><para type="description">Stop sending the logs of -LogType (sends empty logset and topic ids).</para></summary>
        [Parameter(ParameterSetName = DisableSet, Mandatory = true)]
        public SwitchParameter Disable { get; set; }

        /// <summary><para type="description">Emit the load balancer as it is afterwards (its LogSetId/LogTopicId or HealthLogSetId/HealthLogTopicId show the change).</para></summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            var type = string.IsNullOrEmpty(LogType) ? LogOperations.Access : LogType!.ToUpperInvariant();
            var client = GetClient();
            var action = Disable ? "Stop sending " + type + " logs" : "Send " + type + " logs to topic " + LogTopicId;
            if (!ShouldProcess(LoadBalancerId + " (" + client.Region + ")", action)) return;
            Run(async cancellationToken =>
            {
                await LogOperations.SetLoadBalancerLogAsync(client, LoadBalancerId, Disable ? "" : LogSetId, Disable ? "" : LogTopicId, type, cancellationToken).ConfigureAwait(false);
                PostVerbose(action + " for " + LoadBalancerId + ".");
                if (PassThru) await EmitAsync(await LoadBalancerOperations.GetAsync(client, LoadBalancerId, cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
            }, LoadBalancerId);
        }
    }
}
