using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using ClbPowerShell.Client.Models;
using ClbPowerShell.Client.Operations;
using ClbPowerShell.Infrastructure;

namespace ClbPowerShell.Cmdlets.Rules
{
    /// <summary>
    /// <para type="synopsis">Changes a layer-7 forwarding rule: its URL, health check, scheduler, session persistence or forward protocol.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "ClbRule", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(ClbTask), typeof(RuleOutput))]
    [ClbApiAction("ModifyRule", "DescribeListeners")]
    public sealed class SetClbRuleCommand : ClbAsyncCmdlet
    {
        /// <summary><para type="description">The load balancer (lb-xxxxxxxx). Binds from the LoadBalancerId property of piped rules.</para></summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ValidatePattern(ClbIdPatterns.LoadBalancer)]
        public string LoadBalancerId { get; set; } = "";

        /// <summary><para type="description">The listener (lbl-xxxxxxxx) the rule belongs to. Binds from the ListenerId property of piped rules.</para></summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ValidatePattern(ClbIdPatterns.Listener)]
        public string ListenerId { get; set; } = "";

        /// <summary><para type="description">The rule to change (loc-xxxxxxxx). Binds from the LocationId property of piped rules.</para></summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidatePattern(ClbIdPatterns.Location)]
        public string LocationId { get; set; } = "";

        /// <summary><para type="description">The new URL path of the rule, starting with '/' (or '~' for a regular expression). Never taken from the pipeline.</para></summary>
        [Parameter]
        [ValidatePattern(RuleParameters.UrlPattern)]
        public string? Url { get; set; }

        /// <summary><para type="description">Health check fields to change, as a hashtable of HealthCheck fields: @{ HttpCheckPath = '/ping'; HealthNum = 3 }. Fields left out keep their values.</para></summary>
        [Parameter]
        [ValidateNotNull]
        public Hashtable? HealthCheck { get; set; }

        /// <summary><para type="description">How requests are spread over the targets: WRR, LEAST_CONN or IP_HASH.</para></summary>
        [Parameter]
        [ValidateSet("WRR", "LEAST_CONN", "IP_HASH")]
        public string? Scheduler { get; set; }

        /// <summary><para type="description">Session persistence in seconds: 0 turns it off, otherwise 30 to 3600.</para></summary>
        [Parameter]
        [ValidateRange(0, 3600)]
        public long? SessionExpireTime { get; set; }

        /// <summary><para type="description">The protocol from the load balancer to the targets: HTTP, HTTPS or TRPC.</para></summary>
        [Parameter]
        [ValidateSet("HTTP", "HTTPS", "TRPC")]
        public string? ForwardType { get; set; }

        /// <summary><para type="description">The tRPC callee route; needed with -ForwardType TRPC.</para></summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? TrpcCallee { get; set; }

        /// <summary><para type="description">The tRPC function to call; needed with -ForwardType TRPC.</para></summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? TrpcFunc { get; set; }

        protected override void ProcessRecord()
        {
            HealthCheck? health = null;
            if (HealthCheck != null)
            {
                health = RuleParameters.ToModel<HealthCheck>(HealthCheck, out var error);
                if (health == null) RefuseParameter("HealthCheck", error!);
            }
            if (RuleParameters.CheckSessionExpireTime(SessionExpireTime) is { } sessionError) RefuseParameter("SessionExpireTime", sessionError);
            if (ForwardType == "TRPC" && (TrpcCallee == null || TrpcFunc == null))
                RefuseParameter("ForwardType", "-ForwardType TRPC needs -TrpcCallee and -TrpcFunc.");
            if (ForwardType != null && ForwardType != "TRPC" && (TrpcCallee != null || TrpcFunc != null))
                RefuseParameter("TrpcCallee", "-TrpcCallee and -TrpcFunc apply only with -ForwardType TRPC.");
            if (Url == null && health == null && Scheduler == null && SessionExpireTime == null && ForwardType == null && TrpcCallee == null && TrpcFunc == null)
                RefuseParameter("Url", "give at least one change: -Url, -HealthCheck, -Scheduler, -SessionExpireTime, -ForwardType, -TrpcCallee or -TrpcFunc.");

            var changes = new List<string>();
            if (Url != null) changes.Add("Url=" + Url);
            if (health != null) changes.Add("HealthCheck");
            if (Scheduler != null) changes.Add("Scheduler=" + Scheduler);
            if (SessionExpireTime != null) changes.Add("SessionExpireTime=" + SessionExpireTime);
            if (ForwardType != null) changes.Add("ForwardType=" + ForwardType);
            if (!ShouldProcess(LocationId + " on " + ListenerId, "Modify rule (" + string.Join(", ", changes) + ")")) return;

            var request = new ModifyRuleRequest
            {
                LoadBalancerId = LoadBalancerId,
                ListenerId = ListenerId,
                LocationId = LocationId,
                Url = Url,
                HealthCheck = health,
                Scheduler = Scheduler,
                SessionExpireTime = SessionExpireTime,
                ForwardType = ForwardType,
                TrpcCallee = TrpcCallee,
                TrpcFunc = TrpcFunc,
            };
            var client = GetClient();
            Run(async cancellationToken =>
            {
                var task = await RuleOperations.ModifyAsync(client, request, cancellationToken).ConfigureAwait(false);
                await CompleteAsync(client, task, async ct =>
                    await RuleOperations.GetByLocationAsync(client, LoadBalancerId, ListenerId, new[] { LocationId }, ct).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            }, LocationId);
        }
    }
}
