using System.Management.Automation;
using ClbPowerShell.Client.Operations;
using ClbPowerShell.Client.Operations.Bulk;
using ClbPowerShell.Infrastructure;

namespace ClbPowerShell.Cmdlets.Targets
{
    /// <summary>
    /// <para type="synopsis">Unbinds CVM instances or ENI IPs from listeners and layer-7 rules.</para>
    /// <para type="description">Takes targets as parameters or from the pipeline (Get-ClbTarget, Find-ClbTargetBinding)
    /// and removes them together: DeregisterTargets per listener when one call per load balancer suffices,
    /// BatchDeregisterTargets in chunks of 500 otherwise. Each target that fails becomes one error.</para>
    /// </summary>
    [Cmdlet(VerbsLifecycle.Unregister, "ClbTarget", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(ClbTarget))]
    [ClbApiAction("DeregisterTargets", "BatchDeregisterTargets", "DescribeTaskStatus", "DescribeTargets")]
    public sealed class UnregisterClbTargetCommand : ClbTargetBulkCmdlet
    {
        private bool _yesToAll, _noToAll;

        /// <summary><para type="description">Unregister without asking for confirmation (-WhatIf still only shows what would happen).</para></summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary><para type="description">Emit the unregistered targets (ClbTarget objects); otherwise nothing is emitted.</para></summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override string Activity => "Deregistering targets";

        protected override void ProcessRecord()
        {
            var targets = RecordTargets();
            var client = GetClient();
            foreach (var t in targets)
            {
                if (!ShouldProcess(t.ToString(), "Unregister target")) continue;
                if (!Force && !ShouldContinue("Unregister " + t + "? It stops receiving traffic at once.", "Unregister target", ref _yesToAll, ref _noToAll)) continue;
                Gather(client, t);
            }
        }

        protected override void EndProcessing() =>
            RunGathered((client, targets, progress, ct) => BulkTargetOperations.DeregisterAsync(client, targets, null, progress, ct), PassThru);
    }
}
