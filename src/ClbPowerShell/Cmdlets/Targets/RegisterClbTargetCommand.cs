using System.Management.Automation;
using ClbPowerShell.Client.Operations;
using ClbPowerShell.Client.Operations.Bulk;
using ClbPowerShell.Infrastructure;

namespace ClbPowerShell.Cmdlets.Targets
{
    /// <summary>
    /// <para type="synopsis">Binds CVM instances or ENI IPs to listeners and layer-7 rules.</para>
    /// <para type="description">Gathers every target (given or piped) and registers them together: RegisterTargets per
    /// listener when one call per load balancer suffices, BatchRegisterTargets in chunks of 500 otherwise; calls to one
    /// load balancer wait for each other's tasks, load balancers proceed in parallel. Each target that fails becomes one
    /// error; the others are registered.</para>
    /// </summary>
    [Cmdlet(VerbsLifecycle.Register, "ClbTarget", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(ClbTarget))]
    [ClbApiAction("RegisterTargets", "BatchRegisterTargets", "DescribeTaskStatus", "DescribeTargets")]
    public sealed class RegisterClbTargetCommand : ClbTargetBulkCmdlet
    {
        /// <summary><para type="description">The forwarding weight (0 to 100); the service uses 10 when omitted. Binds by property name.</para></summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateRange(0, 100)]
        public int? Weight { get; set; }

        /// <summary><para type="description">Emit the registered targets (ClbTarget objects); otherwise nothing is emitted.</para></summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override string Activity => "Registering targets";

        protected override void ProcessRecord()
        {
            var targets = RecordTargets();
            var client = GetClient();
            foreach (var t in targets)
            {
                t.Weight = Weight;
                if (!ShouldProcess(t.ToString(), "Register target" + (Weight != null ? " with weight " + Weight : ""))) continue;
                Gather(client, t);
            }
        }

        protected override void EndProcessing() =>
            RunGathered((client, targets, progress, ct) => BulkTargetOperations.RegisterAsync(client, targets, null, progress, ct), PassThru);
    }
}
