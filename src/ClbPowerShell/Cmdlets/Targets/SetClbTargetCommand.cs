using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using ClbPowerShell.Client.Operations;
using ClbPowerShell.Client.Operations.Bulk;
using ClbPowerShell.Infrastructure;

namespace ClbPowerShell.Cmdlets.Targets
{
    /// <summary>
    /// <para type="synopsis">Changes the weight or the port of bound targets.</para>
    /// <para type="description">-Weight sets the forwarding weight: BatchModifyTargetWeight (500 per call, across the
    /// listeners of one load balancer) when more than one ModifyTargetWeight call would be needed. -NewPort moves the
    /// targets to another port with ModifyTargetPort (20 per call, per listener or rule). With both, the port changes first
    /// and the weight is then set on the new port.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "ClbTarget", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(ClbTarget))]
    [ClbApiAction("ModifyTargetWeight", "BatchModifyTargetWeight", "ModifyTargetPort", "DescribeTaskStatus", "DescribeTargets")]
    public sealed class SetClbTargetCommand : ClbTargetBulkCmdlet
    {
        /// <summary><para type="description">The new forwarding weight (0 to 100; 0 stops new traffic to the target).</para></summary>
        [Parameter]
        [ValidateRange(0, 100)]
        public int? Weight { get; set; }

        /// <summary><para type="description">The port to move the targets to (1 to 65535).</para></summary>
        [Parameter]
        [ValidateRange(1, 65535)]
        public int? NewPort { get; set; }

        /// <summary><para type="description">Emit the changed targets (ClbTarget objects); otherwise nothing is emitted.</para></summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override string Activity => "Changing targets";

        protected override void BeginProcessing()
        {
            if (Weight == null && NewPort == null)
                RefuseParameter("Weight", "give -Weight, -NewPort or both.");
            base.BeginProcessing();
        }

        protected override void ProcessRecord()
        {
            var targets = RecordTargets();
            var client = GetClient();
            foreach (var t in targets)
            {
                var what = new List<string>();
                if (NewPort != null && NewPort != t.Port) what.Add("port " + t.Port + " -> " + NewPort);
                if (Weight != null) what.Add("weight -> " + Weight);
                if (what.Count == 0) continue;
                if (!ShouldProcess(t.ToString(), "Set target " + string.Join(", ", what))) continue;
                if (NewPort != null && NewPort != t.Port) t.NewPort = NewPort;
                t.Weight = Weight;
                Gather(client, t);
            }
        }

        protected override void EndProcessing() =>
            RunGathered(async (client, targets, progress, ct) =>
            {
                var results = new List<BulkResult>();
                var moving = targets.Where(t => t.NewPort != null).ToList();
                var weighing = targets.Where(t => t.NewPort == null && t.Weight != null).ToList();
                if (moving.Count > 0)
                {
                    var moved = await BulkTargetOperations.SetPortAsync(client, moving, null, progress, ct).ConfigureAwait(false);
                    var then = moved.Succeeded.Where(o => o.Target.Weight != null).Select(o =>
                    {
                        var t = o.Target.Clone();
                        t.Port = t.NewPort!.Value;
                        t.NewPort = null;
                        return t;
                    }).ToList();
                    // A moved target whose weight also changes is reported by its weight change.
                    results.Add(new BulkResult(moved.Outcomes.Where(o => !o.Succeeded || o.Target.Weight == null).ToList()));
                    weighing.AddRange(then);
                }
                if (weighing.Count > 0)
                    results.Add(await BulkTargetOperations.SetWeightAsync(client, weighing, null, progress, ct).ConfigureAwait(false));
                return BulkResult.Combine(results.ToArray());
            }, PassThru);
    }
}
