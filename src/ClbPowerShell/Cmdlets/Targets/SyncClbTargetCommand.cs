using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using ClbPowerShell.Client.Operations;
using ClbPowerShell.Client.Operations.Bulk;
using ClbPowerShell.Infrastructure;

namespace ClbPowerShell.Cmdlets.Targets
{
    /// <summary>
    /// <para type="synopsis">Makes the targets of a listener or layer-7 rule equal a desired set.</para>
    /// <para type="description">Reads what is bound (DescribeTargets), plans the changes - register the missing, move
    /// backends that only change port, correct weights, deregister the extra - and carries them out in that order.
    /// -WhatIf prints one line per change and sends nothing. -Drain sets the leaving targets' weight to 0 first, waits that
    /// many seconds, then deregisters them (rolling deployments).</para>
    /// </summary>
    [Cmdlet(VerbsData.Sync, "ClbTarget", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = LocationSet)]
    [OutputType(typeof(ClbTarget))]
    [ClbApiAction("DescribeTargets", "RegisterTargets", "BatchRegisterTargets", "DeregisterTargets", "BatchDeregisterTargets",
        "ModifyTargetWeight", "BatchModifyTargetWeight", "ModifyTargetPort", "DescribeTaskStatus")]
    public sealed class SyncClbTargetCommand : ClbCmdlet
    {
        private const string LocationSet = "ByLocationId";
        private const string DomainSet = "ByDomainUrl";
        private readonly List<TargetSpec> _desired = new List<TargetSpec>();

        /// <summary><para type="description">The load balancer (lb-xxxxxxxx).</para></summary>
        [Parameter(Mandatory = true)]
        [ValidatePattern(ClbIdPatterns.LoadBalancer)]
        public string LoadBalancerId { get; set; } = "";

        /// <summary><para type="description">The listener (lbl-xxxxxxxx) whose targets are synchronized.</para></summary>
        [Parameter(Mandatory = true)]
        [ValidatePattern(ClbIdPatterns.Listener)]
        public string ListenerId { get; set; } = "";

        /// <summary><para type="description">The layer-7 rule (loc-xxxxxxxx) whose targets are synchronized; omit on layer-4 listeners.</para></summary>
        [Parameter(ParameterSetName = LocationSet)]
        [ValidatePattern(ClbIdPatterns.Location)]
        public string? LocationId { get; set; }

        /// <summary><para type="description">With -Url, names the layer-7 rule by its domain.</para></summary>
        [Parameter(Mandatory = true, ParameterSetName = DomainSet)]
        [ValidatePattern(ClbIdPatterns.Domain)]
        public string? Domain { get; set; }

        /// <summary><para type="description">With -Domain, names the layer-7 rule by its URL path.</para></summary>
        [Parameter(Mandatory = true, ParameterSetName = DomainSet)]
        [ValidateLength(1, 200)]
        public string? Url { get; set; }

        /// <summary>
        /// <para type="description">The desired targets: hashtables such as @{InstanceId='ins-xxxxxxxx'; Port=80; Weight=10} (EniIp instead of
        /// InstanceId for an IP target; Weight optional), or ClbTarget objects from the pipeline. An empty set removes every target.</para>
        /// </summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [AllowEmptyCollection]
        public object[] Target { get; set; } = new object[0];

        /// <summary><para type="description">Seconds (1 to 3600) to drain leaving targets: their weight is set to 0, then they are deregistered after this long.</para></summary>
        [Parameter]
        [ValidateRange(1, 3600)]
        public int Drain { get; set; }

        /// <summary><para type="description">Emit the targets of the listener or rule after the sync.</para></summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            foreach (var item in Target ?? new object[0])
            {
                var spec = TargetInput.Parse(item, out var problem);
                if (spec == null) RefuseParameter("Target", problem ?? "the target could not be read.", item);
                else _desired.Add(spec);
            }
        }

        protected override void EndProcessing()
        {
            var duplicate = _desired.GroupBy(d => d.BackendKey).FirstOrDefault(g => g.Count() > 1);
            if (duplicate != null) RefuseParameter("Target", "the desired set names " + duplicate.Key + " more than once.");
            var client = GetClient();
            Run(async cancellationToken =>
            {
                var location = LocationId;
                if (Domain != null)
                {
                    location = await TargetSync.ResolveLocationAsync(client, LoadBalancerId, ListenerId, Domain, Url!, cancellationToken).ConfigureAwait(false);
                    if (location == null)
                        throw new Client.ClbApiException("InvalidParameter.LocationNotFound", "The listener " + ListenerId + " has no rule for " + Domain + Url + ".",
                            null, "DescribeTargets", client.Endpoint.ToString());
                }
                var current = await TargetSync.ReadAsync(client, LoadBalancerId, ListenerId, location, cancellationToken).ConfigureAwait(false);
                var plan = TargetSync.Plan(current, _desired, LoadBalancerId, ListenerId, location);
                PostVerbose("Sync plan for " + ListenerId + (location != null ? "/" + location : "") + ": " + plan.Changes.Count + " change(s), " +
                            plan.Unchanged.Count + " target(s) already as wanted.");
                var approved = new List<TargetChange>();
                foreach (var change in plan.Changes)
                {
                    var what = change.Operation == TargetOperation.Deregister && Drain > 0 ? "Drain for " + Drain + " s, then deregister" : change.Description;
                    if (await ShouldProcessAsync(change.Target.ToString(), what).ConfigureAwait(false)) approved.Add(change);
                }
                var chosen = new HashSet<TargetChange>(approved);
                var toApply = plan.Where(chosen.Contains);
                if (!toApply.IsEmpty)
                {
                    var activity = "Synchronizing targets of " + ListenerId;
                    var result = await TargetSync.ApplyAsync(client, toApply, TimeSpan.FromSeconds(Drain), null,
                        new Relay(this, activity), PostVerbose, cancellationToken).ConfigureAwait(false);
                    foreach (var failed in result.Failed)
                        PostError(failed.Error ?? new Client.ClbException("The change of " + failed.Target + " failed."), failed.Target.ToClbTarget(client.Region));
                    PostProgress(new ProgressRecord(ClbTargetBulkCmdlet.ProgressActivityId, activity, "Done") { RecordType = ProgressRecordType.Completed });
                }
                if (PassThru)
                    await EmitAsync(await TargetSync.ReadAsync(client, LoadBalancerId, ListenerId, location, cancellationToken).ConfigureAwait(false), enumerate: true).ConfigureAwait(false);
            }, ListenerId);
        }

        private sealed class Relay : IProgress<BulkProgress>
        {
            private readonly SyncClbTargetCommand _cmdlet;
            private readonly string _activity;
            public Relay(SyncClbTargetCommand cmdlet, string activity) { _cmdlet = cmdlet; _activity = activity; }
            public void Report(BulkProgress value) => _cmdlet.PostProgress(TargetInput.ToRecord(_activity, value));
        }
    }
}
